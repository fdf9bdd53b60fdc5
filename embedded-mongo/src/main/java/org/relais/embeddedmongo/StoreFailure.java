package org.relais.embeddedmongo;

/**
 * The SQLite file failed under a command (I/O error, disk full, corrupt file, connection closed): the command's
 * transaction is rolled back and the store refuses every command until it is reopened.
 */
public final class StoreFailure extends RuntimeException {

    StoreFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
