package org.relais.app.http.problem;

import java.util.List;
import java.util.Locale;

import org.relais.core.api.ErrorCode;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The one place where a code and its arguments become the texts a client reads, in the language of the request:
 * the title of the code's kind, the detail of the code (or of one form of its rule), the labels of enum values. The
 * domain's own messages are English, for logs, and never reach a client.
 */
@Component
public class ProblemTexts {

    private final MessageSource messages;

    ProblemTexts(MessageSource messages) {
        this.messages = messages;
    }

    String title(ErrorCode code, Locale locale) {
        return messages.getMessage("problem.title." + code.kind().name(), null, code.kind().name(), locale);
    }

    /** The detail of one form of the rule when the bundle knows it, else the code's own detail. */
    String detail(ErrorCode code, String reason, List<?> arguments, Locale locale) {
        Object[] values = arguments == null || arguments.isEmpty() ? null
                : arguments.stream().map(argument -> argument instanceof Enum<?> value ? label(value, locale)
                : String.valueOf(argument)).toArray();
        String generic = messages.getMessage("problem." + code.name(), values, code.name(), locale);
        return reason == null ? generic
                : messages.getMessage("problem." + code.name() + "." + reason, values, generic, locale);
    }

    /** What a parameter or a member must be ({@code problem.expected.*}). */
    String expected(String key, Locale locale, Object... arguments) {
        return messages.getMessage("problem.expected." + key, arguments.length == 0 ? null : arguments, key, locale);
    }

    /** The label the pages use for an enum value, in this language; its name when there is none. */
    public String label(Enum<?> value, Locale locale) {
        return messages.getMessage("enum." + value.getDeclaringClass().getSimpleName() + "." + value.name(), null,
                value.name(), locale);
    }
}
