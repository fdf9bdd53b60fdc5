package org.relais.core.api.referral;

import java.util.Set;

import org.axonframework.serialization.Revision;
import org.relais.core.api.EnumSets;
import org.relais.core.api.ShareableField;

/**
 * Personal data of a case was corrected or completed (GDPR Art. 16). {@code fields} names what changed, so that the
 * history can say it without opening anything; {@code values} holds the new values, sealed under the same field
 * names as at intake (so the reader that opens the intake opens them too), a field not in {@code fields} null (and
 * {@code contentUrls} empty). {@link ShareableField#NARRATIVE} stands for an addendum: {@code values.narrative} is
 * the text appended to the narrative, not a new narrative. Who and when are in the metadata, and the earlier values
 * stay in the earlier events: the history keeps every version, all of them erased together with the case's key.
 */
@Revision("1")
public record PersonalDataRectifiedEvent(String referralId, Set<ShareableField> fields, SealedPersonalDetails values) {

    public PersonalDataRectifiedEvent {
        fields = EnumSets.copyOf(fields, ShareableField.class);
    }
}
