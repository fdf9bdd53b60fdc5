package org.relais.app.integrity;

/**
 * The result of checking the chain against the event store, the seals and the signed checkpoints.
 *
 * @param valid         every chained event matches its entry and its seal, every entry follows from the one before,
 *                      every stored event is sealed, and the chain contains the history every checkpoint signed
 * @param checked       how many chain entries were checked
 * @param firstBrokenAt the global index of the first event that does not match (null when valid, or when what is
 *                      wrong is the chain's length or history as a whole: see {@code checkpoint})
 * @param reason        what was wrong, without any event content (null when valid)
 * @param chain         the chain's head now
 * @param lag           stored events not chained yet, each checked against its seal
 * @param checkpoint    the checkpoint the chain contradicts, or when valid the latest one it agrees with (null if
 *                      none was signed yet)
 */
public record ChainVerification(boolean valid, long checked, Long firstBrokenAt, Reason reason, ChainHead chain,
                                long lag, Checkpoint checkpoint) {

    public enum Reason {
        /** A stored event no longer matches its chain entry, or its seal. */
        EVENT_ALTERED,
        /** A chained event is no longer in the event store. */
        EVENT_MISSING,
        /** A stored event has no seal: it did not come through the application. */
        EVENT_NOT_SEALED,
        /** A chain entry does not follow from the one before it. */
        ENTRY_ALTERED,
        /** A chain entry is missing from the middle of the chain. */
        ENTRY_MISSING,
        /** The chain has fewer entries than a checkpoint signed: its end was cut off. */
        TRUNCATED,
        /**
         * The chain is back at the head an earlier checkpoint signed, behind a later one: an older copy of the store
         * (a cold backup stops at a clean stop's checkpoint), or a cut that happens to end where a checkpoint was.
         */
        ROLLED_BACK,
        /** The chain's entry at a checkpoint's count is not the one signed: the history was replaced since. */
        DIVERGED,
        /** A line of the checkpoint log is not a checkpoint signed with this instance's key. */
        CHECKPOINT_INVALID
    }

    static ChainVerification broken(long checked, Long at, Reason reason, ChainHead chain, long lag,
                                    Checkpoint checkpoint) {
        return new ChainVerification(false, checked, at, reason, chain, lag, checkpoint);
    }
}
