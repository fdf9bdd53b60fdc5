package org.relais.core.privacy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import org.relais.core.api.ErrorCode;
import org.relais.core.api.PersonalDetails;
import org.relais.core.api.RuleViolationException;
import org.relais.core.api.SealedPersonalDetails;

/**
 * Envelope encryption of personal data: one random AES-256 data key per data subject (a referral), stored only
 * wrapped by the {@link MasterKey}. Each value is sealed with AES-GCM and bound to its subject and field, so a
 * ciphertext cannot be moved to another case or field unnoticed. Destroying a subject's key erases every copy of
 * its data at once, in events and read models alike.
 */
public final class PersonalDataProtector {

    private static final String FORMAT = "v1:";
    private static final int CACHED_KEYS = 10_000;
    /** Short enough for the promise that no instance uses a destroyed key a second after the erasure's commit. */
    public static final Duration DEFAULT_KEY_CACHE_TTL = Duration.ofMillis(500);

    private final SubjectKeyRepository keys;
    private final MasterKeyring masterKeys;
    private final SecureRandom random;
    private final Aead aead;
    private final DataKeyCache cache;
    private final AfterCommit afterCommit;

    /**
     * @param keyCacheTtl how long an unwrapped data key may be reused after its row was read: on another instance
     *                    than the erasing one, the longest a destroyed key can still open or seal data
     * @param afterCommit how the erasing instance waits for its transaction's commit before forgetting the key
     */
    public PersonalDataProtector(SubjectKeyRepository keys, MasterKeyring masterKeys, SecureRandom random,
                                 Duration keyCacheTtl, AfterCommit afterCommit) {
        this(keys, masterKeys, random, new DataKeyCache(keyCacheTtl, CACHED_KEYS, System::nanoTime), afterCommit);
    }

    PersonalDataProtector(SubjectKeyRepository keys, MasterKeyring masterKeys, SecureRandom random,
                          DataKeyCache cache, AfterCommit afterCommit) {
        this.keys = keys;
        this.masterKeys = masterKeys;
        this.random = random;
        this.aead = new Aead(random);
        this.cache = cache;
        this.afterCommit = afterCommit;
    }

    public PersonalDataProtector(SubjectKeyRepository keys, MasterKeyring masterKeys, SecureRandom random) {
        this(keys, masterKeys, random, DEFAULT_KEY_CACHE_TTL, AfterCommit.immediately());
    }

    public PersonalDataProtector(SubjectKeyRepository keys, MasterKey masterKey, SecureRandom random) {
        this(keys, MasterKeyring.of(masterKey), random);
    }

    /** Seals the details of a subject, creating its data key on first use. */
    public SealedPersonalDetails seal(String subjectId, PersonalDetails details) {
        SecretKey key = dataKeyForWriting(subjectId);
        return new SealedPersonalDetails(subjectId,
                seal(key, subjectId, "victim.name", details.victimName()),
                seal(key, subjectId, "victim.contact", details.victimContact()),
                seal(key, subjectId, "reporter.name", details.reporterName()),
                seal(key, subjectId, "reporter.contact", details.reporterContact()),
                seal(key, subjectId, "narrative", details.narrative()),
                details.contentUrls().stream().map(url -> seal(key, subjectId, "contentUrls", url)).toList());
    }

    /** Seals one free-text value (a note, a reason) of an existing subject. */
    public String sealText(String subjectId, String field, String value) {
        return seal(dataKeyForWriting(subjectId), subjectId, field, value);
    }

    /** Opens sealed details; empty once the subject was erased. */
    public Optional<PersonalDetails> open(SealedPersonalDetails sealed) {
        String subjectId = sealed.subjectId();
        return dataKeyForReading(subjectId).map(key -> new PersonalDetails(
                open(key, subjectId, "victim.name", sealed.victimName()),
                open(key, subjectId, "victim.contact", sealed.victimContact()),
                open(key, subjectId, "reporter.name", sealed.reporterName()),
                open(key, subjectId, "reporter.contact", sealed.reporterContact()),
                open(key, subjectId, "narrative", sealed.narrative()),
                openAll(key, subjectId, sealed.contentUrls())));
    }

    /** Opens one free-text value; empty once the subject was erased. */
    public Optional<String> openText(String subjectId, String field, String sealedValue) {
        return dataKeyForReading(subjectId).map(key -> open(key, subjectId, field, sealedValue));
    }

    /**
     * Destroys the subject's data key: everything sealed with it becomes unreadable for good. This instance forgets
     * the key once the caller's transaction commits; the others within their cache's lifetime.
     */
    public void erase(String subjectId) {
        keys.destroy(subjectId);
        afterCommit.run(() -> cache.forget(subjectId));
    }

