package org.relais.app.referral;

import java.util.Locale;
import java.util.regex.Pattern;

import org.relais.app.http.problem.InvalidParameterException;

/**
 * A reference as a caller reads it out: {@code R-2026-000123}, {@code r-2026-000123} or {@code 2026-000123} all name
 * the same case. Only the case and the prefix are forgiven; the digits must be those allocated (no padding is
 * guessed), so that a lookup finds one case or none.
 */
final class References {

    private static final Pattern SHAPE = Pattern.compile("(R-)?\\d{4}-\\d{6,12}");

    private References() {
    }

    static String canonical(String typed) {
        String value = typed == null ? "" : typed.strip().toUpperCase(Locale.ROOT);
        if (!SHAPE.matcher(value).matches()) {
            throw new InvalidParameterException("reference", "reference");
        }
        return value.startsWith("R-") ? value : "R-" + value;
    }
}
