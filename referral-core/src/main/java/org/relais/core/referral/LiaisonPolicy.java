package org.relais.core.referral;

import static org.relais.core.referral.Rejections.require;

import org.relais.core.api.ErrorCode;
import org.relais.core.api.Role;

/**
 * Only a liaison of the addressed partner answers a transfer. The role and partner come from the command's
 * metadata, set at the edge from the authenticated user; which partner a transfer is addressed to is known only
 * here, so this check cannot live in the web layer alone.
 */
final class LiaisonPolicy {

    private LiaisonPolicy() {
    }

    static void check(String role, String actorPartner, Transfer transfer) {
        require(Role.LIAISON.name().equals(role) && transfer.partnerId().equals(actorPartner),
                ErrorCode.NOT_LIAISON_OF_PARTNER, "Only a liaison of the addressed partner can do this.");
    }
}
