package org.relais.app.integrity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

import org.springframework.stereotype.Component;

/**
 * A seal proves that the application itself wrote an event: an HMAC under the integrity key over the event's digest
 * (version 2; version 1 sealed the stored row, see {@link ChainVersion1}). It is checked by value: whatever the chain
 * says, an event whose content no longer gives its seal, or that has none, did not come from the application as it
 * is now.
 */
@Component
class EventSeals {

    static final int VERSION = 2;
    private static final byte[] SEAL_CONTEXT = "relais-seal-v2\n".getBytes(StandardCharsets.US_ASCII);

    private final Hmac hmac;
    private final ChainVersion1 version1;

    EventSeals(Hmac hmac) {
        this.hmac = hmac;
        this.version1 = new ChainVersion1(hmac);
    }

    String seal(String eventDigest) {
        byte[] digest = HexFormat.of().parseHex(eventDigest);
        byte[] input = new byte[SEAL_CONTEXT.length + digest.length];
        System.arraycopy(SEAL_CONTEXT, 0, input, 0, SEAL_CONTEXT.length);
        System.arraycopy(digest, 0, input, SEAL_CONTEXT.length, digest.length);
        return hmac.hex(input);
    }

    boolean matches(String seal, int version, long globalIndex, ChainedEvent event, String eventDigest) {
        String expected = version == ChainVersion1.VERSION ? version1.seal(globalIndex, event) : seal(eventDigest);
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                seal.getBytes(StandardCharsets.US_ASCII));
    }

    ChainVersion1 version1() {
        return version1;
    }
}
