package org.relais.app.integrity;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.function.UnaryOperator;

import org.axonframework.common.DateTimeUtils;

/**
 * Entries and seals as the first version wrote them, before the chain was built from the event stream: an HMAC (the
 * integrity key) over the previous entry's hash, or the word "seal", and every column of the JDBC event row. They are
 * never written any more; a store written then keeps them, and they are checked as they were made. Only a JDBC event
 * store can hold them, and only the holder of the integrity key can check them: the version 2 entries that follow
 * are what a third party can check.
 */
final class ChainVersion1 {

    static final int VERSION = 1;
    static final String EVENT_COLUMNS = "globalIndex, aggregateIdentifier, sequenceNumber, type, eventIdentifier, "
            + "payloadType, payloadRevision, timeStamp, payload, metaData";
    private static final String SEAL_CONTEXT = "seal";

    private final Hmac hmac;

    ChainVersion1(Hmac hmac) {
        this.hmac = hmac;
    }

    /**
     * A version 1 entry over the stored row it names, as a function of the previous entry's hash (known only once
     * the entries before it are checked); the row's columns are read now.
     */
    UnaryOperator<String> entryFunction(ResultSet row) throws SQLException {
        long globalIndex = row.getLong("globalIndex");
        String aggregateIdentifier = row.getString("aggregateIdentifier");
        long sequenceNumber = row.getLong("sequenceNumber");
        String type = row.getString("type");
        String eventIdentifier = row.getString("eventIdentifier");
        String payloadType = row.getString("payloadType");
        String payloadRevision = row.getString("payloadRevision");
        String timeStamp = row.getString("timeStamp");
        byte[] payload = row.getBytes("payload");
        byte[] metaData = row.getBytes("metaData");
        return previousHash -> hash(previousHash, globalIndex, aggregateIdentifier, sequenceNumber, type,
                eventIdentifier, payloadType, payloadRevision, timeStamp, payload, metaData);
    }

    /**
     * A version 1 seal, recomputed from the event as the JDBC engine delivers it: its fields are the row's, and the
     * engine wrote the time with the same formatter it is read back with.
     */
    String seal(long globalIndex, ChainedEvent event) {
        return hash(SEAL_CONTEXT, globalIndex, event.aggregateIdentifier(),
                event.sequenceNumber() == null ? 0 : event.sequenceNumber(), event.aggregateType(),
                event.eventIdentifier(), event.payloadType(), event.payloadRevision(),
                DateTimeUtils.formatInstant(event.timestamp()), event.payload(), event.metaData());
    }

    private String hash(String previousHash, long globalIndex, String aggregateIdentifier, long sequenceNumber,
                        String type, String eventIdentifier, String payloadType, String payloadRevision,
                        String timeStamp, byte[] payload, byte[] metaData) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(previousHash);
            out.writeLong(globalIndex);
            writeString(out, aggregateIdentifier);
            out.writeLong(sequenceNumber);
            writeString(out, type);
            writeString(out, eventIdentifier);
            writeString(out, payloadType);
            writeString(out, payloadRevision);
            writeString(out, timeStamp);
            writeBytes(out, payload);
            writeBytes(out, metaData);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return hmac.hex(bytes.toByteArray());
    }

    private static void writeString(DataOutputStream out, String value) throws IOException {
        writeBytes(out, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    private static void writeBytes(DataOutputStream out, byte[] value) throws IOException {
        if (value == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(value.length);
        out.write(value);
    }
}
