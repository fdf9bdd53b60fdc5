package org.relais.app.keys;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.Base64;

import org.relais.app.config.OwnerOnly;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The directory that holds the keys the embedded default generates for itself ({@code relais.key-dir}, default
 * {@code ./keys}, beside {@code ./data}). Keys never sit in the data directory: a copy of the data directory alone,
 * or a backup of it, cannot be decrypted or re-sealed. The directory is created readable by its owner only (0700),
 * and each key file too (0600).
 * <p>
 * Older versions generated their keys inside the data directory; such a key is moved here at start, so that an
 * upgrade keeps every case readable.
 */
public final class KeyDirectory {

    private static final Logger log = LoggerFactory.getLogger(KeyDirectory.class);

    private final Path directory;
    private final Path legacyDirectory;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param directory       where keys are kept
     * @param legacyDirectory where an older version may have generated them (the data directory), or null
     */
    public KeyDirectory(Path directory, Path legacyDirectory) {
        this.directory = directory.toAbsolutePath().normalize();
        this.legacyDirectory = legacyDirectory == null ? null : legacyDirectory.toAbsolutePath().normalize();
    }

    public Path path() {
        return directory;
    }

    /** The file {@code name} of this directory, created 0700 if it does not exist yet. */
    public Path file(String name) {
        ensureDirectory();
        return directory.resolve(name);
    }

    /**
     * The content of the key file {@code name}: moved from the legacy directory if an older version left it there,
     * else created from {@code size} random bytes, base64-encoded, on first use.
     */
    public String generatedKey(String name, int size) {
        Path file = file(name);
        moveLegacy(name, file);
        if (!Files.exists(file)) {
            byte[] material = new byte[size];
            random.nextBytes(material);
            writeOwnerOnly(file, Base64.getEncoder().encodeToString(material).getBytes(StandardCharsets.US_ASCII));
            log.warn("Generated the key file {} in the key directory; back the key directory up apart from the data",
                    name);
        }
        return read(file);
    }

    /** Writes {@code content} to the file {@code name} atomically, readable by the owner only. */
    public void writeOwnerOnly(String name, byte[] content) {
        writeOwnerOnly(file(name), content);
    }

    private void moveLegacy(String name, Path file) {
        if (legacyDirectory == null || legacyDirectory.equals(directory) || Files.exists(file)) {
            return;
        }
        Path legacy = legacyDirectory.resolve(name);
        if (!Files.exists(legacy)) {
            return;
        }
        try {
            Files.copy(legacy, file, StandardCopyOption.COPY_ATTRIBUTES);
            OwnerOnly.file(file);
            Files.delete(legacy);
            log.warn("Moved the key file {} out of the data directory into the key directory", name);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move a key file out of the data directory", e);
        }
    }

    private void ensureDirectory() {
        OwnerOnly.directory(directory);
    }

    private static void writeOwnerOnly(Path file, byte[] content) {
        try {
            Path temporary = Files.createTempFile(file.getParent(), ".key", ".tmp");
            OwnerOnly.file(temporary);
            Files.write(temporary, content);
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (FileAlreadyExistsException e) {
                Files.delete(temporary);
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a key file", e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read a key file", e);
        }
    }
}
