package org.relais.core.privacy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    private final SubjectKeyRepository keys;
    private final MasterKeyring masterKeys;
    private final SecureRandom random;
    private final Aead aead;
    private final Map<String, SecretKey> cache = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, SecretKey> eldest) {
            return size() > CACHED_KEYS;
        }
    };

    public PersonalDataProtector(SubjectKeyRepository keys, MasterKeyring masterKeys, SecureRandom random) {
        this.keys = keys;
        this.masterKeys = masterKeys;
        this.random = random;
        this.aead = new Aead(random);
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

    /** Destroys the subject's data key: everything sealed with it becomes unreadable for good. */
    public void erase(String subjectId) {
        keys.destroy(subjectId);
        synchronized (cache) {
            cache.remove(subjectId);
        }
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
        SecretKey cached = cached(subjectId);
        if (cached != null) {
            return cached;
        }
        Optional<SubjectKeyRepository.StoredKey> stored = keys.find(subjectId);
        if (stored.isPresent()) {
            if (stored.get().destroyed()) {
                throw RuleViolationException.of(ErrorCode.REFERRAL_ERASED, "The personal data of this referral was erased.");
            }
            return remember(subjectId, unwrap(subjectId, stored.get().key()));
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
        SecretKey cached = cached(subjectId);
        if (cached != null) {
            return Optional.of(cached);
        }
        return keys.find(subjectId)
                .filter(stored -> !stored.destroyed())
                .map(stored -> remember(subjectId, unwrap(subjectId, stored.key())));
    }

    /**
     * Re-wraps up to {@code batch} data keys still wrapped by a previous master key with the current one; answers
     * how many. Each replacement is conditional on the key not having changed meanwhile (an erasure wins).
     */
    public int rewrapOutdated(int batch) {
        String currentId = masterKeys.current().id();
        int rewrapped = 0;
        for (String subjectId : keys.subjectsWrappedByOtherThan(currentId, batch)) {
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

    private SecretKey cached(String subjectId) {
        synchronized (cache) {
            return cache.get(subjectId);
        }
    }

    private SecretKey remember(String subjectId, SecretKey key) {
        synchronized (cache) {
            cache.put(subjectId, key);
        }
        return key;
    }
}
