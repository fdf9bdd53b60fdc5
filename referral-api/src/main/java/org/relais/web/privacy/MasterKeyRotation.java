package org.relais.web.privacy;

import org.relais.core.privacy.PersonalDataProtector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * After a master-key rotation, re-wraps every data key still wrapped by a previous master key, a batch at a time,
 * shortly after start and then hourly. Nothing else changes: events and read models keep their ciphertext.
 */
@Component
public class MasterKeyRotation {

    private static final Logger log = LoggerFactory.getLogger(MasterKeyRotation.class);
    private static final int BATCH = 500;

    private final PersonalDataProtector protector;

    MasterKeyRotation(PersonalDataProtector protector) {
        this.protector = protector;
    }

    @Scheduled(initialDelayString = "PT20S", fixedDelayString = "PT1H")
    void scheduled() {
        try {
            int total = rewrapAll();
            if (total > 0) {
                log.info("Re-wrapped {} data keys with the current master key", total);
            }
        } catch (RuntimeException e) {
            log.warn("Re-wrapping data keys failed; the next run retries: {}", e.getClass().getSimpleName());
        }
    }

    /** Re-wraps every outdated data key; answers how many. */
    public int rewrapAll() {
        int total = 0;
        int batch;
        do {
            batch = protector.rewrapOutdated(BATCH);
            total += batch;
        } while (batch == BATCH);
        return total;
    }
}
