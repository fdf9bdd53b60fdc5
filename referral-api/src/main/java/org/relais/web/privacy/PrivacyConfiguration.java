package org.relais.web.privacy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

import org.relais.core.privacy.MasterKey;
import org.relais.core.privacy.MasterKeyring;
import org.relais.core.privacy.PersonalDataProtector;
import org.relais.core.privacy.SubjectKeyRepository;
import org.relais.web.config.RelaisProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

@Configuration(proxyBeanMethods = false)
class PrivacyConfiguration {

    private static final Logger log = LoggerFactory.getLogger(PrivacyConfiguration.class);

    @Bean
    MasterKey masterKey(PrivacyProperties privacy, RelaisProperties relais, Environment environment) {
        if (privacy.masterKey() != null && !privacy.masterKey().isBlank()) {
            return MasterKey.fromBase64(privacy.masterKeyId(), privacy.masterKey());
        }
        if (privacy.masterKeyFile() != null) {
            return MasterKey.fromBase64(privacy.masterKeyId(), read(privacy.masterKeyFile()));
        }
        String datasource = environment.getProperty("spring.datasource.url");
        if (datasource != null && !datasource.isBlank()) {
            throw new IllegalStateException("relais.privacy.master-key or relais.privacy.master-key-file must be set "
                    + "when the events live in an external database");
        }
        Path file = relais.dataDir().toAbsolutePath().normalize().resolve("master.key");
        if (!Files.exists(file)) {
            create(file);
            log.warn("Created a master key in the data directory for the embedded default; in production give "
                    + "relais.privacy.master-key from a secret store and keep it apart from the databases' backups");
        }
        return MasterKey.fromBase64(privacy.masterKeyId(), read(file));
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

    /** The key of the audit chain's HMAC, kept apart from the master key so that rotating one leaves the other. */
    @Bean
    IntegrityKey integrityKey(PrivacyProperties privacy, RelaisProperties relais, Environment environment) {
        if (privacy.integrityKey() != null && !privacy.integrityKey().isBlank()) {
            return IntegrityKey.fromBase64(privacy.integrityKey());
        }
        String datasource = environment.getProperty("spring.datasource.url");
        if (datasource != null && !datasource.isBlank()) {
            throw new IllegalStateException("relais.privacy.integrity-key must be set when the events live in an "
                    + "external database");
        }
        Path file = relais.dataDir().toAbsolutePath().normalize().resolve("integrity.key");
        if (!Files.exists(file)) {
            create(file);
        }
        return IntegrityKey.fromBase64(read(file));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read a key file", e);
        }
    }

    private static void create(Path file) {
        byte[] material = new byte[32];
        new SecureRandom().nextBytes(material);
        try {
            Files.createDirectories(file.getParent());
            Path temporary = Files.createTempFile(file.getParent(), "master", ".tmp");
            try {
                Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // Windows: the data directory's own permissions protect it
            }
            Files.writeString(temporary, Base64.getEncoder().encodeToString(material), StandardCharsets.US_ASCII);
            Files.move(temporary, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a key file", e);
        }
    }
}
