package org.relais.app.privacy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import org.relais.core.privacy.MasterKeyEpoch;
import org.relais.core.privacy.MasterKeyring;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How master-key epochs begin and end. An erased case's data key survives, wrapped, in backups, in PostgreSQL's dead
 * tuples and WAL archives; it becomes unreadable there only once every master key that wrapped it is gone. So each
 * epoch lasts {@code relais.privacy.key-epoch}, and a retired epoch's key is destroyed once
 * {@code relais.privacy.backup-retention} has passed since it retired: by then no kept backup needs it.
 *
 * <p>Generated keys (the embedded default) are started and destroyed here, in the key directory. Configured keys
 * (production) come from a secret store this application cannot write to: their epochs are given in configuration,
 * and here they are only re-wrapped; the log says when to configure the next epoch and when to destroy a retired key.
 */
final class MasterKeyEpochs {

    private static final Logger log = LoggerFactory.getLogger(MasterKeyEpochs.class);

    private final MasterKeyring keyring;
    private final MasterKeyLedger ledger;

    private MasterKeyEpochs(MasterKeyring keyring, MasterKeyLedger ledger) {
        this.keyring = keyring;
        this.ledger = ledger;
    }

    static MasterKeyEpochs configured(MasterKeyring keyring) {
        return new MasterKeyEpochs(keyring, null);
    }

    static MasterKeyEpochs generated(MasterKeyring keyring, MasterKeyLedger ledger) {
        return new MasterKeyEpochs(keyring, ledger);
    }

    MasterKeyring keyring() {
        return keyring;
    }

    boolean generated() {
        return ledger != null;
    }

    /** Starts the next epoch if the current one has lasted {@code length}; answers its id. Generated keys only. */
    synchronized Optional<String> startNextIfDue(Instant now, Duration length) {
        MasterKeyEpoch current = keyring.currentEpoch();
        if (current.from() == null || current.from().plus(length).isAfter(now)) {
            return Optional.empty();
        }
        if (!generated()) {
            log.warn("The master key {} has been in force since {}, longer than relais.privacy.key-epoch: configure "
                    + "the next epoch (relais.privacy.master-key-epochs)", current.id(), current.from());
            return Optional.empty();
        }
        MasterKeyEpoch next = ledger.startNext(now);
        keyring.add(next);
        return Optional.of(next.id());
    }

    /**
     * Destroys the keys of epochs retired at least {@code retention} ago, unless a live data key is still wrapped by
     * one (the re-wrap has not finished: destroying it would lose that case). Answers the ids destroyed.
     */
    synchronized List<String> destroyExpired(Instant now, Duration retention, Predicate<String> stillWrapsLiveKeys) {
        List<String> destroyed = new ArrayList<>();
        for (MasterKeyring.Retirement retired : keyring.retirements()) {
            if (retired.retiredAt() == null || retired.retiredAt().plus(retention).isAfter(now)) {
                continue;
            }
            if (stillWrapsLiveKeys.test(retired.id())) {
                log.error("The master key {} retired at {} still wraps live data keys: it is kept until the re-wrap "
                        + "has moved them to the current key", retired.id(), retired.retiredAt());
                continue;
            }
            if (!generated()) {
                log.warn("The master key {} retired at {}, longer ago than relais.privacy.backup-retention: remove it "
                        + "from the configuration and destroy it in the secret store, so that erased cases become "
                        + "unreadable in the backups made before", retired.id(), retired.retiredAt());
                continue;
            }
            ledger.destroy(retired.id(), now);
            keyring.remove(retired.id());
            destroyed.add(retired.id());
            log.info("Destroyed the master key {}, retired at {}: the data keys it wrapped, in any backup, open no more",
                    retired.id(), retired.retiredAt());
        }
        return destroyed;
    }
}
