package org.relais.app.reference;

import java.time.Year;
import java.util.HashMap;
import java.util.Map;

import org.relais.core.referral.ReferenceAllocator;
import org.relais.app.eventstore.SqliteEventStoreSettings;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Yearly reference numbers from a counter row in the write-side database, which every instance shares. An instance
 * reserves a block of {@code relais.references.block-size} numbers at a time, in its own short transaction, and
 * hands them out from memory: one durable commit per block instead of one per intake, and concurrent intakes do not
 * queue behind each other's event appends. Numbers of a block not handed out before a stop, and those of a command
 * that fails, are never used: references must be unique, not contiguous. With several instances, numbers are
 * unique but not in intake order across instances.
 *
 * <p>On the embedded SQLite store the block is reserved in the command's own transaction instead: that transaction
 * holds SQLite's only write lock from its start, so a transaction of its own would wait for it forever. Nothing is
 * lost by it (no other command can commit meanwhile), and if the command's transaction rolls back, so does the
 * reservation, and the block is forgotten with it rather than handed out again.
 */
@Component
class JdbcReferenceAllocator implements ReferenceAllocator {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate ownTransaction;
    private final int blockSize;
    private final boolean reservesInTheCommand;
    private final Map<Integer, Block> blocks = new HashMap<>();

    JdbcReferenceAllocator(JdbcTemplate jdbc, PlatformTransactionManager transactions,
                           @Value("${relais.references.block-size:20}") int blockSize) {
        if (blockSize < 1) {
            throw new IllegalArgumentException("relais.references.block-size must be at least 1");
        }
        this.jdbc = jdbc;
        this.blockSize = blockSize;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.reservesInTheCommand = SqliteEventStoreSettings.isSqlite(jdbc.getDataSource());
        this.ownTransaction.setPropagationBehavior(reservesInTheCommand
                ? TransactionDefinition.PROPAGATION_REQUIRED
                : TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @Override
    public synchronized long nextNumber(Year year) {
        Block block = blocks.get(year.getValue());
        if (block == null || block.next > block.last) {
            long last = reserve(year);
            block = new Block(last - blockSize + 1, last);
            blocks.put(year.getValue(), block);
            forgetIfRolledBack(year.getValue(), block);
        }
        return block.next++;
    }

    /** Reserves the next block for the year; returns its last number. */
    private long reserve(Year year) {
        Long last = ownTransaction.execute(status -> {
            int updated = jdbc.update("UPDATE referral_reference_counter SET last_number = last_number + ? "
                    + "WHERE reference_year = ?", blockSize, year.getValue());
            if (updated == 0) {
                try {
                    jdbc.update("INSERT INTO referral_reference_counter (reference_year, last_number) VALUES (?, ?)",
                            year.getValue(), blockSize);
                    return (long) blockSize;
                } catch (DuplicateKeyException anotherInstanceStartedTheYear) {
                    status.setRollbackOnly();
                    return null;
                }
            }
            return jdbc.queryForObject(
                    "SELECT last_number FROM referral_reference_counter WHERE reference_year = ?", Long.class,
                    year.getValue());
        });
        return last != null ? last : reserve(year);
    }

    /** A block reserved in a surrounding transaction exists only if that transaction commits. */
    private void forgetIfRolledBack(int year, Block block) {
        if (!reservesInTheCommand || !TransactionSynchronizationManager.isSynchronizationActive()) {
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                if (status != STATUS_COMMITTED) {
                    synchronized (JdbcReferenceAllocator.this) {
                        blocks.remove(year, block);
                    }
                }
            }
        });
    }

    private static final class Block {
        long next;
        final long last;

        Block(long first, long last) {
            this.next = first;
            this.last = last;
        }
    }
}
