package org.relais.app.reference;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.relais.core.api.referral.ReferralReceivedEvent;
import org.relais.core.referral.CaseRegister;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The case register over the write-side database: each intake's reference is recorded by a subscribing processing
 * group, in the transaction that stores the intake, so a case is found exactly when it exists; a case counts as erased
 * once its data key is destroyed ({@code subject_key}), which happens in the erasure's own transaction.
 */
@Component
@ProcessingGroup(JdbcCaseRegister.PROCESSING_GROUP)
class JdbcCaseRegister implements CaseRegister {

    static final String PROCESSING_GROUP = "case-register";

    /** A reference without its prefix, as a caller may read it out: {@code 2026-000123}. */
    private static final Pattern BARE_REFERENCE = Pattern.compile("\\d{4}-\\d{6}");
    private static final String SELECT = "SELECT r.referral_id, r.reference, k.destroyed_at FROM referral_reference r "
            + "LEFT JOIN subject_key k ON k.subject_id = r.referral_id WHERE ";

    private final JdbcTemplate jdbc;

    JdbcCaseRegister(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(ReferralReceivedEvent event) {
        jdbc.update("INSERT INTO referral_reference (reference, referral_id) VALUES (?, ?)", event.reference(),
                event.referralId());
    }

    @Override
    public Optional<RegisteredCase> find(String referenceOrId) {
        String named = referenceOrId.strip();
        String reference = named.toUpperCase(Locale.ROOT);
        if (BARE_REFERENCE.matcher(reference).matches()) {
            reference = "R-" + reference;
        }
        Optional<RegisteredCase> byReference = query("r.reference = ?", reference);
        return byReference.isPresent() ? byReference : query("r.referral_id = ?", named);
    }

    private Optional<RegisteredCase> query(String condition, String value) {
        return jdbc.query(SELECT + condition, (rs, row) -> new RegisteredCase(rs.getString("referral_id"),
                rs.getString("reference"), rs.getObject("destroyed_at") != null), value).stream().findFirst();
    }
}
