package org.relais.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirectoryTest {

    @TempDir
    Path root;

    @Test
    void givenADataDirectoryAnOlderVersionLeftOpen_whenUsed_thenItAndItsFilesAreMadeOwnerOnly() throws Exception {
        Path data = Files.createDirectories(root.resolve("data"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwxr-xr-x")));
        Path events = Files.writeString(data.resolve("events.db"), "kept");
        Files.setPosixFilePermissions(events, PosixFilePermissions.fromString("rw-r--r--"));

        Path path = new DataDirectory(data).path();

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(path))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(events))).isEqualTo("rw-------");
        assertThat(Files.readString(events)).isEqualTo("kept");
    }

    @Test
    void givenAFileAStoreCreatedOnItsOwn_whenTheApplicationStops_thenItIsMadeOwnerOnly() throws Exception {
        DataDirectory directory = new DataDirectory(root.resolve("data"));
        Path trace = Files.writeString(directory.path().resolve("events.trace.db"), "an internal error");
        Files.setPosixFilePermissions(trace, PosixFilePermissions.fromString("rw-r--r--"));

        directory.close();

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(trace))).isEqualTo("rw-------");
    }

    @Test
    void givenNoEmbeddedStore_whenTheApplicationStops_thenNoDataDirectoryIsCreated() {
        new DataDirectory(root.resolve("data")).close();

        assertThat(root.resolve("data")).doesNotExist();
    }
}
