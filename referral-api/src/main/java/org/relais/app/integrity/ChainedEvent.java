package org.relais.app.integrity;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;

/**
 * One event in the form the chain hashes: its identity, its place in its aggregate, its time, and its payload and
 * metadata exactly as the event serializer gives them, which are the bytes the event store keeps. It is taken from
 * the event stream, not from a table, so the chain works whatever stores the events (the JDBC engine, Axon Server),
 * and a third party can recompute its {@link #digest()} from an export without any secret.
 *
 * <p>The digest is SHA-256 over {@code "relais-event-v2\n"} followed by each field as a 4-byte big-endian length and
 * its bytes (length -1 for none): event identifier; aggregate type, aggregate identifier and sequence number (decimal)
 * for an aggregate's event, three times none otherwise; time in epoch milliseconds (decimal: Axon Server keeps no
 * more); payload type; payload revision; payload; metadata. The JDBC engine stores an event without aggregate under
 * its own identifier at sequence 0 and no type: that shape counts as no aggregate, as it is published.
 *
 * @param sequenceNumber null for an event without aggregate
 */
public record ChainedEvent(String eventIdentifier, String aggregateType, String aggregateIdentifier,
                           Long sequenceNumber, Instant timestamp, String payloadType, String payloadRevision,
                           byte[] payload, byte[] metaData) {

    private static final byte[] DIGEST_CONTEXT = "relais-event-v2\n".getBytes(StandardCharsets.US_ASCII);

    /** The event as delivered by the event stream or the event bus, serialized by the store's own serializer. */
    static ChainedEvent of(EventMessage<?> event, Serializer serializer) {
        SerializedObject<byte[]> payload = event.serializePayload(serializer, byte[].class);
        SerializedObject<byte[]> metaData = event.serializeMetaData(serializer, byte[].class);
        String type = null;
        String aggregate = null;
        Long sequence = null;
        if (event instanceof DomainEventMessage<?> domain) {
            type = domain.getType();
            aggregate = domain.getAggregateIdentifier();
            sequence = domain.getSequenceNumber();
        }
        return new ChainedEvent(event.getIdentifier(), type, aggregate, sequence, event.getTimestamp(),
                payload.getType().getName(), payload.getType().getRevision(), payload.getData(), metaData.getData());
    }

    /**
     * The event as a JDBC store row keeps it (columns {@link ChainVersion1#EVENT_COLUMNS}): the same fields as the
     * stream delivers for an event of the current revision, and the bytes written for one the upcasters change.
     */
    static ChainedEvent ofStoredRow(ResultSet row) throws SQLException {
        String eventIdentifier = row.getString("eventIdentifier");
        return new ChainedEvent(eventIdentifier, row.getString("type"), row.getString("aggregateIdentifier"),
                row.getLong("sequenceNumber"), DateTimeUtils.parseInstant(row.getString("timeStamp")),
                row.getString("payloadType"), row.getString("payloadRevision"), row.getBytes("payload"),
                row.getBytes("metaData"));
    }

    /** Whether the event belongs to an aggregate, rather than being stored as one of its own (see above). */
    boolean ofAggregate() {
        return aggregateIdentifier != null && !aggregateIdentifier.isEmpty()
                && !(aggregateType == null && aggregateIdentifier.equals(eventIdentifier)
                && sequenceNumber != null && sequenceNumber == 0);
    }

    /** The SHA-256 of this event's canonical form, hex. */
    public String digest() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256 + length(payload) + length(metaData));
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(DIGEST_CONTEXT);
            field(out, eventIdentifier);
            boolean ofAggregate = ofAggregate();
            field(out, ofAggregate ? aggregateType : null);
            field(out, ofAggregate ? aggregateIdentifier : null);
            field(out, ofAggregate ? String.valueOf(sequenceNumber) : null);
            field(out, String.valueOf(timestamp.toEpochMilli()));
            field(out, payloadType);
            field(out, payloadRevision);
            field(out, payload);
            field(out, metaData);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ChainLinks.hex(ChainLinks.sha256(bytes.toByteArray()));
    }

    private static int length(byte[] value) {
        return value == null ? 0 : value.length;
    }

    private static void field(DataOutputStream out, String value) throws IOException {
        field(out, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    private static void field(DataOutputStream out, byte[] value) throws IOException {
        if (value == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(value.length);
        out.write(value);
    }
}
