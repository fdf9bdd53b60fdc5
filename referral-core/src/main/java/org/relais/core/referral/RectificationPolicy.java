package org.relais.core.referral;

import static org.relais.core.referral.Rejections.isBlank;
import static org.relais.core.referral.Rejections.require;

import java.util.EnumSet;
import java.util.Set;

import org.relais.core.api.ErrorCode;
import org.relais.core.api.referral.RectifyPersonalDataCommand;
import org.relais.core.api.ShareableField;

/**
 * What a rectification may hold (GDPR Art. 16: correct what is inaccurate, complete what is incomplete).
 * <p>
 * Decision: a rectification replaces a value or adds to it; it never clears one. A blank value, or an empty list of
 * content URLs, is refused: clearing a field would look like erasing it while every earlier value stays, sealed, in
 * the history (which must keep who changed what). Removing personal data is erasure (Art. 17), done for the whole
 * case by destroying its key. A wrong value is corrected by giving the right one.
 */
final class RectificationPolicy {

    private RectificationPolicy() {
    }

    /** The fields the rectification changes; refused when it changes nothing or would clear a field. */
    static Set<ShareableField> check(RectifyPersonalDataCommand command) {
        Set<ShareableField> fields = EnumSet.noneOf(ShareableField.class);
        given(fields, ShareableField.VICTIM_NAME, command.victimName());
        given(fields, ShareableField.VICTIM_CONTACT, command.victimContact());
        given(fields, ShareableField.REPORTER_NAME, command.reporterName());
        given(fields, ShareableField.REPORTER_CONTACT, command.reporterContact());
        given(fields, ShareableField.NARRATIVE, command.narrativeAddendum());
        if (command.contentUrls() != null) {
            require(!command.contentUrls().isEmpty() && command.contentUrls().stream().noneMatch(Rejections::isBlank),
                    ErrorCode.INVALID_INPUT, "Content URLs are replaced by a list of URLs, never cleared.");
            fields.add(ShareableField.CONTENT_URLS);
        }
        require(!fields.isEmpty(), ErrorCode.INVALID_INPUT, "A rectification needs at least one field to change.");
        return fields;
    }

    private static void given(Set<ShareableField> fields, ShareableField field, String value) {
        if (value != null) {
            require(!isBlank(value), ErrorCode.INVALID_INPUT,
                    "A rectification replaces a value with another; it does not clear a field.");
            fields.add(field);
        }
    }
}
