package org.relais.core.partner;

import java.time.Instant;
import java.util.Optional;

/**
 * The partner's current terms and liaisons, for the transfer gate of the Referral aggregate and the access rules.
 * Implementations must read the partner's own stored events (the write side), never a read model, so that a
 * transfer requested after a suspension was stored is always rejected, and a liaison detached is refused on every
 * instance at once: there is no eventual-consistency window.
 */
public interface PartnerDirectory {

    default Optional<PartnerTerms> currentTerms(String partnerId) {
        return termsAsOf(partnerId, null);
    }

    /** The partner as it stood at {@code asOf}, or now when it is null. */
    Optional<PartnerTerms> termsAsOf(String partnerId, Instant asOf);
}
