package org.relais.web.problem;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.messaging.HandlerExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.ConflictingModificationException;
import org.relais.core.api.ErrorCode;
import org.relais.core.privacy.SafeTrace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.ConstraintViolationException;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Every failure of the API becomes a problem document with a stable code, here and only here. Details never echo
 * the request (it may hold personal data) nor name a class; unexpected failures are logged with an incident id
 * that the answer repeats.
 */
@RestControllerAdvice
class ProblemAdvice {

    private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);

    private final ProblemWriter problems;

    ProblemAdvice(ProblemWriter problems) {
        this.problems = problems;
    }

    @ExceptionHandler(CommandExecutionException.class)
    ResponseEntity<ProblemDetail> commandRejected(CommandExecutionException e) {
        Optional<Object> details = e.getDetails();
        if (details.isPresent() && details.get() instanceof ErrorCode code) {
            return Problems.response(code, e.getMessage());
        }
        Throwable cause = e.getCause();
        if (cause instanceof Exception inner && !(cause instanceof HandlerExecutionException)) {
            return unexpectedOrKnown(inner);
        }
        return unexpected(e);
    }

    @ExceptionHandler({ConcurrencyException.class, ConflictingModificationException.class})
    ResponseEntity<ProblemDetail> conflict(RuntimeException e) {
        return Problems.response(ErrorCode.VERSION_CONFLICT,
                "The referral was changed by someone else meanwhile; reload it and try again.");
    }

    @ExceptionHandler(AggregateStreamCreationException.class)
    ResponseEntity<ProblemDetail> alreadyExists(AggregateStreamCreationException e) {
        return Problems.response(ErrorCode.REFERRAL_ALREADY_EXISTS, "It already exists.");
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(AggregateNotFoundException e) {
        return Problems.response(ErrorCode.NOT_FOUND, "No such resource.");
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(NotFoundException e) {
        return Problems.response(ErrorCode.NOT_FOUND, "No such resource.");
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<ProblemDetail> noResource(NoResourceFoundException e) {
        return Problems.response(ErrorCode.NOT_FOUND, "No such resource.");
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e) {
        return Problems.response(ErrorCode.MALFORMED_REQUEST,
                "The request body is not valid JSON of the expected shape (check field names, types and enum values).");
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ResponseEntity<ProblemDetail> invalid(MethodArgumentNotValidException e) {
        ProblemDetail problem = Problems.detail(ErrorCode.INVALID_INPUT, "Some fields are invalid.");
        problem.setProperty("errors", e.getBindingResult().getFieldErrors().stream()
                .map(error -> new FieldProblem(error.getField(), error.getDefaultMessage()))
                .toList());
        return ResponseEntity.status(problem.getStatus())
                .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    /**
     * Method validation covers the path variables and the body together; the body's field errors are listed like
     * those of {@link #invalid}, a parameter's by its name. Rejected values are never repeated.
     */
    @ExceptionHandler(HandlerMethodValidationException.class)
    ResponseEntity<ProblemDetail> invalidMethodArguments(HandlerMethodValidationException e) {
        List<FieldProblem> errors = new ArrayList<>();
        for (ParameterValidationResult result : e.getParameterValidationResults()) {
            if (result instanceof ParameterErrors body) {
                body.getFieldErrors().forEach(error -> errors.add(new FieldProblem(error.getField(),
                        error.getDefaultMessage())));
            } else {
                String name = result.getMethodParameter().getParameterName();
                result.getResolvableErrors().forEach(error -> errors.add(new FieldProblem(name,
                        error.getDefaultMessage())));
            }
        }
        ProblemDetail problem = Problems.detail(ErrorCode.INVALID_INPUT, "Some fields are invalid.");
        problem.setProperty("errors", errors);
        return ResponseEntity.status(problem.getStatus())
                .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    @ExceptionHandler(InvalidParameterException.class)
    ResponseEntity<ProblemDetail> invalidParameter(InvalidParameterException e) {
        ProblemDetail problem = Problems.detail(ErrorCode.INVALID_INPUT, "The parameter " + e.parameter()
                + " is invalid.");
        problem.setProperty("errors", List.of(new FieldProblem(e.parameter(), e.getMessage())));
        return ResponseEntity.status(problem.getStatus())
                .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    @ExceptionHandler({MethodArgumentTypeMismatchException.class,
            MissingRequestHeaderException.class, IllegalArgumentException.class, ConstraintViolationException.class,
            ServletRequestBindingException.class, TypeMismatchException.class})
    ResponseEntity<ProblemDetail> invalidParameter(Exception e) {
        return Problems.response(ErrorCode.INVALID_INPUT, "A parameter of the request is invalid.");
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ProblemDetail> mediaType(HttpMediaTypeNotSupportedException e) {
        return Problems.response(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Send application/json.");
    }

    /**
     * Written past content negotiation: a client that accepts neither JSON nor problem documents still learns why
     * (RFC 9457 lets an error answer ignore Accept), where a negotiated answer would be an empty 406.
     */
    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    void notAcceptable(HttpServletResponse response) throws IOException {
        problems.write(response, ErrorCode.NOT_ACCEPTABLE, "No representation of this resource matches the Accept "
                + "header; ask for application/json.");
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ProblemDetail> method(HttpRequestMethodNotSupportedException e) {
        return Problems.response(ErrorCode.METHOD_NOT_ALLOWED, "This method is not allowed here.");
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<ProblemDetail> forbidden(AccessDeniedException e) {
        return Problems.response(ErrorCode.FORBIDDEN, "This role may not do that.");
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        String incident = UUID.randomUUID().toString();
        // Exception messages may quote data (a parser's input, a SQL value): only types and frames are logged.
        log.error("Unexpected failure, incident {}: {}", incident, SafeTrace.of(e));
        ProblemDetail problem = Problems.detail(ErrorCode.INTERNAL_ERROR, "Something went wrong on our side.");
        problem.setProperty("incident", incident);
        return ResponseEntity.status(problem.getStatus())
                .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private ResponseEntity<ProblemDetail> unexpectedOrKnown(Exception cause) {
        if (cause instanceof ConcurrencyException || cause instanceof ConflictingModificationException) {
            return conflict((RuntimeException) cause);
        }
        if (cause instanceof AggregateStreamCreationException creation) {
            return alreadyExists(creation);
        }
        if (cause instanceof AggregateNotFoundException missing) {
            return notFound(missing);
        }
        return unexpected(cause);
    }

    record FieldProblem(String field, String message) {
    }
}
