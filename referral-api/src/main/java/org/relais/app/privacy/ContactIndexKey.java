package org.relais.app.privacy;

import java.util.Base64;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The HMAC key of the blind index of contacts ({@code relais.privacy.index-key}). Apart from the master keys and the
 * integrity key so that whoever holds one of those cannot recompute the index, and like them never in a database: a
 * copy of the database alone cannot tell whose phone number an entry stands for, even by trying every number.
 */
public final class ContactIndexKey {

    private final SecretKey key;

    private ContactIndexKey(byte[] material) {
        if (material.length < 32) {
            throw new IllegalArgumentException("the index key needs at least 256 bits (32 bytes, base64-encoded)");
        }
        this.key = new SecretKeySpec(material, "HmacSHA256");
    }

    public static ContactIndexKey fromBase64(String base64) {
        return new ContactIndexKey(Base64.getDecoder().decode(base64.trim()));
    }

    public SecretKey secretKey() {
        return key;
    }

    @Override
    public String toString() {
        return "ContactIndexKey[redacted]";
    }
}
