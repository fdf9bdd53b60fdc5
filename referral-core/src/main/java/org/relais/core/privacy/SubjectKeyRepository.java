package org.relais.core.privacy;

import java.util.Optional;

/**
 * Where wrapped data keys live. Implementations only ever see keys wrapped by the master key. A key that was
 * destroyed stays known as destroyed, so that readers can tell "erased" from "never existed".
 */
public interface SubjectKeyRepository {

    /** Stores the wrapped key of a new subject; must take part in the caller's transaction. */
    void insert(String subjectId, WrappedKey key);

    Optional<StoredKey> find(String subjectId);

    /** Forgets the wrapped key for good and records the destruction. */
    void destroy(String subjectId);

    /** A wrapped key as stored, or a tombstone once destroyed. */
    record StoredKey(WrappedKey key, boolean destroyed) {
    }
}
