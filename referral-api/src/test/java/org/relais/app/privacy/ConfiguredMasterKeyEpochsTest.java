package org.relais.app.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Base64;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.relais.core.api.referral.ReferralReceivedEvent;
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
 * Production's master keys come from configuration, epochs included: the next epoch is configured ahead with its
 * start, every instance switches to it then, and the rotation job re-wraps the data keys. The job never destroys a
 * configured key (it lives in a secret store); the operator removes it once the backup retention has passed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("demo")
class ConfiguredMasterKeyEpochsTest {

    static final Instant START = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    static final Instant NEXT_EPOCH = START.plus(Duration.ofDays(30));
    static final String K1 = randomKey();
    static final String K2 = randomKey();

    @TestConfiguration
    static class Clocks {
        @Bean
        @Primary
        MutableClock testClock() {
            return new MutableClock(START, ZoneId.of("Europe/Paris"));
        }
    }

    @DynamicPropertySource
    static void keys(DynamicPropertyRegistry registry) {
        registry.add("relais.data-dir", () -> TestDataDirs.create("configured-epochs").toString());
        registry.add("relais.privacy.master-key-epochs[0].id", () -> "2026-12");
        registry.add("relais.privacy.master-key-epochs[0].key", () -> K1);
        registry.add("relais.privacy.master-key-epochs[1].id", () -> "2027-01");
        registry.add("relais.privacy.master-key-epochs[1].key", () -> K2);
        registry.add("relais.privacy.master-key-epochs[1].from", NEXT_EPOCH::toString);
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
    MasterKeyring keyring;
    @Autowired
    MasterKeyRotation rotation;

    @Test
    void the_next_configured_epoch_takes_over_at_its_start_and_its_key_alone_then_opens_every_case() {
        String referralId = new Commands(gateway).consentedOnlineCase("Across Configured Epochs");
        assertThat(keyring.current().id()).isEqualTo("2026-12");
        assertThat(rotation.rotate().rewrapped()).as("nothing to re-wrap before the next epoch starts").isZero();

        clock.set(NEXT_EPOCH);
        assertThat(keyring.current().id()).isEqualTo("2027-01");
        assertThat(rotation.rotate().rewrapped()).as("the case's data key").isEqualTo(1);

        clock.advance(Duration.ofDays(40));
        assertThat(rotation.rotate().destroyed()).as("a configured key is the operator's to destroy").isEmpty();
        assertThat(keyring.find("2026-12")).isPresent();

        SealedPersonalDetails sealed = ((ReferralReceivedEvent) eventStore.readEvents(referralId).next().getPayload())
                .personalData();
        PersonalDataProtector withTheNewKeyAlone = new PersonalDataProtector(
                new JdbcSubjectKeyRepository(jdbc, Clock.systemUTC()),
                MasterKeyring.of(MasterKey.fromBase64("2027-01", K2)), new SecureRandom());
        assertThat(withTheNewKeyAlone.open(sealed.subjectId(), sealed)).isPresent();
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
