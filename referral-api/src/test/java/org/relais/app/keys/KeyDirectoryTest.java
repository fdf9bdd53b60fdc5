package org.relais.app.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyDirectoryTest {

    @TempDir
    Path root;

    @Test
    void a_generated_key_is_kept_owner_only_outside_the_data_directory_and_read_back_the_same() throws Exception {
        Path data = Files.createDirectories(root.resolve("data"));
        KeyDirectory keys = new KeyDirectory(root.resolve("keys"), data);

        String first = keys.generatedKey("master.key", 32);
        String again = new KeyDirectory(root.resolve("keys"), data).generatedKey("master.key", 32);

        assertThat(Base64.getDecoder().decode(first)).hasSize(32);
        assertThat(again).isEqualTo(first);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve("keys"))))
                .isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve("keys/master.key"))))
                .isEqualTo("rw-------");
        try (var files = Files.list(data)) {
            assertThat(files).as("nothing of the key in the data directory").isEmpty();
        }
    }

    @Test
    void a_key_an_older_version_left_in_the_data_directory_is_moved_out_and_kept() throws Exception {
        Path data = Files.createDirectories(root.resolve("data"));
        String legacy = Base64.getEncoder().encodeToString(new byte[32]);
        Files.writeString(data.resolve("integrity.key"), legacy);

        String key = new KeyDirectory(root.resolve("keys"), data).generatedKey("integrity.key", 32);

        assertThat(key).isEqualTo(legacy);
        assertThat(data.resolve("integrity.key")).doesNotExist();
        assertThat(root.resolve("keys/integrity.key")).exists();
    }
}
