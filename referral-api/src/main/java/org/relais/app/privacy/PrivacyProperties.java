package org.relais.app.privacy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the master keys come from, and how long each lives.
 *
 * <p>Production gives its keys as {@code masterKeyEpochs}: each an {@code id}, a {@code key} (base64 of 32 bytes,
 * e.g. from a secret manager through an environment variable) or a {@code keyFile}, and a {@code from} instant (the
 * first may have none). Each epoch's key wraps new data keys from its start; the rotation job then re-wraps the older
 * epochs' data keys. The short form {@code masterKey} (or {@code masterKeyFile}) with {@code masterKeyId}, and the
 * retired {@code previousMasterKeys.<id>}, is an undated list of the same kind. Without any, the embedded default
 * generates its keys in the key directory and rotates them itself; an external database refuses to start.
 *
 * @param keyEpoch        how long a master key wraps new data keys before the next one takes over
 * @param backupRetention how long backups (and PostgreSQL's WAL archives) are kept: a retired master key is destroyed
 *                        this long after its retirement, which is what makes an erasure reach the backups
 * @param keyCacheTtl     how long an unwrapped data key is reused: the longest another instance can still open or
 *                        seal a case's data after its erasure commits (at most one second)
 * @param integrityKey    base64, 32 bytes: the audit chain's HMAC key, apart from the master keys so that rotating
 *                        them does not touch the chain (the embedded default keeps a generated one in the key directory)
 * @param indexKey        base64, 32 bytes: the key of the blind index of contacts (an HMAC of each normalised contact),
 *                        apart from the others so that none of them can recompute it (generated in the key directory
 *                        by the embedded default)
 */
@ConfigurationProperties("relais.privacy")
record PrivacyProperties(String masterKey,
                         Path masterKeyFile,
                         @DefaultValue("k1") String masterKeyId,
                         @DefaultValue Map<String, String> previousMasterKeys,
                         @DefaultValue List<Epoch> masterKeyEpochs,
                         @DefaultValue("P30D") Duration keyEpoch,
                         @DefaultValue("P35D") Duration backupRetention,
                         @DefaultValue("PT0.5S") Duration keyCacheTtl,
                         String integrityKey,
                         String indexKey) {

    /** One configured master key and the instant it starts wrapping new data keys (none: from the start). */
    record Epoch(String id, String key, Path keyFile, Instant from) {
    }
}
