package org.relais.core.privacy;

/**
 * Runs an action once the caller's transaction has committed (at once when there is none). A key is forgotten from
 * the cache only then: forgotten earlier, a reader could fetch the still-committed key row and cache it again.
 */
@FunctionalInterface
public interface AfterCommit {

    void run(Runnable action);

    static AfterCommit immediately() {
        return Runnable::run;
    }
}
