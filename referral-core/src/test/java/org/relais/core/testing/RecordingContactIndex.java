package org.relais.core.testing;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.relais.core.referral.ContactIndex;

/** The blind index of contacts as a map in clear, so that scenarios can say which contact each case is indexed by. */
public final class RecordingContactIndex implements ContactIndex {

    private final Map<String, String> entries = new LinkedHashMap<>();

    @Override
    public void replace(String referralId, Instant receivedAt, Role role, String contact) {
        if (contact == null || contact.isBlank()) {
            entries.remove(referralId + "/" + role);
        } else {
            entries.put(referralId + "/" + role, contact);
        }
    }

    @Override
    public void forget(String referralId) {
        entries.keySet().removeIf(key -> key.startsWith(referralId + "/"));
    }

    /** The indexed contact of {@code role} on the case, null if none. */
    public String contactOf(String referralId, Role role) {
        return entries.get(referralId + "/" + role);
    }
}
