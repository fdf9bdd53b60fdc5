package org.relais.app.http.problem;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.relais.core.api.ErrorCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.LocaleResolver;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a problem document from servlet filters (security), where no controller advice runs, in the language the
 * request asks for.
 */
@Component
public class ProblemWriter {

    private final JsonMapper json;
    private final Problems problems;
    private final LocaleResolver languages;

    ProblemWriter(JsonMapper json, Problems problems, LocaleResolver languages) {
        this.json = json;
        this.problems = problems;
        this.languages = languages;
    }

    public void write(HttpServletRequest request, HttpServletResponse response, ErrorCode code) throws IOException {
        write(request, response, code, null);
    }

    /** {@code reason} picks one form of the code's text ({@code problem.<CODE>.<reason>}), or null. */
    public void write(HttpServletRequest request, HttpServletResponse response, ErrorCode code, String reason,
                      Object... arguments) throws IOException {
        ProblemDetail problem = problems.of(code, reason, List.of(arguments), languages.resolveLocale(request));
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }
}
