package org.relais.core.privacy;

import java.util.Base64;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The key-encryption key. It comes from configuration or a key file, never from a database, so that a copy of the
 * databases alone reveals nothing.
 */
public final class MasterKey {

    private final String id;
    private final SecretKey key;

    private MasterKey(String id, byte[] material) {
        if (material.length != 32) {
            throw new IllegalArgumentException("a master key is 256 bits (32 bytes, base64-encoded)");
        }
        this.id = id;
        this.key = new SecretKeySpec(material, "AES");
    }

    public static MasterKey fromBase64(String id, String base64) {
        return new MasterKey(id, Base64.getDecoder().decode(base64.trim()));
    }

    public String id() {
        return id;
    }

    SecretKey secretKey() {
        return key;
    }

    @Override
    public String toString() {
        return "MasterKey[" + id + "]";
    }
}
