package org.relais.app.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.sqlite.SQLiteDataSource;
import org.junit.jupiter.api.Test;
import org.relais.core.api.ActorMetadata;
import org.relais.core.api.referral.ErasureGround;
import org.relais.core.api.referral.ReferralReceivedEvent;
import org.relais.core.api.referral.RequestErasureCommand;
import org.relais.core.api.referral.SealedPersonalDetails;
import org.relais.core.privacy.MasterKey;
import org.relais.core.privacy.MasterKeyring;
import org.relais.core.privacy.PersonalDataProtector;
import org.relais.app.support.Commands;
import org.relais.app.support.MutableClock;
import org.relais.app.support.TestDataDirs;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A backup taken before an erasure still holds the case's data key, wrapped by the master key of its epoch; the
 * erasure reaches that backup when the epoch's key is destroyed. The embedded default starts a new epoch every
 * {@code key-epoch} (30 days), re-wraps the live data keys with it, and destroys the retired key
 * {@code backup-retention} (35 days) after its retirement: then nothing left in the key directory opens the old copy.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("demo")
class ErasureReachesBackupsTest {

    static final Instant START = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    static final Path ROOT = TestDataDirs.create("backups");
    static final Map<String, String> ADMIN = Map.of(ActorMetadata.USER, "admin", ActorMetadata.ROLE, "ADMIN");

    @TestConfiguration
    static class Clocks {
        @Bean
        @Primary
        MutableClock testClock() {
            return new MutableClock(START, ZoneId.of("Europe/Paris"));
        }
    }

    @DynamicPropertySource
    static void directories(DynamicPropertyRegistry registry) {
        registry.add("relais.data-dir", () -> ROOT.resolve("data").toString());
        registry.add("relais.key-dir", () -> ROOT.resolve("keys").toString());
    }

    @Autowired
    MutableClock clock;
    @Autowired
    CommandGateway gateway;
    @Autowired
    EventStore eventStore;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PersonalDataProtector protector;
    @Autowired
    MasterKeyring keyring;
    @Autowired
    MasterKeyRotation rotation;

    @Test
    void a_backup_taken_before_an_erasure_opens_no_more_once_its_epochs_key_is_destroyed() throws Exception {
        Commands commands = new Commands(gateway);
        String erased = commands.consentedOnlineCase("Erased Before The Backup Expired");
        String kept = commands.consentedOnlineCase("Kept Across Epochs");
        SealedPersonalDetails erasedData = personalData(erased);
        JdbcTemplate backup = backUpWriteSide("before-erasure");

        commands.send(new RequestErasureCommand(erased, null, ErasureGround.DATA_SUBJECT_REQUEST), ADMIN);
        assertThat(protector.open(erasedData.subjectId(), erasedData)).as("the live database").isEmpty();
        assertThat(overBackup(backup, keyring).open(erasedData.subjectId(), erasedData))
                .as("the old copy, while its epoch's key exists: what the epochs are for").isPresent();

        clock.advance(Duration.ofDays(30));
        rotation.rotate();
        assertThat(keyring.current().id()).as("a new epoch after key-epoch").isEqualTo("k2");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM subject_key WHERE master_key_id = 'k1'", Long.class))
                .as("live data keys re-wrapped with the new epoch's key").isZero();

        clock.advance(Duration.ofDays(35).minusMinutes(1));
        rotation.rotate();
        assertThat(keyring.find("k1")).as("kept while backups of its epoch may exist").isPresent();

        clock.advance(Duration.ofMinutes(1));
        rotation.rotate();
        assertThat(keyring.find("k1")).as("destroyed backup-retention after its retirement").isEmpty();
        assertThat(ROOT.resolve("keys/master.key")).doesNotExist();

        assertThatThrownBy(() -> overBackup(backup, keyring).open(erasedData.subjectId(), erasedData))
                .as("the old copy with the application's keys").isInstanceOf(IllegalStateException.class);
        List<Path> remainingKeys;
        try (Stream<Path> files = Files.list(ROOT.resolve("keys"))) {
            // every 256-bit key left there (the checkpoints' Ed25519 signing key is no candidate)
            remainingKeys = files.filter(file -> file.getFileName().toString().endsWith(".key"))
                    .filter(file -> !file.getFileName().toString().equals("signing.key")).toList();
        }
        assertThat(remainingKeys).isNotEmpty();
        for (Path file : remainingKeys) {
            MasterKey asTheOldKey = MasterKey.fromBase64("k1", Files.readString(file, StandardCharsets.US_ASCII));
            assertThatThrownBy(() -> overBackup(backup, MasterKeyring.of(asTheOldKey)).open(erasedData.subjectId(), erasedData))
                    .as("the old copy with " + file.getFileName() + " in the old key's place")
                    .isInstanceOf(IllegalStateException.class);
        }
        assertThat(protector.open(kept, personalData(kept))).as("a case not erased, after two epochs").isPresent();
    }

    private SealedPersonalDetails personalData(String referralId) {
        return ((ReferralReceivedEvent) eventStore.readEvents(referralId).next().getPayload()).personalData();
    }

    /** A copy of the embedded write-side database as SQLite's online backup ({@code VACUUM INTO}) makes it. */
    private JdbcTemplate backUpWriteSide(String name) throws IOException {
        Path copy = Files.createDirectories(ROOT.resolve(name)).resolve("events.db");
        jdbc.execute("VACUUM INTO '" + copy + "'");
        SQLiteDataSource restored = new SQLiteDataSource();
        restored.setUrl("jdbc:sqlite:" + copy);
        restored.setReadOnly(true);
        return new JdbcTemplate(restored);
    }

    /** Opens personal data with the old copy's wrapped data keys and the given master keys. */
    private static PersonalDataProtector overBackup(JdbcTemplate backup, MasterKeyring masterKeys) {
        return new PersonalDataProtector(new JdbcSubjectKeyRepository(backup, Clock.systemUTC()), masterKeys,
                new SecureRandom());
    }
}
