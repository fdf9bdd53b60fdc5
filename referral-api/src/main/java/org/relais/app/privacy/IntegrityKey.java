package org.relais.app.privacy;

import java.util.Base64;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/** The HMAC key of the tamper-evident chain; like the master key, it never lives in a database. */
public final class IntegrityKey {

    private final SecretKey key;

    private IntegrityKey(byte[] material) {
        if (material.length < 32) {
            throw new IllegalArgumentException("the integrity key needs at least 256 bits (32 bytes, base64-encoded)");
        }
        this.key = new SecretKeySpec(material, "HmacSHA256");
    }

    static IntegrityKey fromBase64(String base64) {
        return new IntegrityKey(Base64.getDecoder().decode(base64.trim()));
    }

    public SecretKey secretKey() {
        return key;
    }

    @Override
    public String toString() {
        return "IntegrityKey[redacted]";
    }
}
