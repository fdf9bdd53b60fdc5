package org.relais.web.privacy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;

import org.relais.core.privacy.MasterKey;
import org.relais.core.privacy.MasterKeyring;
import org.relais.core.privacy.PersonalDataProtector;
import org.relais.core.privacy.RetentionPeriod;
import org.relais.core.privacy.SubjectKeyRepository;
import org.relais.web.config.RelaisProperties;
import org.relais.web.keys.KeyDirectory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

@Configuration(proxyBeanMethods = false)
class PrivacyConfiguration {

    /** Where generated keys live: never the data directory, from which older versions' keys are moved. */
    @Bean
    KeyDirectory keyDirectory(RelaisProperties relais) {
        return new KeyDirectory(relais.keyDir(), relais.dataDir());
    }

    @Bean
    MasterKey masterKey(PrivacyProperties privacy, KeyDirectory keyDirectory, Environment environment) {
        if (privacy.masterKey() != null && !privacy.masterKey().isBlank()) {
            return MasterKey.fromBase64(privacy.masterKeyId(), privacy.masterKey());
        }
        if (privacy.masterKeyFile() != null) {
            return MasterKey.fromBase64(privacy.masterKeyId(), read(privacy.masterKeyFile()));
        }
        requireEmbedded(environment, "relais.privacy.master-key or relais.privacy.master-key-file");
        return MasterKey.fromBase64(privacy.masterKeyId(), keyDirectory.generatedKey("master.key", 32));
    }

    @Bean
    MasterKeyring masterKeyring(MasterKey masterKey, PrivacyProperties privacy) {
        List<MasterKey> previous = privacy.previousMasterKeys().entrySet().stream()
                .map(entry -> MasterKey.fromBase64(entry.getKey(), entry.getValue())).toList();
        return new MasterKeyring(masterKey, previous);
    }

    @Bean
    PersonalDataProtector personalDataProtector(SubjectKeyRepository keys, MasterKeyring masterKeys,
                                                SecureRandom random) {
        return new PersonalDataProtector(keys, masterKeys, random);
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

    /** With an external database, a generated key would be one instance's alone: every key must be given. */
    private static void requireEmbedded(Environment environment, String setting) {
        String datasource = environment.getProperty("spring.datasource.url");
        if (datasource != null && !datasource.isBlank()) {
            throw new IllegalStateException(setting + " must be set when the events live in an external database");
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read a key file", e);
        }
    }
}
