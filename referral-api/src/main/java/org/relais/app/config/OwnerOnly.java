package org.relais.app.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Files and directories readable by their owner only (0600, 0700): the data directory, the key directory and the
 * checkpoint log all hold what no other account of the machine may read. Created so from the start, so that nothing
 * is ever readable in between; on a file system without POSIX permissions the directory's access list protects it.
 */
public final class OwnerOnly {

    private static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private OwnerOnly() {
    }

    /** Creates {@code directory} (and its missing parents) owner-only, or makes an existing one so. */
    public static void directory(Path directory) {
        try {
            if (!Files.isDirectory(directory)) {
                try {
                    Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(DIRECTORY));
                } catch (UnsupportedOperationException notPosix) {
                    Files.createDirectories(directory);
                }
            }
            set(directory, DIRECTORY);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the directory " + directory, e);
        }
    }

    /** Creates {@code file} empty and owner-only, or makes an existing one (another process's, say) so. */
    public static void file(Path file) {
        try {
            if (!Files.exists(file)) {
                try {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(FILE));
                } catch (UnsupportedOperationException notPosix) {
                    Files.createFile(file);
                } catch (FileAlreadyExistsException createdMeanwhile) {
                    // created by another process in between: made owner-only below
                }
            }
            set(file, FILE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the file " + file.getFileName(), e);
        }
    }

    /** Makes an existing entry owner-only: 0700 for a directory, 0600 for anything else. */
    public static void tighten(Path entry) throws IOException {
        set(entry, Files.isDirectory(entry) ? DIRECTORY : FILE);
    }

    private static void set(Path path, Set<PosixFilePermission> permissions) throws IOException {
        try {
            Files.setPosixFilePermissions(path, permissions);
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the directory's access control list protects it
        }
    }
}
