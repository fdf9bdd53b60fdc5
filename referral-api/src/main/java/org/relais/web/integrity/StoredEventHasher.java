package org.relais.web.integrity;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.SecretKey;

import org.relais.web.privacy.IntegrityKey;
import org.springframework.stereotype.Component;

/**
 * The hash of one chain entry: an HMAC over the previous entry's hash and every column of the stored event row.
 * Keyed by the integrity key, which is not in the database, so that someone who can write the database cannot
 * recompute a consistent chain.
 */
@Component
class StoredEventHasher {

    static final String EVENT_COLUMNS = "globalIndex, aggregateIdentifier, sequenceNumber, type, eventIdentifier, "
            + "payloadType, payloadRevision, timeStamp, payload, metaData";
    static final String GENESIS = "0".repeat(64);

    private final SecretKey key;

    StoredEventHasher(IntegrityKey integrityKey) {
        this.key = integrityKey.secretKey();
    }

    String hash(String previousHash, ResultSet row) throws SQLException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(previousHash);
            out.writeLong(row.getLong("globalIndex"));
            writeString(out, row.getString("aggregateIdentifier"));
            out.writeLong(row.getLong("sequenceNumber"));
            writeString(out, row.getString("type"));
            writeString(out, row.getString("eventIdentifier"));
            writeString(out, row.getString("payloadType"));
            writeString(out, row.getString("payloadRevision"));
            writeString(out, row.getString("timeStamp"));
            writeBytes(out, row.getBytes("payload"));
            writeBytes(out, row.getBytes("metaData"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(bytes.toByteArray()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }

    private static void writeString(DataOutputStream out, String value) throws IOException {
        writeBytes(out, value == null ? null : value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
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
