package org.relais.app.integrity;

import java.util.Base64;
import java.util.List;

/**
 * What a third party needs to check, without any secret, that one exported event is in the history a checkpoint
 * signed: the event as stored (from which its digest is recomputed), its chain entry, and the digests of the
 * entries after it up to the checkpoint (or up to the next event of the same export, from which the walk goes on).
 *
 * @param version      the entry's chain version: a version 1 entry is an HMAC only Relais can check, and carries
 *                     no proof
 * @param position     the entry's place in the chain (0 for the first)
 * @param globalIndex  the event's global index, which its entry hashes
 * @param previousHash the previous entry's hash, from which this one follows
 * @param entryHash    this entry's hash
 * @param event        the event as stored
 * @param then         the entries after this one, in order, up to the checkpoint or the next exported event
 * @param checkpoint   the first checkpoint whose count covers this entry (null if none was signed since)
 */
public record EventProof(int version, long position, long globalIndex, String previousHash, String entryHash,
                         StoredForm event, List<Link> then, Checkpoint checkpoint) {

    /** One entry passed through: its event's global index and digest are enough to compute its hash. */
    public record Link(long globalIndex, String eventDigest) {
    }

    /**
     * An event as the store keeps it; payload and metadata are base64 of the exact bytes (JSON, personal data in
     * them sealed), the time an ISO-8601 instant.
     */
    public record StoredForm(String eventIdentifier, String aggregateType, String aggregateIdentifier,
                             Long sequenceNumber, String timestamp, String payloadType, String payloadRevision,
                             String payload, String metaData) {

        static StoredForm of(ChainedEvent event) {
            return new StoredForm(event.eventIdentifier(), event.aggregateType(), event.aggregateIdentifier(),
                    event.sequenceNumber(), event.timestamp().toString(), event.payloadType(),
                    event.payloadRevision(), Base64.getEncoder().encodeToString(event.payload()),
                    Base64.getEncoder().encodeToString(event.metaData()));
        }
    }
}
