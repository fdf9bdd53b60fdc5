package org.relais.app.integrity;

import java.security.GeneralSecurityException;

import javax.crypto.Mac;
import javax.crypto.SecretKey;

import org.relais.app.privacy.IntegrityKey;
import org.springframework.stereotype.Component;

/** HMAC-SHA256 under the integrity key, which is never in the event database. */
@Component
class Hmac {

    private final SecretKey key;

    Hmac(IntegrityKey integrityKey) {
        this.key = integrityKey.secretKey();
    }

    String hex(byte[] input) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return ChainLinks.hex(mac.doFinal(input));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }
}
