package org.relais.app.http.problem;

import java.util.UUID;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.relais.core.api.ErrorCode;
import org.relais.core.privacy.SafeTrace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Replaces Boot's {@code /error} page: whatever reaches the servlet container's error path (a failure outside any
 * controller, a rejected request, a {@code sendError} of a filter) is answered with a problem document like every
 * other failure, without the exception, its message, the trace or the path.
 */
@RestController
class ProblemErrorController implements ErrorController {

    private static final Logger log = LoggerFactory.getLogger(ProblemErrorController.class);

    private final Problems problems;

    ProblemErrorController(Problems problems) {
        this.problems = problems;
    }

    @RequestMapping(path = "/error", produces = {MediaType.APPLICATION_PROBLEM_JSON_VALUE,
            MediaType.APPLICATION_JSON_VALUE, "*/*"})
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        // Called directly (no error being forwarded), /error is just a page that does not exist.
        int code = status instanceof Integer value ? value : 404;
        ErrorCode problem = ProblemErrorReportValve.codeFor(code);
        ProblemDetail detail = problems.of(problem, LocaleContextHolder.getLocale());
        if (problem == ErrorCode.INTERNAL_ERROR) {
            String incident = UUID.randomUUID().toString();
            Object failure = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
            log.error("Unexpected failure outside the API's handlers, incident {}: {}", incident,
                    failure instanceof Throwable throwable ? SafeTrace.of(throwable) : "status " + code);
            detail.setProperty("incident", incident);
        }
        return ResponseEntity.status(detail.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(detail);
    }
}
