package org.relais.web.privacy;

import java.nio.file.Path;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the master key comes from: {@code masterKey} (base64 of 32 bytes, e.g. from a secret manager through an
 * environment variable) or {@code masterKeyFile}. Without either, the embedded default creates a key file in the
 * data directory on first start; an external database without a configured key refuses to start.
 *
 * <p>To rotate: give the new key as {@code masterKey} with a new {@code masterKeyId}, and the old one under
 * {@code previousMasterKeys.<old id>}; the rotation job re-wraps every data key, after which the old key may go.
 * {@code integrityKey} (base64, 32 bytes) keys the audit chain's HMAC; it is separate so that rotating the master
 * key does not touch the chain (the embedded default keeps a generated one in the data directory).
 */
@ConfigurationProperties("relais.privacy")
record PrivacyProperties(String masterKey,
                         Path masterKeyFile,
                         @DefaultValue("k1") String masterKeyId,
                         @DefaultValue Map<String, String> previousMasterKeys,
                         String integrityKey) {
}
