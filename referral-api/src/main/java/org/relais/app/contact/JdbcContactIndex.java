package org.relais.app.contact;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

import javax.crypto.Mac;

import org.relais.core.referral.ContactIndex;
import org.relais.app.privacy.ContactIndexKey;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import static org.relais.app.eventstore.SqlTimes.sql;

/**
 * The blind index of contacts in the write-side database (table {@code contact_index}): per case and role, the
 * HMAC-SHA256 under {@link ContactIndexKey} of the {@linkplain ContactNormaliser normalised} contact. Neither the
 * contact nor an unkeyed hash of it is stored: a phone number has few enough values to be found from its plain
 * SHA-256 by trying them all, not from an HMAC without the key. Writes join the surrounding transaction (the
 * command's, or the erasure's), so that entries and events commit or roll back together; reads need none.
 */
@Component
public class JdbcContactIndex implements ContactIndex {

    private final JdbcTemplate jdbc;
    private final ContactIndexKey key;

    JdbcContactIndex(JdbcTemplate jdbc, ContactIndexKey key) {
        this.jdbc = jdbc;
        this.key = key;
    }

    @Override
    public void replace(String referralId, Instant receivedAt, Role role, String contact) {
        jdbc.update("DELETE FROM contact_index WHERE referral_id = ? AND contact_role = ?", referralId, role.name());
        String hash = hash(contact);
        if (hash != null) {
            jdbc.update("INSERT INTO contact_index (referral_id, contact_role, contact_hash, received_at) "
                    + "VALUES (?, ?, ?, ?)", referralId, role.name(), hash, sql(receivedAt));
        }
    }

    /**
     * Takes the case out of the {@linkplain ContactIndexBackfill backfill} before deleting its entries: on a database
     * with row locks, that delete waits for a backfill indexing the case to commit, so the entries deleted next
     * include the ones it wrote.
     */
    @Override
    public void forget(String referralId) {
        jdbc.update("DELETE FROM contact_index_backfill WHERE referral_id = ?", referralId);
        jdbc.update("DELETE FROM contact_index WHERE referral_id = ?", referralId);
    }

    /** The cases whose victim or reporter has this contact, most recent first; none for a blank contact. */
    public List<Match> casesWith(String contact) {
        String hash = hash(contact);
        if (hash == null) {
            return List.of();
        }
        return jdbc.query("SELECT referral_id, contact_role FROM contact_index WHERE contact_hash = ? "
                        + "ORDER BY received_at DESC, referral_id", (row, number) ->
                        new Match(row.getString(1), Role.valueOf(row.getString(2))), hash);
    }

    /**
     * How many other cases, received before this one, share a contact (victim's or reporter's, in either role) with
     * it: the repeat-caller hint of the case page.
     */
    public int earlierCasesWithAContactOf(String referralId) {
        Integer count = jdbc.queryForObject("SELECT COUNT(DISTINCT other.referral_id) FROM contact_index mine "
                + "JOIN contact_index other ON other.contact_hash = mine.contact_hash "
                + "AND other.referral_id <> mine.referral_id AND other.received_at < mine.received_at "
                + "WHERE mine.referral_id = ?", Integer.class, referralId);
        return count == null ? 0 : count;
    }

    /**
     * The cases received before this one that share a contact with it, most recent first, each with the role the
     * shared contact has there: the repeat-caller hint's cases.
     */
    public List<Match> earlierCasesSharingAContactWith(String referralId) {
        return jdbc.query("SELECT other.referral_id, other.contact_role FROM contact_index mine "
                + "JOIN contact_index other ON other.contact_hash = mine.contact_hash "
                + "AND other.referral_id <> mine.referral_id AND other.received_at < mine.received_at "
                + "WHERE mine.referral_id = ? ORDER BY other.received_at DESC, other.referral_id, other.contact_role",
                (row, number) -> new Match(row.getString(1), Role.valueOf(row.getString(2))), referralId);
    }

    /** A case that has the contact looked up, and in which role. */
    public record Match(String referralId, Role role) {
    }

    private String hash(String contact) {
        String normalised = ContactNormaliser.normalise(contact);
        if (normalised == null) {
            return null;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key.secretKey());
            return HexFormat.of().formatHex(mac.doFinal(normalised.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
        }
    }
}
