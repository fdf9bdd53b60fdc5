package org.relais.web.referral;

import java.util.Optional;

import org.relais.core.api.PersonalDetails;
import org.relais.core.api.ReferralDetailView;
import org.relais.core.api.Role;
import org.relais.core.privacy.PersonalDataProtector;
import org.relais.web.problem.NotFoundException;
import org.relais.web.security.RelaisUser;
import org.springframework.stereotype.Component;

/**
 * Opens a case's personal data for one reader, and only what that reader may see. Coordinators and auditors see
 * the whole case. A liaison sees only cases with a transfer to its organisation, and there only the shared fields;
 * until transfers exist, no case is visible to a liaison, and an invisible case is "not found".
 */
@Component
class ReferralReader {

    private final PersonalDataProtector protector;

    ReferralReader(PersonalDataProtector protector) {
        this.protector = protector;
    }

    ReferralResponse read(ReferralDetailView view, RelaisUser user) {
        if (user.role() != Role.COORDINATOR && user.role() != Role.AUDITOR) {
            throw new NotFoundException();
        }
        Optional<PersonalDetails> opened = protector.open(view.personalData());
        PersonalDetails details = opened.orElse(null);
        return new ReferralResponse(view.referralId(), view.reference(), view.status(), view.riskLevel(),
                view.channel(), view.reporterRole(), view.ageBand(), view.categories(),
                details == null ? null : details.contentUrls(),
                details == null ? null : person(details.victimName(), details.victimContact()),
                details == null ? null : person(details.reporterName(), details.reporterContact()),
                details == null ? null : details.narrative(),
                opened.isEmpty(),
                view.receivedAt(), view.updatedAt(), view.version());
    }

    private static ReferralResponse.Person person(String name, String contact) {
        return name == null && contact == null ? null : new ReferralResponse.Person(name, contact);
    }
}
