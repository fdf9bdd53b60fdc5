package org.relais.core.referral;

import static org.relais.core.referral.Rejections.require;

import org.relais.core.access.LiaisonReach;
import org.relais.core.api.referral.ConversationSide;
import org.relais.core.api.ErrorCode;
import org.relais.core.api.Role;
import org.relais.core.api.referral.TransferState;
import org.relais.core.partner.PartnerDirectory;

/**
 * Who may write in a transfer's conversation, and while when. The coordination always speaks for its side; on the
 * partner's side only a liaison of the addressed partner, as for every answer to a transfer ({@link LiaisonPolicy}),
 * and only while the partner could read the case: not when it is suspended, nor once the transfer was declined or
 * cancelled or the consent it rested on withdrawn. A conversation the partner could never read again is closed for
 * both sides, so that no message waits for a reader who will not come. The time limit after a completion
 * ({@code relais.access.after-completion}) is a setting of the application, checked for both sides where it is
 * configured, before the command is sent.
 */
final class ConversationPolicy {

    private ConversationPolicy() {
    }

    /** The side the signed-in account writes for, once it may write at all. */
    static ConversationSide side(String role, String actorPartner, String user, Transfer transfer,
                                 PartnerDirectory partners) {
        if (Role.COORDINATOR.name().equals(role)) {
            return ConversationSide.COORDINATION;
        }
        LiaisonReach reach = LiaisonPolicy.check(role, actorPartner, user, transfer, partners);
        require(reach.seesPersonalData(), ErrorCode.PARTNER_NOT_ACTIVE,
                "A suspended partner cannot write until its agreement is resumed.");
        return ConversationSide.PARTNER;
    }

    static void checkOpen(Transfer transfer) {
        require(transfer.state() != TransferState.DECLINED && transfer.state() != TransferState.CANCELLED,
                ErrorCode.TRANSFER_STATE_INVALID, "The conversation of a " + transfer.state()
                        + " transfer is closed.");
        require(!transfer.isConsentWithdrawn(), ErrorCode.CONSENT_NOT_GIVEN,
                "Consent was withdrawn after this transfer was requested.");
    }
}
