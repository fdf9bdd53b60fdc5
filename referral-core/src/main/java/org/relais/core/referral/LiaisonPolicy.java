package org.relais.core.referral;

import static org.relais.core.referral.Rejections.require;

import org.relais.core.access.LiaisonReach;
import org.relais.core.api.ErrorCode;
import org.relais.core.partner.PartnerDirectory;

/**
 * Only a liaison of the addressed partner answers a transfer: the signed-in account has the liaison role, claims
 * that partner, and the partner directory (the Partner aggregate, read at command time) has the account attached
 * to it and the partner not terminated. Which partner a transfer is addressed to is known only here, so this check
 * cannot live in the web layer alone. A suspended partner's liaisons may still acknowledge, decline or report an
 * outcome, which needs none of the case's personal data, but not accept a case they may not read.
 */
final class LiaisonPolicy {

    private LiaisonPolicy() {
    }

    static LiaisonReach check(String role, String actorPartner, String user, Transfer transfer,
                              PartnerDirectory partners) {
        LiaisonReach reach = LiaisonReach.forAccount(role, actorPartner, user, transfer.partnerId(), partners);
        require(reach.seesTransfers(), ErrorCode.NOT_LIAISON_OF_PARTNER,
                "Only a liaison of the addressed partner can do this.");
        return reach;
    }

    static void checkMayTakeOn(LiaisonReach reach, Transfer transfer) {
        require(reach.seesPersonalData(), ErrorCode.PARTNER_NOT_ACTIVE,
                "A suspended partner cannot take on a case until its agreement is resumed.");
        require(!transfer.isConsentWithdrawn(), ErrorCode.CONSENT_NOT_GIVEN,
                "Consent was withdrawn after this transfer was requested.");
    }
}
