package org.relais.app.eventstore;

import java.util.function.Supplier;

import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;

/**
 * The event storage engine's transactions on the embedded SQLite store: its writes (appends and snapshots outside a
 * command, through {@code executeInTransaction}) in a Spring transaction like any other, its reads (the processors'
 * polls, tokens, an aggregate's events, through {@code fetchInTransaction}) without one. Every transaction there takes
 * the store's only write lock when it begins, and a read needs none: WAL gives it a consistent snapshot per statement.
 * A read inside a command still runs on the command's connection and transaction, which Spring hands the engine.
 */
final class ReadsOutsideTransactions implements TransactionManager {

    private final TransactionManager writes;

    ReadsOutsideTransactions(TransactionManager writes) {
        this.writes = writes;
    }

    @Override
    public Transaction startTransaction() {
        return writes.startTransaction();
    }

    @Override
    public <T> T fetchInTransaction(Supplier<T> supplier) {
        return supplier.get();
    }
}
