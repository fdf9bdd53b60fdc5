package org.relais.core.privacy;

import java.time.Instant;

/**
 * A master key and the instant it starts wrapping new data keys; {@code from} is null for a key in force from the
 * start (the first epoch, or keys configured without dates). An epoch ends when the next one starts: its key then
 * only waits for the re-wrap of its data keys, and for the backups made during it to expire.
 */
public record MasterKeyEpoch(MasterKey key, Instant from) {

    public MasterKeyEpoch {
        if (key == null) {
            throw new IllegalArgumentException("an epoch has a master key");
        }
    }

    public String id() {
        return key.id();
    }
}
