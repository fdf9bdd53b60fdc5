package org.relais.app.ui;

import java.util.UUID;

import org.axonframework.modelling.command.AggregateNotFoundException;
import org.relais.core.api.ErrorCode;
import org.relais.core.api.RuleViolationException;
import org.relais.core.privacy.SafeTrace;
import org.relais.app.http.problem.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.bind.MissingServletRequestParameterException;

/**
 * Failures of the pages as a page, never a problem+json document, a stack trace or a class name: the person reads
 * what happened in their language, and an unexpected failure gives an incident id that the log also carries.
 * Ordered before the API's problem mapping, which handles every other controller.
 */
@ControllerAdvice(basePackageClasses = UiErrors.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class UiErrors {

    private static final Logger log = LoggerFactory.getLogger(UiErrors.class);

    @ExceptionHandler({NotFoundException.class, AggregateNotFoundException.class})
    @ResponseStatus(HttpStatus.NOT_FOUND)
    String notFound(Model model) {
        return page(model, 404, "error.notFound", null);
    }

    @ExceptionHandler(AccessDeniedException.class)
    @ResponseStatus(HttpStatus.FORBIDDEN)
    String forbidden(Model model) {
        return page(model, 403, "error.forbidden", null);
    }

    @ExceptionHandler({MethodArgumentTypeMismatchException.class, MissingServletRequestParameterException.class,
            IllegalArgumentException.class})
    @ResponseStatus(HttpStatus.BAD_REQUEST)
    String invalid(Model model) {
        return page(model, 400, "error.invalid", null);
    }

    @ExceptionHandler(RuleViolationException.class)
    @ResponseStatus(HttpStatus.CONFLICT)
    String refused(RuleViolationException e, Model model) {
        if (e.code() == ErrorCode.NOT_FOUND || e.code().kind() == ErrorCode.Kind.NOT_FOUND) {
            model.addAttribute("status", 404);
        }
        return page(model, 409, UiCommands.messageKey(e.code()), null);
    }

    @ExceptionHandler(Exception.class)
    @ResponseStatus(HttpStatus.INTERNAL_SERVER_ERROR)
    String unexpected(Exception e, Model model) {
        String incident = UUID.randomUUID().toString();
        // The page never names a class; the log keeps the types and frames, never a message, which may quote what
        // the person typed (a form's rejected value, a parser's input).
        log.error("Unexpected failure of a page, incident {}: {}", incident, SafeTrace.of(e));
        return page(model, 500, "error.unexpected", incident);
    }

    private static String page(Model model, int status, String messageKey, String incident) {
        model.addAttribute("status", status);
        model.addAttribute("messageKey", messageKey);
        model.addAttribute("incident", incident);
        return "error-page";
    }
}
