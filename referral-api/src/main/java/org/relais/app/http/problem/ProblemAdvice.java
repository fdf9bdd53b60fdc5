package org.relais.app.http.problem;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.validation.constraints.Pattern;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.messaging.HandlerExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.ConflictingModificationException;
import org.relais.core.api.ErrorCode;
import org.relais.core.api.RuleViolationException;
import org.relais.core.privacy.SafeTrace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.validation.FieldError;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.PropertyBindingException;
import tools.jackson.databind.exc.ValueInstantiationException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every failure of the API becomes a problem document with a stable code, here and only here, in the request's
 * language (see {@link ProblemTexts}). A 400 names each parameter, header or body member at fault (a JSON pointer)
 * and, for an enum or a sort, the values accepted; a refusal by a rule names it by its code, and the member that
 * broke it when one did. Details never echo the request (it may hold personal data) nor name a class; unexpected
 * failures are logged with an incident id that the answer repeats.
 */
@RestControllerAdvice
class ProblemAdvice {

    private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);
    private static final java.util.regex.Pattern ALTERNATIVES = java.util.regex.Pattern.compile("\\w+(\\|\\w+)+");

    private final ProblemWriter writer;
    private final Problems problems;
    private final ProblemTexts texts;
    private final JsonMapper json;

    ProblemAdvice(ProblemWriter writer, Problems problems, ProblemTexts texts, JsonMapper json) {
        this.writer = writer;
        this.problems = problems;
        this.texts = texts;
        this.json = json;
    }

    @ExceptionHandler(CommandExecutionException.class)
    ResponseEntity<ProblemDetail> commandRejected(CommandExecutionException e) {
        if (e instanceof RuleViolationException rule) {
            ProblemDetail problem = problems.of(rule.code(), rule.reason(), rule.arguments(), locale());
            if (rule.field() != null) {
                problem.setProperty("errors", List.of(ProblemError.member(rule.field(), problem.getDetail())));
            }
            return Problems.response(problem);
        }
        Optional<Object> details = e.getDetails();
        if (details.isPresent() && details.get() instanceof ErrorCode code) {
            return problem(code);
        }
        Throwable cause = e.getCause();
        if (cause instanceof Exception inner && !(cause instanceof HandlerExecutionException)) {
            return unexpectedOrKnown(inner);
        }
        return unexpected(e);
    }

    @ExceptionHandler({ConcurrencyException.class, ConflictingModificationException.class})
    ResponseEntity<ProblemDetail> conflict(RuntimeException e) {
        return problem(ErrorCode.VERSION_CONFLICT);
    }

    @ExceptionHandler(AggregateStreamCreationException.class)
    ResponseEntity<ProblemDetail> alreadyExists(AggregateStreamCreationException e) {
        return problem(ErrorCode.REFERRAL_ALREADY_EXISTS);
    }

    @ExceptionHandler({AggregateNotFoundException.class, NoResourceFoundException.class})
    ResponseEntity<ProblemDetail> notFound(Exception e) {
        return problem(ErrorCode.NOT_FOUND);
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(NotFoundException e) {
        return problem(e.code());
    }

    /**
     * A body that is not JSON, or a member of the wrong type or value: the member is named by its pointer and, for
     * an enum, the values accepted are listed.
     */
    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e) {
        DatabindException binding = causeOf(e, DatabindException.class);
        if (binding == null || causeOf(e, StreamReadException.class) != null && binding.getPath().isEmpty()) {
            return Problems.response(problems.of(ErrorCode.MALFORMED_REQUEST, "json", List.of(), locale()));
        }
        String pointer = pointer(binding);
        Class<?> target = targetOf(binding);
        ProblemError error;
        if (binding instanceof PropertyBindingException) {
            error = ProblemError.member(pointer, texts.expected("unknown", locale()));
        } else if (target != null && target.isEnum()) {
            List<String> allowed = enumValues(target);
            error = ProblemError.member(pointer, texts.expected("oneOf", locale(), String.join(", ", allowed)),
                    allowed);
        } else {
            error = ProblemError.member(pointer, texts.expected(shapeOf(target), locale()));
        }
        return Problems.response(Problems.withErrors(
                problems.of(ErrorCode.MALFORMED_REQUEST, "shape", List.of(), locale()), List.of(error)));
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ResponseEntity<ProblemDetail> invalid(MethodArgumentNotValidException e) {
        List<ProblemError> errors = e.getBindingResult().getFieldErrors().stream()
                .map(error -> ProblemError.member(pointer(error.getField()), error.getDefaultMessage())).toList();
        return Problems.response(Problems.withErrors(
                problems.of(ErrorCode.INVALID_INPUT, "fields", List.of(), locale()), errors));
    }

    /**
     * Method validation covers the parameters and the body together; the body's members are named by pointer, a
     * parameter by its name, with the accepted values when its constraint is a list of words. Rejected values are
     * never repeated.
     */
    @ExceptionHandler(HandlerMethodValidationException.class)
    ResponseEntity<ProblemDetail> invalidMethodArguments(HandlerMethodValidationException e) {
        List<ProblemError> errors = new ArrayList<>();
        for (ParameterValidationResult result : e.getParameterValidationResults()) {
            if (result instanceof ParameterErrors body) {
                body.getFieldErrors().forEach(error -> errors.add(ProblemError.member(pointer(error.getField()),
                        error.getDefaultMessage())));
            } else {
                String name = result.getMethodParameter().getParameterName();
                result.getResolvableErrors().forEach(error -> {
                    ConstraintViolation<?> violation = unwrap(result, error);
                    errors.add(parameterError(name, error.getDefaultMessage(), violation));
                });
            }
        }
        return Problems.response(Problems.withErrors(invalidInput(errors), errors));
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<ProblemDetail> invalidParameters(ConstraintViolationException e) {
        List<ProblemError> errors = e.getConstraintViolations().stream()
                .map(violation -> parameterError(lastNode(violation.getPropertyPath()), violation.getMessage(),
                        violation))
                .toList();
        return Problems.response(Problems.withErrors(invalidInput(errors), errors));
    }

    @ExceptionHandler(InvalidParameterException.class)
    ResponseEntity<ProblemDetail> invalidParameter(InvalidParameterException e) {
        ProblemError error = ProblemError.parameter(e.parameter(),
                texts.expected(e.expected(), locale(), e.arguments().toArray()), e.allowed());
        return Problems.response(Problems.withErrors(invalidInput(List.of(error)), List.of(error)));
    }

    /** A query parameter of the wrong type: an enum lists its values, a date or a number says its shape. */
    @ExceptionHandler({MethodArgumentTypeMismatchException.class, TypeMismatchException.class})
    ResponseEntity<ProblemDetail> mismatch(TypeMismatchException e) {
        String name = e.getPropertyName() != null ? e.getPropertyName() : "?";
        Class<?> type = e.getRequiredType();
        ProblemError error;
        if (type != null && type.isEnum()) {
            List<String> allowed = Arrays.stream(type.getEnumConstants()).map(value -> ((Enum<?>) value).name())
                    .toList();
            error = ProblemError.parameter(name, texts.expected("oneOf", locale(), String.join(", ", allowed)),
                    allowed);
        } else {
            error = ProblemError.parameter(name, texts.expected(shapeOf(type), locale()), null);
        }
        return Problems.response(Problems.withErrors(invalidInput(List.of(error)), List.of(error)));
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<ProblemDetail> missingParameter(MissingServletRequestParameterException e) {
        ProblemError error = ProblemError.parameter(e.getParameterName(), texts.expected("missing", locale()), null);
        return Problems.response(Problems.withErrors(invalidInput(List.of(error)), List.of(error)));
    }

    @ExceptionHandler(MissingRequestHeaderException.class)
    ResponseEntity<ProblemDetail> missingHeader(MissingRequestHeaderException e) {
        ProblemError error = ProblemError.header(e.getHeaderName(), texts.expected("missing", locale()));
        return Problems.response(Problems.withErrors(
                problems.of(ErrorCode.INVALID_INPUT, "header", List.of(e.getHeaderName()), locale()),
                List.of(error)));
    }

    @ExceptionHandler({IllegalArgumentException.class, ServletRequestBindingException.class})
    ResponseEntity<ProblemDetail> invalidParameter(Exception e) {
        return problem(ErrorCode.INVALID_INPUT);
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ProblemDetail> mediaType(HttpMediaTypeNotSupportedException e) {
        return problem(ErrorCode.UNSUPPORTED_MEDIA_TYPE);
    }

    /**
     * Written past content negotiation: a client that accepts neither JSON nor problem documents still learns why
     * (RFC 9457 lets an error answer ignore Accept), where a negotiated answer would be an empty 406.
     */
    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    void notAcceptable(jakarta.servlet.http.HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        writer.write(request, response, ErrorCode.NOT_ACCEPTABLE);
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ProblemDetail> method(HttpRequestMethodNotSupportedException e) {
        return problem(ErrorCode.METHOD_NOT_ALLOWED);
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<ProblemDetail> forbidden(AccessDeniedException e) {
        return problem(ErrorCode.FORBIDDEN);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        String incident = UUID.randomUUID().toString();
        // Exception messages may quote data (a parser's input, a SQL value): only types and frames are logged.
        log.error("Unexpected failure, incident {}: {}", incident, SafeTrace.of(e));
        ProblemDetail problem = problems.of(ErrorCode.INTERNAL_ERROR, locale());
        problem.setProperty("incident", incident);
        return Problems.response(problem);
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

    private ResponseEntity<ProblemDetail> problem(ErrorCode code) {
        return Problems.response(problems.of(code, locale()));
    }

    /** One parameter at fault is named in the detail too; several are listed in the errors only. */
    private ProblemDetail invalidInput(List<ProblemError> errors) {
        List<String> parameters = errors.stream().map(ProblemError::parameter).filter(name -> name != null)
                .distinct().toList();
        boolean oneParameter = parameters.size() == 1 && errors.stream().allMatch(error -> error.pointer() == null);
        ProblemDetail problem = oneParameter
                ? problems.of(ErrorCode.INVALID_INPUT, "parameter", List.of(parameters.get(0)), locale())
                : problems.of(ErrorCode.INVALID_INPUT, "fields", List.of(), locale());
        if (oneParameter) {
            problem.setProperty("parameter", parameters.get(0));
        }
        return problem;
    }

    private ProblemError parameterError(String name, String message, ConstraintViolation<?> violation) {
        if (violation != null && violation.getConstraintDescriptor().getAnnotation() instanceof Pattern pattern
                && ALTERNATIVES.matcher(pattern.regexp()).matches()) {
            List<String> allowed = List.of(pattern.regexp().split("\\|"));
            return ProblemError.parameter(name, texts.expected("oneOf", locale(), String.join(", ", allowed)),
                    allowed);
        }
        return ProblemError.parameter(name, message, null);
    }

    private static ConstraintViolation<?> unwrap(ParameterValidationResult result,
                                                 org.springframework.context.MessageSourceResolvable error) {
        try {
            return result.unwrap(error, ConstraintViolation.class);
        } catch (IllegalArgumentException notAViolation) {
            return null;
        }
    }

    private static String lastNode(Path path) {
        String name = null;
        for (Path.Node node : path) {
            name = node.getName();
        }
        return name;
    }

    /** A bound field ({@code victim.contact}, {@code contentUrls[2]}) as a JSON pointer ({@code /contentUrls/2}). */
    static String pointer(String field) {
        return "/" + field.replace("[", ".").replace("]", "").replace('.', '/');
    }

    private static String pointer(DatabindException e) {
        StringBuilder pointer = new StringBuilder();
        for (tools.jackson.databind.DatabindException.Reference reference : e.getPath()) {
            pointer.append('/');
            if (reference.getPropertyName() != null) {
                pointer.append(reference.getPropertyName().replace("~", "~0").replace("/", "~1"));
            } else {
                pointer.append(Math.max(reference.getIndex(), 0));
            }
        }
        return pointer.isEmpty() ? "" : pointer.toString();
    }

    private static Class<?> targetOf(DatabindException e) {
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return mismatch.getTargetType();
        }
        if (e instanceof ValueInstantiationException instantiation) {
            JavaType type = instantiation.getType();
            return type == null ? null : type.getRawClass();
        }
        return null;
    }

    /** The values of an enum as JSON writes them (a {@code @JsonValue} such as {@code victim.name} included). */
    private List<String> enumValues(Class<?> type) {
        return Arrays.stream(type.getEnumConstants()).map(value -> json.valueToTree(value).asString()).toList();
    }

    private static String shapeOf(Class<?> type) {
        if (type == null) {
            return "value";
        }
        if (type == Instant.class) {
            return "instant";
        }
        if (type == LocalDate.class) {
            return "date";
        }
        if (type == LocalTime.class) {
            return "time";
        }
        if (type == Duration.class) {
            return "duration";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "boolean";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "integer";
        }
        if (type == String.class) {
            return "text";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "array";
        }
        return "value";
    }

    private static <T extends Throwable> T causeOf(Throwable e, Class<T> type) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }

    private static Locale locale() {
        return LocaleContextHolder.getLocale();
    }
}
