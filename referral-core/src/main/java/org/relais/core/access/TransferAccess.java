package org.relais.core.access;

import java.time.Duration;
import java.time.Instant;

import org.relais.core.api.referral.LegalBasis;
import org.relais.core.api.referral.TransferState;

/**
 * What a transfer grants its partner, as the referral's own events say: a partner sees the case's shared personal
 * data only while the transfer is open (REQUESTED, ACKNOWLEDGED, ACCEPTED) or for a while after its completion,
 * and never once the consent it rested on was withdrawn. A declined or cancelled transfer grants nothing but its
 * reference, states and the partner's own outcome.
 *
 * @param completedAt when the transfer was completed (the event's time), null otherwise
 * @param consentWithdrawn the transfer rested on consent, and consent was withdrawn after it was requested
 */
public record TransferAccess(String transferId, String partnerId, LegalBasis legalBasis, TransferState state,
                             Instant completedAt, boolean consentWithdrawn) {

    public boolean opensPersonalData(Instant now, Duration afterCompletion) {
        if (consentWithdrawn) {
            return false;
        }
        return switch (state) {
            case REQUESTED, ACKNOWLEDGED, ACCEPTED -> true;
            case COMPLETED -> completedAt != null && now.isBefore(completedAt.plus(afterCompletion));
            case DECLINED, CANCELLED -> false;
        };
    }

    TransferAccess withState(TransferState newState, Instant at) {
        return new TransferAccess(transferId, partnerId, legalBasis, newState,
                newState == TransferState.COMPLETED ? at : completedAt, consentWithdrawn);
    }

    TransferAccess withConsentWithdrawn() {
        return legalBasis == LegalBasis.CONSENT
                ? new TransferAccess(transferId, partnerId, legalBasis, state, completedAt, true) : this;
    }
}
