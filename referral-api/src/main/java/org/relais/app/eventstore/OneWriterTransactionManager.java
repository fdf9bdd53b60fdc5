package org.relais.app.eventstore;

import java.util.concurrent.locks.ReentrantLock;

import javax.sql.DataSource;

import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.TransactionDefinition;

/**
 * Spring's JDBC transaction manager for the embedded SQLite store, letting one transaction at a time begin: SQLite has
 * one writer, and every transaction takes its write lock when it begins ({@code BEGIN IMMEDIATE}). Without this, the
 * other connections would wait in SQLite's busy handler, which polls with growing sleeps (up to 100 ms) and no
 * order, so a transaction could wait long past its turn or, under a long burst, until the busy timeout fails it.
 * Here they queue in arrival order on a fair lock, and statements outside a transaction (reads) still run on the
 * pool's other connections meanwhile. The lock is reentrant: a transaction of its own started inside another
 * (REQUIRES_NEW) is not deadlocked here, but SQLite itself makes it wait for the outer one, so none is used on SQLite.
 */
final class OneWriterTransactionManager extends JdbcTransactionManager {

    private final ReentrantLock writer = new ReentrantLock(true);

    OneWriterTransactionManager(DataSource dataSource) {
        super(dataSource);
    }

    @Override
    protected void doBegin(Object transaction, TransactionDefinition definition) {
        writer.lock();
        try {
            super.doBegin(transaction, definition);
        } catch (RuntimeException | Error e) {
            writer.unlock();
            throw e;
        }
    }

    @Override
    protected void doCleanupAfterCompletion(Object transaction) {
        try {
            super.doCleanupAfterCompletion(transaction);
        } finally {
            writer.unlock();
        }
    }
}
