package org.relais.app.http.idempotency;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import jakarta.servlet.http.HttpServletRequest;
import org.relais.app.privacy.IntegrityKey;
import org.springframework.stereotype.Component;

/**
 * What an idempotency record keeps of its request to recognise a repetition: an HMAC-SHA256 of the method, path,
 * If-Match and body bytes under a server key. A bare hash would let whoever reads the table confirm a guess of a
 * body, and bodies hold personal data (a victim's name, a phone number: few enough candidates to try them all).
 *
 * <p>The key is derived from the integrity key with a label of its own (HMAC of the label under that key), so no
 * second secret needs managing and it is never the key that seals the events. Records written before (a bare
 * SHA-256, same length) are still recognised until they expire ({@code relais.idempotency.retention}, 7 days by
 * default): the replay accepts either, and new records are only ever keyed.
 */
@Component
class RequestFingerprints {

    private static final String LABEL = "relais/idempotency/request-fingerprint/v1";
    private static final String HMAC = "HmacSHA256";

    private final SecretKey key;

    RequestFingerprints(IntegrityKey integrityKey) {
        this.key = new SecretKeySpec(mac(integrityKey.secretKey()).doFinal(LABEL.getBytes(StandardCharsets.UTF_8)),
                HMAC);
    }

    /** The fingerprint that a new record stores. */
    String of(HttpServletRequest request, Long expectedVersion) {
        Mac mac = mac(key);
        mac.update(head(request, expectedVersion));
        mac.update(RequestBodyFilter.bodyOf(request));
        return HexFormat.of().formatHex(mac.doFinal());
    }

    /** Whether a stored fingerprint is this request's: keyed, or (a record from before) a bare SHA-256. */
    boolean matches(String stored, String fingerprint, HttpServletRequest request, Long expectedVersion) {
        byte[] storedBytes = stored.strip().getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(storedBytes, fingerprint.getBytes(StandardCharsets.US_ASCII))
                || MessageDigest.isEqual(storedBytes, unkeyed(request, expectedVersion)
                .getBytes(StandardCharsets.US_ASCII));
    }

    /** How records were fingerprinted before: kept only to recognise them until they expire. */
    private static String unkeyed(HttpServletRequest request, Long expectedVersion) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(head(request, expectedVersion));
            digest.update(RequestBodyFilter.bodyOf(request));
            return HexFormat.of().formatHex(digest.digest());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    private static byte[] head(HttpServletRequest request, Long expectedVersion) {
        return (request.getMethod() + "\n" + request.getRequestURI() + "\n" + expectedVersion + "\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static Mac mac(SecretKey key) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is always available", e);
        }
    }
}
