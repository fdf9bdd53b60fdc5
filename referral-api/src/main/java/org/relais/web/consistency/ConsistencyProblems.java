package org.relais.web.consistency;

import org.relais.core.api.ErrorCode;
import org.relais.web.problem.Problems;
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

    @ExceptionHandler(ReadModelsBehindException.class)
    ResponseEntity<ProblemDetail> behind(ReadModelsBehindException e) {
        ProblemDetail problem = Problems.detail(ErrorCode.READ_MODELS_BEHIND, "The read models have not yet "
                + "reached the position asked for in " + ConsistentReads.CONSISTENT_WITH + "; try again shortly.");
        return ResponseEntity.status(problem.getStatus())
                .header(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, e.retryAfter().toSeconds())))
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
