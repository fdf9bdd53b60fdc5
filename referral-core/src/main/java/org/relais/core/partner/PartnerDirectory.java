package org.relais.core.partner;

import java.util.Optional;

/**
 * The partner's current terms, for the transfer gate of the Referral aggregate. Implementations must read the
 * partner's own stored events (the write side), never a read model, so that a transfer requested after a
 * suspension was stored is always rejected: there is no eventual-consistency window.
 */
public interface PartnerDirectory {

    Optional<PartnerTerms> currentTerms(String partnerId);
}
