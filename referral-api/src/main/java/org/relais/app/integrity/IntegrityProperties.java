package org.relais.app.integrity;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Signed checkpoints of the audit chain.
 *
 * @param checkpointInterval how often the chain's head is signed (and at every clean stop), when it has moved
 * @param checkpointLog      the file checkpoints are appended to (a path; blank for the default,
 *                           {@code checkpoints.log} in the key directory), never in the event database
 * @param signingKey         the Ed25519 private key (base64 of its PKCS#8 encoding); generated in the key directory
 *                           for the embedded default, required with an external database
 */
@ConfigurationProperties("relais.integrity")
record IntegrityProperties(@DefaultValue("PT1M") Duration checkpointInterval,
                           String checkpointLog,
                           String signingKey) {

    @Override
    public String toString() {
        return "IntegrityProperties[checkpointInterval=" + checkpointInterval + ", checkpointLog=" + checkpointLog
                + ", signingKey=" + (signingKey == null ? "none" : "redacted") + "]";
    }
}
