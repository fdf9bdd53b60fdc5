package org.relais.app.http.problem;

import java.net.URI;
import java.util.List;
import java.util.Locale;

import org.relais.core.api.ErrorCode;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/** Builds RFC 9457 problem documents carrying a stable {@code code} member, every text in one language. */
@Component
public class Problems {

    private final ProblemTexts texts;

    Problems(ProblemTexts texts) {
        this.texts = texts;
    }

    public ProblemDetail of(ErrorCode code, Locale locale) {
        return of(code, null, List.of(), locale);
    }

    ProblemDetail of(ErrorCode code, String reason, List<?> arguments, Locale locale) {
        HttpStatus status = ProblemStatus.of(code);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status,
                texts.detail(code, reason, arguments, locale));
        problem.setType(URI.create("urn:relais:problem:" + code.name().toLowerCase(Locale.ROOT).replace('_', '-')));
        problem.setTitle(texts.title(code, locale));
        problem.setProperty("code", code.name());
        return problem;
    }

    static ProblemDetail withErrors(ProblemDetail problem, List<ProblemError> errors) {
        if (!errors.isEmpty()) {
            problem.setProperty("errors", errors);
        }
        return problem;
    }

    static ResponseEntity<ProblemDetail> response(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
