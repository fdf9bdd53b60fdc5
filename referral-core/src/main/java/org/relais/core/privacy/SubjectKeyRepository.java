package org.relais.core.privacy;

import java.util.List;
import java.util.Optional;

/**
 * Where wrapped data keys live. Implementations only ever see keys wrapped by the master key. A key that was
 * destroyed stays known as destroyed, so that readers can tell "erased" from "never existed".
 */
public interface SubjectKeyRepository {

    /** Stores the wrapped key of a new subject; must take part in the caller's transaction. */
    void insert(String subjectId, WrappedKey key);

    Optional<StoredKey> find(String subjectId);

    /** Subjects whose key is wrapped by the given master key (destroyed keys have none). */
    List<String> subjectsWrappedBy(String masterKeyId, int limit);

    /** Replaces a subject's wrapping if it is still by {@code expectedMasterKeyId}; answers whether it did. */
    boolean replaceWrapping(String subjectId, String expectedMasterKeyId, WrappedKey replacement);

    /** Forgets the wrapped key for good and records the destruction. */
    void destroy(String subjectId);

    /** A wrapped key as stored, or a tombstone once destroyed. */
    record StoredKey(WrappedKey key, boolean destroyed) {
    }
}
