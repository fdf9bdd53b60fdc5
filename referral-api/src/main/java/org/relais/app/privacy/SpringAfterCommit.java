package org.relais.app.privacy;

import org.relais.core.privacy.AfterCommit;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Runs an action after the current Spring transaction commits: the command's, in which Axon's unit of work and
 * the erasure handler (a subscribing processor) run. Not at all if it rolls back; at once outside a transaction.
 */
final class SpringAfterCommit implements AfterCommit {

    @Override
    public void run(Runnable action) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            action.run();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                action.run();
            }
        });
    }
}