    public boolean isErased(String subjectId) {
        return keys.find(subjectId).map(SubjectKeyRepository.StoredKey::destroyed).orElse(false);
    }

    private List<String> openAll(SecretKey key, String subjectId, List<String> values) {
        return values.stream().map(value -> open(key, subjectId, "contentUrls", value)).toList();
    }

    private String seal(SecretKey key, String subjectId, String field, String value) {
        if (value == null) {
            return null;
        }
        byte[] sealed = aead.encrypt(key, value.getBytes(StandardCharsets.UTF_8), associatedData(subjectId, field));
        return FORMAT + Base64.getEncoder().encodeToString(sealed);
    }

    private String open(SecretKey key, String subjectId, String field, String value) {
        if (value == null) {
            return null;
        }
        if (!value.startsWith(FORMAT)) {
            throw new IllegalStateException("unknown sealed value format");
        }
        byte[] sealed = Base64.getDecoder().decode(value.substring(FORMAT.length()));
        return new String(aead.decrypt(key, sealed, associatedData(subjectId, field)), StandardCharsets.UTF_8);
    }

    private static byte[] associatedData(String subjectId, String field) {
        return (subjectId + "/" + field).getBytes(StandardCharsets.UTF_8);
    }

    private SecretKey dataKeyForWriting(String subjectId) {
        SecretKey cached = cache.get(subjectId);
        if (cached != null) {
            return cached;
        }
        DataKeyCache.Fetch fetch = cache.startFetch();
        Optional<SubjectKeyRepository.StoredKey> stored = keys.find(subjectId);
        if (stored.isPresent()) {
            if (stored.get().destroyed()) {
                throw RuleViolationException.of(ErrorCode.REFERRAL_ERASED, "The personal data of this referral was erased.");
            }
            return remember(subjectId, unwrap(subjectId, stored.get().key()), fetch);
        }
        byte[] material = new byte[32];
        random.nextBytes(material);
        SecretKey key = new SecretKeySpec(material, "AES");
        keys.insert(subjectId, wrap(subjectId, material));
        // Not cached: the insert may still roll back with the command, and a cached key that was never stored
        // would seal data that nobody could ever open.
        return key;
    }

    private Optional<SecretKey> dataKeyForReading(String subjectId) {
        SecretKey cached = cache.get(subjectId);
        if (cached != null) {
            return Optional.of(cached);
        }
        DataKeyCache.Fetch fetch = cache.startFetch();
        return keys.find(subjectId)
                .filter(stored -> !stored.destroyed())
                .map(stored -> remember(subjectId, unwrap(subjectId, stored.key()), fetch));
    }

    /**
     * Re-wraps up to {@code batch} data keys still wrapped by a retired master key with the current one; answers how
     * many. Keys of a later epoch, not started here yet, are left alone. Each replacement is conditional on the key
     * not having changed meanwhile (an erasure wins).
     */
    public int rewrapOutdated(int batch) {
        int rewrapped = 0;
        for (MasterKeyring.Retirement retired : masterKeys.retirements()) {
            for (String subjectId : keys.subjectsWrappedBy(retired.id(), batch - rewrapped)) {
                Optional<SubjectKeyRepository.StoredKey> stored = keys.find(subjectId);
                if (stored.isEmpty() || stored.get().destroyed()) {
                    continue;
                }
                WrappedKey old = stored.get().key();
                byte[] material = unwrap(subjectId, old).getEncoded();
                if (keys.replaceWrapping(subjectId, old.masterKeyId(), wrap(subjectId, material))) {
                    rewrapped++;
                }
            }
            if (rewrapped >= batch) {
                break;
            }
        }
        return rewrapped;
    }

    private WrappedKey wrap(String subjectId, byte[] material) {
        MasterKey current = masterKeys.current();
        return new WrappedKey(current.id(), aead.encrypt(current.secretKey(), material, wrapContext(subjectId)));
    }

    private SecretKey unwrap(String subjectId, WrappedKey wrapped) {
        MasterKey masterKey = masterKeys.find(wrapped.masterKeyId()).orElseThrow(() -> new IllegalStateException(
                "data key wrapped by a master key that is not configured: " + wrapped.masterKeyId()));
        return new SecretKeySpec(aead.decrypt(masterKey.secretKey(), wrapped.wrapped(), wrapContext(subjectId)), "AES");
    }

    private static byte[] wrapContext(String subjectId) {
        return ("data-key/" + subjectId).getBytes(StandardCharsets.UTF_8);
    }

    private SecretKey remember(String subjectId, SecretKey key, DataKeyCache.Fetch fetch) {
        cache.put(subjectId, key, fetch);
        return key;
    }
}
