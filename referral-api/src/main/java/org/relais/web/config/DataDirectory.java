package org.relais.web.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;

/**
 * The embedded default's data directory ({@code relais.data-dir}): the event store and the read side, sealed personal
 * data included. Only the account Relais runs as may enter it: it is created 0700, and every file Relais creates in
 * it is created 0600 before the store opens it. Files a store creates on its own while running (H2's trace file after
 * an internal error, say) get the process's umask; they are set to 0600 once started and at every clean stop, and the
 * directory keeps every other account out meanwhile. An existing directory and its files are tightened at start.
 *
 * <p>The stores depend on this bean, so that it is closed after them and its last sweep sees their final files.
 */
public final class DataDirectory implements AutoCloseable {

    private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");

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
                    ownerOnlyDirectory(path);
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
        ownerOnlyFile(file);
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

    /** Creates {@code directory} (and its missing parents) readable by its owner only, or makes an existing one so. */
    public static void ownerOnlyDirectory(Path directory) {
        try {
            if (!Files.isDirectory(directory)) {
                try {
                    Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIRECTORY));
                } catch (UnsupportedOperationException notPosix) {
                    Files.createDirectories(directory);
                }
            }
            setPermissions(directory, OWNER_ONLY_DIRECTORY);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + directory, e);
        }
    }

    /** Creates {@code file} empty and readable by its owner only, or makes an existing one so. */
    public static void ownerOnlyFile(Path file) {
        try {
            if (!Files.exists(file)) {
                try {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE));
                } catch (UnsupportedOperationException notPosix) {
                    Files.createFile(file);
                }
            }
            setPermissions(file, OWNER_ONLY_FILE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a file in the data directory", e);
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
                if (Files.isDirectory(entry)) {
                    setPermissions(entry, OWNER_ONLY_DIRECTORY);
                } else if (Files.isRegularFile(entry)) {
                    setPermissions(entry, OWNER_ONLY_FILE);
                }
            } catch (IOException vanished) {
                // a store's temporary file removed while the sweep ran: nothing left to protect
            }
        }
    }

    private static void setPermissions(Path path, Set<PosixFilePermission> permissions) throws IOException {
        try {
            Files.setPosixFilePermissions(path, permissions);
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the directory's access control list protects it
        }
    }
}
