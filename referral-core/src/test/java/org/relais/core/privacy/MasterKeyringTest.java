package org.relais.core.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.relais.core.api.referral.PersonalDetails;
import org.relais.core.api.referral.SealedPersonalDetails;
import org.relais.core.testing.InMemorySubjectKeys;
import org.relais.core.testing.MutableClock;

/**
 * Master-key epochs configured ahead of time switch on every instance at their start, and the re-wrap only ever
 * moves data keys forward, from a retired epoch to the current one.
 */
class MasterKeyringTest {

    private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");
    private static final Instant T1 = T0.plus(Duration.ofDays(30));

    private final MasterKey k1 = key("k1");
    private final MasterKey k2 = key("k2");
    private final MutableClock clock = new MutableClock(T0);
    private final PersonalDetails details = new PersonalDetails("Léa Martin", null, null, null, "story", List.of());

    @Test
    void givenTheNextEpochConfiguredAhead_whenItsStartPasses_thenItsKeyWrapsNewDataKeysAndTheFormerOneIsRetired() {
        MasterKeyring ring = new MasterKeyring(List.of(new MasterKeyEpoch(k1, T0), new MasterKeyEpoch(k2, T1)), clock);

        assertThat(ring.current().id()).isEqualTo("k1");
        assertThat(ring.retirements()).isEmpty();

        clock.set(T1);
        assertThat(ring.current().id()).isEqualTo("k2");
        assertThat(ring.retirements()).containsExactly(new MasterKeyring.Retirement("k1", T1));
    }

    @Test
    void givenAnInstanceNotYetInTheNextEpoch_whenItReWraps_thenItLeavesTheNextEpochsDataKeysAlone() {
        InMemorySubjectKeys keys = new InMemorySubjectKeys();
        MasterKeyring early = new MasterKeyring(List.of(new MasterKeyEpoch(k1, T0), new MasterKeyEpoch(k2, T1)),
                new MutableClock(T1.minusMillis(5)));
        MasterKeyring late = new MasterKeyring(List.of(new MasterKeyEpoch(k1, T0), new MasterKeyEpoch(k2, T1)),
                new MutableClock(T1));
        SealedPersonalDetails sealed = new PersonalDataProtector(keys, late, new SecureRandom()).seal("r-1", details);

        PersonalDataProtector behind = new PersonalDataProtector(keys, early, new SecureRandom());
        assertThat(behind.rewrapOutdated(10)).isZero();
        assertThat(keys.find("r-1")).get().extracting(k -> k.key().masterKeyId()).isEqualTo("k2");
        assertThat(behind.open(sealed.subjectId(), sealed)).as("known ahead, so readable").contains(details);
    }

    @Test
    void givenDataKeysOfARetiredEpoch_whenReWrapped_thenTheyOpenWithoutTheRetiredKey() {
        InMemorySubjectKeys keys = new InMemorySubjectKeys();
        MasterKeyring ring = new MasterKeyring(List.of(new MasterKeyEpoch(k1, T0), new MasterKeyEpoch(k2, T1)), clock);
        PersonalDataProtector protector = new PersonalDataProtector(keys, ring, new SecureRandom());
        SealedPersonalDetails sealed = protector.seal("r-1", details);

        clock.set(T1);
        assertThat(protector.rewrapOutdated(10)).isEqualTo(1);
        ring.remove("k1");

        assertThat(new PersonalDataProtector(keys, MasterKeyring.of(k2), new SecureRandom()).open(sealed.subjectId(), sealed))
                .contains(details);
    }

    @Test
    void givenTheCurrentEpoch_whenItsKeyWouldBeRemoved_thenItIsRefused() {
        MasterKeyring ring = new MasterKeyring(List.of(new MasterKeyEpoch(k1, T0), new MasterKeyEpoch(k2, T1)), clock);

        assertThatThrownBy(() -> ring.remove("k1")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void givenEpochsOutOfOrderOrSharingAnId_whenConfigured_thenTheyAreRefused() {
        assertThatThrownBy(() -> new MasterKeyring(List.of(new MasterKeyEpoch(k1, T1), new MasterKeyEpoch(k2, T0)),
                clock)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MasterKeyring(List.of(new MasterKeyEpoch(k1, T0), new MasterKeyEpoch(k2, null)),
                clock)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MasterKeyring(List.of(new MasterKeyEpoch(k1, T0),
                new MasterKeyEpoch(key("k1"), T1)), clock)).isInstanceOf(IllegalArgumentException.class);
    }

    private static MasterKey key(String id) {
        byte[] material = new byte[32];
        new SecureRandom().nextBytes(material);
        return MasterKey.fromBase64(id, Base64.getEncoder().encodeToString(material));
    }
}
