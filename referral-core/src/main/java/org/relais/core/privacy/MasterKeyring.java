package org.relais.core.privacy;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The master key that wraps new data keys, and the previous ones that may still wrap older data keys until they
 * are re-wrapped (see {@link PersonalDataProtector#rewrapOutdated(int)}). Rotating the master key re-wraps the data
 * keys only: no event, read model or ciphertext changes.
 */
public final class MasterKeyring {

    private final MasterKey current;
    private final Map<String, MasterKey> byId = new LinkedHashMap<>();

    public MasterKeyring(MasterKey current, Collection<MasterKey> previous) {
        this.current = current;
        previous.forEach(key -> byId.put(key.id(), key));
        byId.put(current.id(), current);
    }

    public static MasterKeyring of(MasterKey current) {
        return new MasterKeyring(current, java.util.List.of());
    }

    public MasterKey current() {
        return current;
    }

    public Optional<MasterKey> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }
}
