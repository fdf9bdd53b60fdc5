package org.relais.core.privacy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import org.relais.core.api.ErrorCode;
import org.relais.core.api.referral.PersonalDetails;
import org.relais.core.api.RuleViolationException;
import org.relais.core.api.referral.SealedPersonalDetails;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Envelope encryption of personal data: one random AES-256 data key per data subject (a referral), stored only
 * wrapped by the {@link MasterKey}. Each value is sealed with AES-GCM and bound to its subject and field, and a
 * transfer's texts to their transfer too, so a ciphertext cannot be moved to another case, field or transfer
 * unnoticed: copied there (say, in a read model's document), it does not open. Destroying a subject's key erases
 * every copy of its data at once, in events and read models alike.
 */
public final class PersonalDataProtector {

    /** Sealed with the subject and the field as associated data (personal details, the case's own texts). */
    private static final String FORMAT = "v1:";
    /** Sealed with the subject, the field and the transfer as associated data (a transfer's texts). */
    private static final String TRANSFER_FORMAT = "v2:";
    private static final Logger log = LoggerFactory.getLogger(PersonalDataProtector.class);
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

    /** Seals one free-text value of the case itself (a closure note, a reopening reason) of an existing subject. */
    public String sealText(String subjectId, String field, String value) {
        return seal(dataKeyForWriting(subjectId), subjectId, field, value);
    }

    /**
     * Seals one free-text value of a transfer (its message, a reason, a statement of reasons, a note), bound to that
     * transfer: it opens for this transfer of this case only, never for another transfer of the same case.
     */
    public String sealTransferText(String subjectId, String transferId, String field, String value) {
        if (value == null) {
            return null;
        }
        byte[] sealed = aead.encrypt(dataKeyForWriting(subjectId), value.getBytes(StandardCharsets.UTF_8),
                transferTextContext(subjectId, field, transferId));
        return TRANSFER_FORMAT + Base64.getEncoder().encodeToString(sealed);
    }

    /**
     * Opens the sealed details stored with the case {@code subjectId}. Empty once the subject was erased, and empty
     * too when the details are not this case's (a block carrying another subject, or a field that does not
     * authenticate under this case): the read side is not trusted to say whose data it holds.
     */
    public Optional<PersonalDetails> open(String subjectId, SealedPersonalDetails sealed) {
        if (!subjectId.equals(sealed.subjectId())) {
            refused(subjectId, "personal data");
            return Optional.empty();
        }
        return dataKeyForReading(subjectId).flatMap(key -> {
            try {
                return Optional.of(new PersonalDetails(
                        open(key, subjectId, "victim.name", sealed.victimName()),
                        open(key, subjectId, "victim.contact", sealed.victimContact()),
                        open(key, subjectId, "reporter.name", sealed.reporterName()),
                        open(key, subjectId, "reporter.contact", sealed.reporterContact()),
                        open(key, subjectId, "narrative", sealed.narrative()),
                        openAll(key, subjectId, sealed.contentUrls())));
            } catch (NotHere e) {
                refused(subjectId, "personal data");
                return Optional.empty();
            }
        });
    }

    /**
     * Opens one free-text value of the case itself; empty once the subject was erased, or when the value was not
     * sealed for this case and field.
     */
    public Optional<String> openText(String subjectId, String field, String sealedValue) {
        return dataKeyForReading(subjectId).flatMap(key -> {
            try {
                return Optional.ofNullable(open(key, subjectId, field, sealedValue));
            } catch (NotHere e) {
                refused(subjectId, field);
                return Optional.empty();
            }
        });
    }

    /**
     * Opens one free-text value of the transfer {@code transferId}; empty once the subject was erased, or when the
     * value was not sealed for this transfer, case and field. Values sealed before texts were bound to their transfer
     * (format v1) still open, bound to their case and field only.
     */
    public Optional<String> openTransferText(String subjectId, String transferId, String field, String sealedValue) {
        if (sealedValue == null || !sealedValue.startsWith(TRANSFER_FORMAT)) {
            return openText(subjectId, field, sealedValue);
        }
        return dataKeyForReading(subjectId).flatMap(key -> {
            try {
                return Optional.of(new String(aead.decrypt(key, decoded(sealedValue, TRANSFER_FORMAT),
                        transferTextContext(subjectId, field, transferId)), StandardCharsets.UTF_8));
            } catch (NotHere | Aead.Unauthentic e) {
                refused(subjectId, field);
                return Optional.empty();
            }
        });
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

    /** Opens a value sealed in format v1 for this subject and field; throws {@link NotHere} for anything else. */
    private String open(SecretKey key, String subjectId, String field, String value) {
        if (value == null) {
            return null;
        }
        if (!value.startsWith(FORMAT)) {
            throw new NotHere();
        }
        try {
            return new String(aead.decrypt(key, decoded(value, FORMAT), associatedData(subjectId, field)),
                    StandardCharsets.UTF_8);
        } catch (Aead.Unauthentic e) {
            throw new NotHere();
        }
    }

    private static byte[] decoded(String value, String format) {
        try {
            return Base64.getDecoder().decode(value.substring(format.length()));
        } catch (IllegalArgumentException e) {
            throw new NotHere();
        }
    }

    /** Format v1: the subject and the field. Kept for case texts and personal details, and to open older values. */
    private static byte[] associatedData(String subjectId, String field) {
        return (subjectId + "/" + field).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Format v2, a transfer's text: the subject, the field and the transfer, each length-prefixed so that no two
     * different triples give the same bytes whatever characters the ids hold.
     */
    private static byte[] transferTextContext(String subjectId, String field, String transferId) {
        ByteArrayOutputStream context = new ByteArrayOutputStream();
        for (String part : List.of("transfer-text", subjectId, field, transferId)) {
            byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
            context.writeBytes(ByteBuffer.allocate(Integer.BYTES).putInt(bytes.length).array());
            context.writeBytes(bytes);
        }
        return context.toByteArray();
    }

    /**
     * A sealed value that is not this place's was found where this case's data should be: someone copied it from
     * another case or transfer, or altered it. It is not shown, and the log says where (ids and field names only).
     */
    private static void refused(String subjectId, String field) {
        log.warn("A sealed value of {} stored with case {} was not sealed for it (copied or altered); it is not shown",
                field, subjectId);
    }

    /** A sealed value that does not open at this place; never leaves this class. */
    private static final class NotHere extends RuntimeException {

        NotHere() {
            super(null, null, false, false);
        }
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
