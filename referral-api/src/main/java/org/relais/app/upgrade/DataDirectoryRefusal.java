package org.relais.app.upgrade;

/**
 * Why Relais does not start on a data directory: written by a newer version, or a schema migration that failed and
 * was rolled back. Reported at start as a plain description and action, without a stack trace
 * ({@link DataDirectoryRefusalAnalyzer}).
 */
public final class DataDirectoryRefusal extends RuntimeException {

    private final String action;

    DataDirectoryRefusal(String description, String action) {
        super(description);
        this.action = action;
    }

    public String action() {
        return action;
    }
}
