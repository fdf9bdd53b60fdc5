package org.relais.app.http.problem;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One thing wrong with a request, in the {@code errors} member of a problem: a body member by its JSON pointer
 * ({@code /victim/contact}), or a query parameter or a header by its name; what it must be; and, for an enum or a
 * sort, the values accepted. The rejected value is never repeated (it may be personal data).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProblemError(String pointer, String parameter, String header, String detail, List<String> allowed) {

    static ProblemError member(String pointer, String detail) {
        return new ProblemError(pointer, null, null, detail, null);
    }

    static ProblemError member(String pointer, String detail, List<String> allowed) {
        return new ProblemError(pointer, null, null, detail, allowed);
    }

    static ProblemError parameter(String name, String detail, List<String> allowed) {
        return new ProblemError(null, name, null, detail, allowed);
    }

    static ProblemError header(String name, String detail) {
        return new ProblemError(null, null, name, detail, null);
    }
}
