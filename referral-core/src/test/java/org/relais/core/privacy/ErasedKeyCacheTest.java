package org.relais.core.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.relais.core.api.ErrorCode;
import org.relais.core.api.referral.PersonalDetails;
import org.relais.core.api.RuleViolationException;
import org.relais.core.api.referral.SealedPersonalDetails;
import org.relais.core.testing.InMemorySubjectKeys;
import org.relais.core.testing.TestPrivacy;

/**
 * Unwrapped data keys are cached per instance; an erasure must still win on every instance: on another one once the
 * cached key expires, on the erasing one at its commit, and a read racing with that commit must not cache the key
 * again. The key store here behaves like the database: a destruction is seen by others only once committed.
 */
class ErasedKeyCacheTest {

    private static final String R = "r-1";
    private static final Duration TTL = Duration.ofMillis(500);

    private final PersonalDetails details = new PersonalDetails("Léa Martin", "06 12 34 56 78", null, null,
            "Photos shared in a class group", List.of());
    private final TransactionalKeys keys = new TransactionalKeys();
    private final MasterKeyring masterKeys = MasterKeyring.of(TestPrivacy.masterKey());
    private final AtomicLong nanos = new AtomicLong();

    private PersonalDataProtector instance(AfterCommit afterCommit) {
        return new PersonalDataProtector(keys, masterKeys, new SecureRandom(),
                new DataKeyCache(TTL, 100, nanos::get), afterCommit);
    }

    @Test
    void givenAKeyCachedOnAnotherInstance_whenTheErasureCommits_thenThatInstanceStopsUsingItWithinTheCacheLifetime() {
        PersonalDataProtector erasing = instance(keys::afterCommit);
        PersonalDataProtector other = instance(keys::afterCommit);
        SealedPersonalDetails sealed = erasing.seal(R, details);
        assertThat(other.open(sealed.subjectId(), sealed)).as("read on the other instance, which caches the key").contains(details);

        erasing.erase(R);
        keys.commit();
        nanos.addAndGet(TTL.toNanos());

        assertThat(other.open(sealed.subjectId(), sealed)).as("the other instance's reads").isEmpty();
        assertThatThrownBy(() -> other.sealText(R, "note", "new text"))
                .isInstanceOfSatisfying(RuleViolationException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.REFERRAL_ERASED));
    }

    @Test
    void givenAReaderThatCachedTheKeyWhileTheErasureWasUncommitted_whenItCommits_thenTheKeyIsForgotten() {
        PersonalDataProtector protector = instance(keys::afterCommit);
        SealedPersonalDetails sealed = protector.seal(R, details);

        protector.erase(R);
        assertThat(protector.open(sealed.subjectId(), sealed)).as("not erased until committed").contains(details);
        keys.commit();

        assertThat(protector.open(sealed.subjectId(), sealed)).as("at once after the commit, not a cache lifetime later").isEmpty();
    }

    @Test
    void givenAReadThatFetchedTheKeyRowBeforeTheCommit_whenItFinishesAfterIt_thenItDoesNotPutTheKeyBack() {
        PersonalDataProtector protector = instance(keys::afterCommit);
        SealedPersonalDetails sealed = protector.seal(R, details);
        keys.duringNextFind(() -> {
            protector.erase(R);
            keys.commit();
        });

        assertThat(protector.open(sealed.subjectId(), sealed)).as("the racing read got the row as it was").contains(details);

        assertThat(protector.open(sealed.subjectId(), sealed)).as("the next read").isEmpty();
    }

    @Test
    void givenACachedKey_whenTheCacheLifetimeHasNotPassed_thenTheKeyRowIsNotReadAgain() {
        PersonalDataProtector protector = instance(keys::afterCommit);
        SealedPersonalDetails sealed = protector.seal(R, details);
        protector.open(sealed.subjectId(), sealed);
        int reads = keys.finds;

        nanos.addAndGet(TTL.toNanos() - 1);
        protector.open(sealed.subjectId(), sealed);
        protector.openText(R, "victim.name", sealed.victimName());

        assertThat(keys.finds).isEqualTo(reads);
    }

    /** Wrapped keys whose destruction others see only at commit, and whose after-commit actions run then. */
    private static final class TransactionalKeys implements SubjectKeyRepository {

        private final InMemorySubjectKeys committed = new InMemorySubjectKeys();
        private final Set<String> destroyedUncommitted = new HashSet<>();
        private final List<Runnable> afterCommit = new ArrayList<>();
        private Runnable duringNextFind;
        int finds;

        @Override
        public void insert(String subjectId, WrappedKey key) {
            committed.insert(subjectId, key);
        }

        @Override
        public Optional<StoredKey> find(String subjectId) {
            finds++;
            Optional<StoredKey> found = committed.find(subjectId);
            Runnable during = duringNextFind;
            duringNextFind = null;
            if (during != null) {
                during.run();
            }
            return found;
        }

        @Override
        public List<String> subjectsWrappedBy(String masterKeyId, int limit) {
            return committed.subjectsWrappedBy(masterKeyId, limit);
        }

        @Override
        public boolean replaceWrapping(String subjectId, String expectedMasterKeyId, WrappedKey replacement) {
            return committed.replaceWrapping(subjectId, expectedMasterKeyId, replacement);
        }

        @Override
        public void destroy(String subjectId) {
            destroyedUncommitted.add(subjectId);
        }

        void afterCommit(Runnable action) {
            afterCommit.add(action);
        }

        void duringNextFind(Runnable action) {
            duringNextFind = action;
        }

        void commit() {
            destroyedUncommitted.forEach(committed::destroy);
            destroyedUncommitted.clear();
            afterCommit.forEach(Runnable::run);
            afterCommit.clear();
        }
    }
}
