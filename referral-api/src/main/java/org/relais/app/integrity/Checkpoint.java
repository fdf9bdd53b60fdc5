package org.relais.app.integrity;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Instant;
import java.util.Base64;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The chain's head at an instant, signed: from then on, a chain with fewer entries, or whose entry at that count
 * has another hash, is not the history that was signed. The signature (Ed25519, base64) covers the UTF-8 text
 * <pre>
 * relais-checkpoint-v1
 * entries=&lt;n&gt;
 * lastGlobalIndex=&lt;global index of the last entry&gt;
 * headHash=&lt;hex hash of the last entry&gt;
 * time=&lt;ISO-8601 instant&gt;
 * instance=&lt;the instance that signed&gt;
 * keyId=&lt;first 16 hex digits of the SHA-256 of the public key's X.509 encoding&gt;
 * </pre>
 * each line ended by a line feed, so that anyone can check it with any Ed25519 implementation.
 */
public record Checkpoint(long entries, long lastGlobalIndex, String headHash, Instant time, String instance,
                         String keyId, String signature) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static Checkpoint sign(ChainHead head, Instant time, String instance, SigningKey key) {
        Checkpoint unsigned = new Checkpoint(head.entries(), head.lastGlobalIndex(), head.headHash(), time, instance,
                CheckpointSignatures.keyId(key.publicKey()), null);
        return unsigned.withSignature(Base64.getEncoder().encodeToString(key.sign(unsigned.signedBytes())));
    }

    private Checkpoint withSignature(String value) {
        return new Checkpoint(entries, lastGlobalIndex, headHash, time, instance, keyId, value);
    }

    byte[] signedBytes() {
        return ("relais-checkpoint-v1\nentries=" + entries + "\nlastGlobalIndex=" + lastGlobalIndex + "\nheadHash="
                + headHash + "\ntime=" + time + "\ninstance=" + instance + "\nkeyId=" + keyId + "\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    boolean signedBy(PublicKey key) {
        if (signature == null || !CheckpointSignatures.keyId(key).equals(keyId)) {
            return false;
        }
        try {
            return CheckpointSignatures.verify(key, signedBytes(), Base64.getDecoder().decode(signature));
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
    }

    /** Whether the chain's entry at this checkpoint's count is the one it signed. */
    boolean agreesWith(long entriesNow, String hashAtItsCount) {
        return entriesNow >= entries && headHash.equals(hashAtItsCount);
    }

    /** One line of the checkpoint log. */
    String toJsonLine() {
        ObjectNode line = JSON.createObjectNode();
        line.put("entries", entries);
        line.put("lastGlobalIndex", lastGlobalIndex);
        line.put("headHash", headHash);
        line.put("time", time.toString());
        line.put("instance", instance);
        line.put("keyId", keyId);
        line.put("signature", signature);
        return JSON.writeValueAsString(line);
    }

    static Checkpoint fromJsonLine(String line) {
        return fromJson(JSON.readTree(line));
    }

    /** ISO-8601 text, as the log writes it; decimal seconds, as some JSON writers give an instant. */
    private static Instant instant(JsonNode time) {
        if (time.isNumber()) {
            BigDecimal seconds = time.decimalValue();
            return Instant.ofEpochSecond(seconds.longValue(),
                    seconds.remainder(BigDecimal.ONE).movePointRight(9).longValue());
        }
        return Instant.parse(time.asString());
    }

    static Checkpoint fromJson(JsonNode node) {
        return new Checkpoint(node.required("entries").asLong(), node.required("lastGlobalIndex").asLong(),
                node.required("headHash").asString(), instant(node.required("time")),
                node.required("instance").asString(), node.required("keyId").asString(),
                node.required("signature").asString());
    }
}
