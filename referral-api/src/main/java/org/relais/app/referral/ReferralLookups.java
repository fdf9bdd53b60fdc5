package org.relais.app.referral;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.axonframework.queryhandling.QueryGateway;
import org.relais.core.api.query.FindReferralByReferenceQuery;
import org.relais.core.api.query.FindReferralsByIdQuery;
import org.relais.core.api.query.ReferralPageView;
import org.relais.core.api.ShareableField;
import org.relais.core.referral.ContactIndex;
import org.relais.app.contact.JdbcContactIndex;
import org.relais.app.privacy.AccessRecorder;
import org.springframework.stereotype.Component;

/**
 * Finding a case from what a caller says on the phone: its reference, or their phone number or address.
 * <p>
 * A contact lookup reads no sealed value (the blind index answers it), but it does disclose personal data: that
 * this person is the victim or the reporter of each case found. So each case found gets an access record, as a
 * read of the matching contact field(s), in the reader's name, with the purpose given, prefixed by
 * {@value #CONTACT_LOOKUP} so that an auditor tells a lookup from a case opened. A lookup that finds nothing
 * discloses nothing about any case and leaves no record (the access log is kept per case); the contact looked up is
 * never recorded, nor logged.
 */
@Component
public class ReferralLookups {

    static final String CONTACT_LOOKUP = "contact lookup";

    private final QueryGateway queries;
    private final JdbcContactIndex contacts;
    private final AccessRecorder access;

    ReferralLookups(QueryGateway queries, JdbcContactIndex contacts, AccessRecorder access) {
        this.queries = queries;
        this.contacts = contacts;
        this.access = access;
    }

    ReferralPageView byReference(String typed) {
        return queries.query(new FindReferralByReferenceQuery(References.canonical(typed)), ReferralPageView.class)
                .join();
    }

    /** The cases whose victim or reporter has this contact, most recent first; each one's disclosure recorded. */
    public ReferralPageView byContact(String contact, String purpose) {
        return recorded(contacts.casesWith(contact), purpose);
    }

    /**
     * The earlier cases of a repeat caller: those received before {@code referralId} that share a contact with it
     * (the case page's hint, followed), most recent first; recorded like a lookup of that contact.
     */
    public ReferralPageView earlierCasesOf(String referralId, String purpose) {
        return recorded(contacts.earlierCasesSharingAContactWith(referralId), purpose);
    }

    private ReferralPageView recorded(List<JdbcContactIndex.Match> matches, String purpose) {
        Map<String, Set<ShareableField>> found = new LinkedHashMap<>();
        for (JdbcContactIndex.Match match : matches) {
            found.computeIfAbsent(match.referralId(), id -> EnumSet.noneOf(ShareableField.class))
                    .add(match.role() == ContactIndex.Role.VICTIM ? ShareableField.VICTIM_CONTACT
                            : ShareableField.REPORTER_CONTACT);
        }
        String recordedPurpose = purpose == null || purpose.isBlank() ? CONTACT_LOOKUP
                : CONTACT_LOOKUP + ": " + purpose.strip();
        found.forEach((referralId, fields) -> access.record(referralId, fields, Set.of(), recordedPurpose));
        return queries.query(new FindReferralsByIdQuery(new ArrayList<>(found.keySet())), ReferralPageView.class)
                .join();
    }
}
