package org.relais.app.privacy;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.relais.core.privacy.PersonalDataProtector;
import org.relais.core.privacy.SubjectKeyRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps the master-key epochs ({@link MasterKeyEpochs}) shortly after start and then every
 * {@code relais.privacy.rotation-check-interval} (an hour): starts the next epoch when the current one is due
 * (generated keys), re-wraps every data key still wrapped by a retired key, a batch at a time, and destroys the
 * retired keys whose backups have expired. Nothing else changes: events and read models keep their ciphertext.
 */
@Component
public class MasterKeyRotation {

    private static final Logger log = LoggerFactory.getLogger(MasterKeyRotation.class);
    private static final int BATCH = 500;

    private final PersonalDataProtector protector;
    private final MasterKeyEpochs epochs;
    private final SubjectKeyRepository keys;
    private final PrivacyProperties privacy;
    private final Clock clock;

    MasterKeyRotation(PersonalDataProtector protector, MasterKeyEpochs epochs, SubjectKeyRepository keys,
                      PrivacyProperties privacy, Clock clock) {
        this.protector = protector;
        this.epochs = epochs;
        this.keys = keys;
        this.privacy = privacy;
        this.clock = clock;
    }

    @Scheduled(initialDelayString = "PT20S", fixedDelayString = "${relais.privacy.rotation-check-interval:PT1H}")
    void scheduled() {
        try {
            Rotation rotation = rotate();
            if (rotation.rewrapped() > 0) {
                log.info("Re-wrapped {} data keys with the current master key", rotation.rewrapped());
            }
        } catch (RuntimeException e) {
            log.warn("Keeping the master-key epochs failed; the next run retries: {}", e.getClass().getSimpleName());
        }
    }

    /** One round: the next epoch if due, the re-wrap, the destruction of expired keys. */
    public synchronized Rotation rotate() {
        Instant now = clock.instant();
        Optional<String> started = epochs.startNextIfDue(now, privacy.keyEpoch());
        int rewrapped = rewrapAll();
        List<String> destroyed = epochs.destroyExpired(now, privacy.backupRetention(),
                masterKeyId -> !keys.subjectsWrappedBy(masterKeyId, 1).isEmpty());
        return new Rotation(started, rewrapped, destroyed);
    }

    /** Re-wraps every data key still wrapped by a retired master key; answers how many. */
    public int rewrapAll() {
        int total = 0;
        int batch;
        do {
            batch = protector.rewrapOutdated(BATCH);
            total += batch;
        } while (batch == BATCH);
        return total;
    }

    /** What one round did: the epoch it started, if any, the data keys it re-wrapped, the master keys it destroyed. */
    public record Rotation(Optional<String> started, int rewrapped, List<String> destroyed) {
    }
}
