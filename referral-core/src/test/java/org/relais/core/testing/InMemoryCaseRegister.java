package org.relais.core.testing;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.relais.core.referral.CaseRegister;

/** Test double of the case register: the real one reads the write-side tables, tested in the application module. */
public final class InMemoryCaseRegister implements CaseRegister {

    private final Map<String, RegisteredCase> cases = new ConcurrentHashMap<>();

    public InMemoryCaseRegister with(String referralId, String reference, boolean erased) {
        cases.put(referralId, new RegisteredCase(referralId, reference, erased));
        return this;
    }

    @Override
    public Optional<RegisteredCase> find(String referenceOrId) {
        String wanted = referenceOrId.toUpperCase(Locale.ROOT);
        return cases.values().stream()
                .filter(c -> c.referralId().equals(referenceOrId) || c.reference().equals(wanted)
                        || c.reference().equals("R-" + wanted))
                .findFirst();
    }
}
