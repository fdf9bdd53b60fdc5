package org.relais.web.privacy;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the master key comes from: {@code masterKey} (base64 of 32 bytes, e.g. from a secret manager through an
 * environment variable) or {@code masterKeyFile}. Without either, the embedded default creates a key file in the
 * data directory on first start; an external database without a configured key refuses to start.
 */
@ConfigurationProperties("relais.privacy")
record PrivacyProperties(String masterKey,
                         Path masterKeyFile,
                         @DefaultValue("k1") String masterKeyId) {
}
