package org.relais.app.partner;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.relais.core.api.partner.AgreementTerms;
import org.relais.core.api.PartnerKind;
import org.relais.core.api.partner.PartnerStatus;
import org.relais.core.api.query.PartnerView;
import org.relais.core.api.Role;
import org.relais.app.security.Actor;

/**
 * A partner of the directory as the caller may see it. The user names of its liaisons say who can reach the
 * partner's transfers and personal data, and are what an attacker would aim at: administrators, who attach and
 * detach them, see them; every other role gets the partner without the member at all (not an empty list, which
 * would claim that it has none).
 */
record PartnerResponse(String partnerId,
                       String name,
                       PartnerKind kind,
                       PartnerStatus status,
                       AgreementTerms agreement,
                       @JsonInclude(JsonInclude.Include.NON_NULL) List<String> liaisons,
                       long version) {

    static PartnerResponse shownTo(Actor reader, PartnerView partner) {
        return new PartnerResponse(partner.partnerId(), partner.name(), partner.kind(), partner.status(),
                partner.agreement(), reader.role() == Role.ADMIN ? partner.liaisons() : null, partner.version());
    }
}
