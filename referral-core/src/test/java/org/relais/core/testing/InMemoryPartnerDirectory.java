package org.relais.core.testing;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.relais.core.partner.PartnerDirectory;
import org.relais.core.partner.PartnerTerms;

/** Test double of the partner directory: the real one reads the Partner aggregate's events. */
public final class InMemoryPartnerDirectory implements PartnerDirectory {

    private final Map<String, PartnerTerms> partners = new ConcurrentHashMap<>();

    public InMemoryPartnerDirectory with(PartnerTerms terms) {
        partners.put(terms.partnerId(), terms);
        return this;
    }

    /** The partners as they are now, whatever the instant asked: tests that replay the past use the real one. */
    @Override
    public Optional<PartnerTerms> termsAsOf(String partnerId, Instant asOf) {
        return Optional.ofNullable(partners.get(partnerId));
    }
}
