package org.relais.app.integrity;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * How one chain entry follows from the previous (version 2): SHA-256 over {@code "relais-chain-v2\n"}, the previous
 * entry's hash (32 bytes; 32 zero bytes before the first entry), the event's global index (8 bytes, big-endian) and
 * the event's digest (32 bytes, see {@link ChainedEvent}). No key: anyone can recompute it, which is what lets a third
 * party check an export against a signed checkpoint. What stops someone who can write the database from recomputing a
 * consistent chain over altered events is the seals (keyed) and the signed checkpoints kept outside the database.
 */
public final class ChainLinks {

    public static final String GENESIS = "0".repeat(64);

    private static final byte[] LINK_CONTEXT = "relais-chain-v2\n".getBytes(StandardCharsets.US_ASCII);

    private ChainLinks() {
    }

    public static String link(String previousHash, long globalIndex, String eventDigest) {
        ByteBuffer input = ByteBuffer.allocate(LINK_CONTEXT.length + 32 + 8 + 32);
        input.put(LINK_CONTEXT).put(HexFormat.of().parseHex(previousHash)).putLong(globalIndex)
                .put(HexFormat.of().parseHex(eventDigest));
        return hex(sha256(input.array()));
    }

    static byte[] sha256(byte[] input) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(input);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
