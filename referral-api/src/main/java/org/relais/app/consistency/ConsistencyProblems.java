package org.relais.app.consistency;

import org.relais.core.api.ErrorCode;
import org.relais.app.http.problem.Problems;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** A read whose read models are still behind its position: 503, to be tried again, rather than stale data. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class ConsistencyProblems {

    private final Problems problems;

    ConsistencyProblems(Problems problems) {
        this.problems = problems;
    }

    @ExceptionHandler(ReadModelsBehindException.class)
    ResponseEntity<ProblemDetail> behind(ReadModelsBehindException e) {
        ProblemDetail problem = problems.of(ErrorCode.READ_MODELS_BEHIND, LocaleContextHolder.getLocale());
        return ResponseEntity.status(problem.getStatus())
                .header(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, e.retryAfter().toSeconds())))
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
