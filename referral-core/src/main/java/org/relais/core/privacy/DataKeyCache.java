package org.relais.core.privacy;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

import javax.crypto.SecretKey;

/**
 * Unwrapped data keys, kept briefly so that one request opening a dozen fields of a case reads its key row once.
 *
 * <p>Every entry expires {@code ttl} after the key row was <em>read</em>: another instance that erases the case
 * cannot reach this cache, so a destroyed key stops being used here at most {@code ttl} after the erasure's commit.
 * The erasing instance forgets the key at its commit; a read that fetched the row before that commit (it still saw
 * the key) must not put it back afterwards, so any {@link #forget} makes the reads begun before it uncacheable.
 */
final class DataKeyCache {

    private final long ttlNanos;
    private final int capacity;
    private final LongSupplier nanoTime;
    private final Map<String, Entry> entries;
    private long generation;

    DataKeyCache(Duration ttl, int capacity, LongSupplier nanoTime) {
        if (ttl.isNegative()) {
            throw new IllegalArgumentException("a cache lifetime is not negative");
        }
        this.ttlNanos = ttl.toNanos();
        this.capacity = capacity;
        this.nanoTime = nanoTime;
        this.entries = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > DataKeyCache.this.capacity;
            }
        };
    }

    /** Taken before the key row is read, and handed back to {@link #put}. */
    synchronized Fetch startFetch() {
        return new Fetch(nanoTime.getAsLong(), generation);
    }

    synchronized SecretKey get(String subjectId) {
        Entry entry = entries.get(subjectId);
        if (entry == null) {
            return null;
        }
        if (nanoTime.getAsLong() - entry.fetchedAt() >= ttlNanos) {
            entries.remove(subjectId);
            return null;
        }
        return entry.key();
    }

    /** Keeps a key read during {@code fetch}, unless a key was forgotten since the read began. */
    synchronized void put(String subjectId, SecretKey key, Fetch fetch) {
        if (fetch.generation() != generation || nanoTime.getAsLong() - fetch.startedAt() >= ttlNanos) {
            return;
        }
        entries.put(subjectId, new Entry(key, fetch.startedAt()));
    }

    synchronized void forget(String subjectId) {
        generation++;
        entries.remove(subjectId);
    }

    record Fetch(long startedAt, long generation) {
    }

    private record Entry(SecretKey key, long fetchedAt) {
    }
}
