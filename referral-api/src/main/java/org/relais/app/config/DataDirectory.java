package org.relais.app.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;

/**
 * The embedded default's data directory ({@code relais.data-dir}): the event store and the read side, sealed personal
 * data included. Only the account Relais runs as may enter it: it is created 0700, and every file Relais creates in
 * it is created 0600 before the store opens it (SQLite gives its -wal and -shm files the same mode). Files a store
 * creates on its own while running (a trace file after an internal error, say) get the process's umask; they are set
 * to 0600 once started and at every clean stop, and the directory keeps every other account out meanwhile. An
 * existing directory and its files are tightened at start.
 *
 * <p>The stores depend on this bean, so that it is closed after them and its last sweep sees their final files.
 */
public final class DataDirectory implements AutoCloseable {

    private final Path path;
    private volatile boolean prepared;

    public DataDirectory(Path path) {
        this.path = path.toAbsolutePath().normalize();
    }

    /** The directory, created (or tightened) owner-only on first use. */
    public Path path() {
        if (!prepared) {
            synchronized (this) {
                if (!prepared) {
                    OwnerOnly.directory(path);
                    tighten(path);
                    prepared = true;
                }
            }
        }
        return path;
    }

    /** The file {@code name} of the directory, created empty and 0600 if it does not exist yet, else made 0600. */
    public Path file(String name) {
        Path file = path().resolve(name);
        OwnerOnly.file(file);
        return file;
    }

    @EventListener(ApplicationReadyEvent.class)
    void started() {
        if (prepared) {
            tighten(path);
        }
    }

    @Override
    public void close() {
        if (prepared) {
            tighten(path);
        }
    }

    /** Makes every file under {@code directory} 0600 and every directory 0700. */
    static void tighten(Path directory) {
        List<Path> entries;
        try (Stream<Path> walk = Files.walk(directory)) {
            entries = walk.toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the data directory", e);
        }
        for (Path entry : entries) {
            try {
                if (Files.isDirectory(entry) || Files.isRegularFile(entry)) {
                    OwnerOnly.tighten(entry);
                }
            } catch (IOException vanished) {
                // a store's temporary file removed while the sweep ran: nothing left to protect
            }
        }
    }
}
