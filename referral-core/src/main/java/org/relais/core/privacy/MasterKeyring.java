package org.relais.core.privacy;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The master keys by epoch, oldest first. The current epoch, whose key wraps new data keys, is the last one started
 * by the clock (the first one if none has started yet): instances configured alike switch together at the next
 * epoch's start, and none re-wraps data keys back to an older epoch meanwhile. Epochs before the current one are
 * retired: {@link PersonalDataProtector#rewrapOutdated(int)} moves their data keys to the current key, after which
 * a retired key only opens what backups hold, until it is destroyed. Rotating changes the wrapped data keys only:
 * no event, read model or ciphertext.
 */
public final class MasterKeyring {

    private final Clock clock;
    private volatile List<MasterKeyEpoch> epochs;

    public MasterKeyring(List<MasterKeyEpoch> epochs, Clock clock) {
        this.clock = clock;
        this.epochs = checked(List.copyOf(epochs));
    }

    /** Keys without dates: {@code current} wraps new data keys, the others are retired. */
    public MasterKeyring(MasterKey current, Collection<MasterKey> previous) {
        this(undated(current, previous), Clock.systemUTC());
    }

    public static MasterKeyring of(MasterKey current) {
        return new MasterKeyring(current, List.of());
    }

    public MasterKey current() {
        return currentEpoch().key();
    }

    public MasterKeyEpoch currentEpoch() {
        List<MasterKeyEpoch> all = epochs;
        return all.get(currentIndex(all));
    }

    public Optional<MasterKey> find(String id) {
        return epochs.stream().filter(epoch -> epoch.id().equals(id)).findFirst().map(MasterKeyEpoch::key);
    }

    public List<MasterKeyEpoch> epochs() {
        return epochs;
    }

    /** The epochs that ended, oldest first, each with the instant it ended (null when that is not known). */
    public List<Retirement> retirements() {
        List<MasterKeyEpoch> all = epochs;
        List<Retirement> retired = new ArrayList<>();
        for (int i = 0; i < currentIndex(all); i++) {
            retired.add(new Retirement(all.get(i).id(), all.get(i + 1).from()));
        }
        return retired;
    }

    /** Starts a later epoch; it becomes current once its start has passed. */
    public synchronized void add(MasterKeyEpoch next) {
        List<MasterKeyEpoch> all = new ArrayList<>(epochs);
        all.add(next);
        epochs = checked(List.copyOf(all));
    }

    /** Forgets a retired epoch's key, once destroyed: what it wrapped opens no more. */
    public synchronized void remove(String id) {
        if (currentEpoch().id().equals(id)) {
            throw new IllegalStateException("the current master key cannot be removed");
        }
        epochs = checked(epochs.stream().filter(epoch -> !epoch.id().equals(id)).toList());
    }

    private int currentIndex(List<MasterKeyEpoch> all) {
        Instant now = clock.instant();
        int current = 0;
        for (int i = 1; i < all.size(); i++) {
            Instant from = all.get(i).from();
            if (from == null || !from.isAfter(now)) {
                current = i;
            }
        }
        return current;
    }

    private static List<MasterKeyEpoch> checked(List<MasterKeyEpoch> epochs) {
        if (epochs.isEmpty()) {
            throw new IllegalArgumentException("at least one master key is needed");
        }
        Set<String> ids = new HashSet<>();
        Instant previous = null;
        for (MasterKeyEpoch epoch : epochs) {
            if (!ids.add(epoch.id())) {
                throw new IllegalArgumentException("two master keys share the id " + epoch.id());
            }
            if (previous != null && (epoch.from() == null || !epoch.from().isAfter(previous))) {
                throw new IllegalArgumentException("master-key epochs start one after the other: " + epoch.id()
                        + " must start after the epoch before it");
            }
            previous = epoch.from() != null ? epoch.from() : previous;
        }
        return epochs;
    }

    private static List<MasterKeyEpoch> undated(MasterKey current, Collection<MasterKey> previous) {
        List<MasterKeyEpoch> epochs = new ArrayList<>();
        previous.forEach(key -> epochs.add(new MasterKeyEpoch(key, null)));
        epochs.add(new MasterKeyEpoch(current, null));
        return epochs;
    }

    /** A retired epoch: {@code retiredAt} is when the next one started, null when that is not known. */
    public record Retirement(String id, Instant retiredAt) {
    }
}
