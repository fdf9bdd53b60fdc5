package org.relais.web.reference;

import java.time.Year;

import org.relais.core.referral.ReferenceAllocator;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Yearly reference numbers from a counter row in the write-side database, which every instance shares. A number
 * is taken in its own short transaction, so concurrent intakes do not queue behind each other's event appends; a
 * command that fails afterwards leaves a gap, which is harmless: references must be unique, not contiguous.
 */
@Component
class JdbcReferenceAllocator implements ReferenceAllocator {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate ownTransaction;

    JdbcReferenceAllocator(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @Override
    public long nextNumber(Year year) {
        Long number = ownTransaction.execute(status -> {
            int updated = jdbc.update(
                    "UPDATE referral_reference_counter SET last_number = last_number + 1 WHERE reference_year = ?",
                    year.getValue());
            if (updated == 0) {
                try {
                    jdbc.update("INSERT INTO referral_reference_counter (reference_year, last_number) VALUES (?, 1)",
                            year.getValue());
                    return 1L;
                } catch (DuplicateKeyException anotherInstanceStartedTheYear) {
                    status.setRollbackOnly();
                    return null;
                }
            }
            return jdbc.queryForObject(
                    "SELECT last_number FROM referral_reference_counter WHERE reference_year = ?", Long.class,
                    year.getValue());
        });
        return number != null ? number : nextNumber(year);
    }
}
