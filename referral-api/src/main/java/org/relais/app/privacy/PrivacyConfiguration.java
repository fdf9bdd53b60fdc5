package org.relais.app.privacy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.relais.core.privacy.MasterKey;
import org.relais.core.privacy.MasterKeyEpoch;
import org.relais.core.privacy.MasterKeyring;
import org.relais.core.privacy.PersonalDataProtector;
import org.relais.core.privacy.RetentionPeriod;
import org.relais.core.privacy.SubjectKeyRepository;
import org.relais.app.config.RelaisProperties;
import org.relais.app.keys.KeyDirectory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

@Configuration(proxyBeanMethods = false)
class PrivacyConfiguration {

    /** The promise: no instance uses an erased case's key more than a second after the erasure's commit. */
    static final Duration MAX_KEY_CACHE_TTL = Duration.ofSeconds(1);

    /** Where generated keys live: never the data directory, from which older versions' keys are moved. */
    @Bean
    KeyDirectory keyDirectory(RelaisProperties relais) {
        return new KeyDirectory(relais.keyDir(), relais.dataDir());
    }

    /**
     * The master keys by epoch: configured ones (production), or generated ones in the key directory (the embedded
     * default, which rotates them itself).
     */
    @Bean
    MasterKeyEpochs masterKeyEpochs(PrivacyProperties privacy, KeyDirectory keyDirectory, Environment environment,
                                    Clock clock) {
        boolean shortForm = has(privacy.masterKey()) || privacy.masterKeyFile() != null;
        if (!privacy.masterKeyEpochs().isEmpty()) {
            if (shortForm || !privacy.previousMasterKeys().isEmpty()) {
                throw new IllegalStateException("relais.privacy.master-key-epochs replaces relais.privacy.master-key, "
                        + "master-key-file and previous-master-keys: configure one or the other");
            }
            List<MasterKeyEpoch> epochs = privacy.masterKeyEpochs().stream().map(PrivacyConfiguration::epoch).toList();
            return MasterKeyEpochs.configured(new MasterKeyring(epochs, clock));
        }
        if (shortForm) {
            List<MasterKey> previous = privacy.previousMasterKeys().entrySet().stream()
                    .map(entry -> MasterKey.fromBase64(entry.getKey(), entry.getValue())).toList();
            MasterKey current = MasterKey.fromBase64(privacy.masterKeyId(), has(privacy.masterKey())
                    ? privacy.masterKey() : read(privacy.masterKeyFile()));
            return MasterKeyEpochs.configured(new MasterKeyring(current, previous));
        }
        requireEmbedded(environment, "relais.privacy.master-key-epochs (or relais.privacy.master-key)");
        MasterKeyLedger ledger = MasterKeyLedger.open(keyDirectory, privacy.masterKeyId(), clock.instant());
        return MasterKeyEpochs.generated(new MasterKeyring(ledger.liveEpochs(), clock), ledger);
    }

    @Bean
    MasterKeyring masterKeyring(MasterKeyEpochs epochs) {
        return epochs.keyring();
    }

    @Bean
    PersonalDataProtector personalDataProtector(SubjectKeyRepository keys, MasterKeyring masterKeys,
                                                SecureRandom random, PrivacyProperties privacy) {
        if (privacy.keyCacheTtl().compareTo(MAX_KEY_CACHE_TTL) > 0) {
            throw new IllegalStateException("relais.privacy.key-cache-ttl is at most " + MAX_KEY_CACHE_TTL
                    + ": it bounds how long another instance can still open an erased case");
        }
        return new PersonalDataProtector(keys, masterKeys, random, privacy.keyCacheTtl(), new SpringAfterCommit());
    }

    /** What the referral checks before it accepts an erasure at retention expiry. */
    @Bean
    RetentionPeriod retentionPeriod(RetentionProperties retention) {
        return new RetentionPeriod(retention.afterClosure());
    }

    /** The key of the audit chain's HMAC, kept apart from the master key so that rotating one leaves the other. */
    @Bean
    IntegrityKey integrityKey(PrivacyProperties privacy, KeyDirectory keyDirectory, Environment environment) {
        if (privacy.integrityKey() != null && !privacy.integrityKey().isBlank()) {
            return IntegrityKey.fromBase64(privacy.integrityKey());
        }
        requireEmbedded(environment, "relais.privacy.integrity-key");
        return IntegrityKey.fromBase64(keyDirectory.generatedKey("integrity.key", 32));
    }

    /**
     * The key of the blind index of contacts: with it, the index of a phone number or an address can be recomputed
     * and so found in the write-side database; without it, the index says nothing. Never in a database or the data
     * directory.
     */
    @Bean
    ContactIndexKey contactIndexKey(PrivacyProperties privacy, KeyDirectory keyDirectory, Environment environment) {
        if (has(privacy.indexKey())) {
            return ContactIndexKey.fromBase64(privacy.indexKey());
        }
        requireEmbedded(environment, "relais.privacy.index-key");
        return ContactIndexKey.fromBase64(keyDirectory.generatedKey("index.key", 32));
    }

    /** With an external database, a generated key would be one instance's alone: every key must be given. */
    private static void requireEmbedded(Environment environment, String setting) {
        String datasource = environment.getProperty("spring.datasource.url");
        if (datasource != null && !datasource.isBlank()) {
            throw new IllegalStateException(setting + " must be set when the events live in an external database");
        }
    }

    private static MasterKeyEpoch epoch(PrivacyProperties.Epoch epoch) {
        if (!has(epoch.id()) || (has(epoch.key()) == (epoch.keyFile() != null))) {
            throw new IllegalStateException("each of relais.privacy.master-key-epochs has an id, and a key or a key-file");
        }
        String key = has(epoch.key()) ? epoch.key() : read(epoch.keyFile());
        return new MasterKeyEpoch(MasterKey.fromBase64(epoch.id(), key), epoch.from());
    }

    private static boolean has(String value) {
        return value != null && !value.isBlank();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read a key file", e);
        }
    }
}
