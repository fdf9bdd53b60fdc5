package org.relais.app.contact;

import java.util.Locale;
import java.util.regex.Pattern;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/**
 * One spelling per contact, so that a caller who gives "06 12 34 56 78" today and "+33612345678" next month is
 * recognised: a phone number becomes E.164 (a number without a country code is French, the helpline's country), an
 * e-mail address is lower-cased, anything else (a social-network handle, "via the school") is lower-cased with its
 * spaces collapsed. Each form carries its kind ({@code tel:}, {@code email:}, {@code text:}), so that no text can stand
 * for a number.
 */
public final class ContactNormaliser {

    static final String DEFAULT_REGION = "FR";
    /** Digits and the separators people write numbers with; a leading + or a (0) is handled by the parser. */
    private static final Pattern PHONE_LIKE = Pattern.compile("\\+?[0-9 ().\\-/]+");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

    private ContactNormaliser() {
    }

    /** The normalised form of a contact, or null when there is none (null or blank). */
    public static String normalise(String contact) {
        if (contact == null || contact.isBlank()) {
            return null;
        }
        String value = contact.strip();
        if (value.indexOf('@') > 0 && !SPACES.matcher(value).find()) {
            return "email:" + value.toLowerCase(Locale.ROOT);
        }
        String phone = phone(value);
        if (phone != null) {
            return "tel:" + phone;
        }
        return "text:" + SPACES.matcher(value).replaceAll(" ").toLowerCase(Locale.ROOT);
    }

    /** E.164, or null when the value is not a possible phone number. */
    private static String phone(String value) {
        if (!PHONE_LIKE.matcher(value).matches() || value.chars().filter(Character::isDigit).count() < 6) {
            return null;
        }
        try {
            PhoneNumber number = PHONES.parse(value, DEFAULT_REGION);
            return PHONES.isPossibleNumber(number) ? PHONES.format(number, PhoneNumberUtil.PhoneNumberFormat.E164)
                    : null;
        } catch (NumberParseException e) {
            return null;
        }
    }
}
