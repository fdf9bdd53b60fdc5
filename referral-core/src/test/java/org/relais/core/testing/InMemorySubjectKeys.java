package org.relais.core.testing;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.relais.core.privacy.SubjectKeyRepository;
import org.relais.core.privacy.WrappedKey;

/** Test double of the key store: the real one is a database table, tested in the application module. */
public final class InMemorySubjectKeys implements SubjectKeyRepository {

    private final Map<String, StoredKey> keys = new ConcurrentHashMap<>();

    @Override
    public void insert(String subjectId, WrappedKey key) {
        if (keys.putIfAbsent(subjectId, new StoredKey(key, false)) != null) {
            throw new IllegalStateException("key exists");
        }
    }

    @Override
    public Optional<StoredKey> find(String subjectId) {
        return Optional.ofNullable(keys.get(subjectId));
    }

    @Override
    public List<String> subjectsWrappedBy(String masterKeyId, int limit) {
        return keys.entrySet().stream()
                .filter(entry -> !entry.getValue().destroyed() && entry.getValue().key().masterKeyId().equals(masterKeyId))
                .map(Map.Entry::getKey).limit(limit).toList();
    }

    @Override
    public boolean replaceWrapping(String subjectId, String expectedMasterKeyId, WrappedKey replacement) {
        StoredKey current = keys.get(subjectId);
        if (current == null || current.destroyed() || !current.key().masterKeyId().equals(expectedMasterKeyId)) {
            return false;
        }
        return keys.replace(subjectId, current, new StoredKey(replacement, false));
    }

    @Override
    public void destroy(String subjectId) {
        keys.put(subjectId, new StoredKey(null, true));
    }
}
