package org.relais.app.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.relais.app.RelaisApplication;
import org.relais.app.support.ApiClient;
import org.relais.app.support.Intakes;
import org.relais.app.support.TestDataDirs;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * An erased case's data key, as stored before the erasure, soon leaves every file of the data directory, without
 * waiting for a stop: SQLite zeroes the bytes it frees in the page it rewrites ({@code secure_delete}), but the page
 * as it was stays in the main file and in earlier frames of the WAL until a checkpoint copies the new page over it and
 * empties the WAL, which the erasure triggers. Without either, the key's bytes stay on the disk.
 */
class ErasedKeysLeaveTheDiskTest {

    private final Path dataDir = TestDataDirs.create("erased-keys-on-disk");

    @Test
    void after_an_erasure_the_wrapped_key_soon_is_in_no_file_of_the_data_directory_nor_after_a_clean_stop()
            throws IOException {
        byte[] wrapped;
        try (ConfigurableApplicationContext relais = start()) {
            ApiClient api = new ApiClient(Integer.parseInt(relais.getEnvironment()
                    .getRequiredProperty("local.server.port")));
            String referralId = api.postJson("/api/referrals", "coordinator",
                    Intakes.minorCyberharassment("Disk Person")).json().get("referralId").asString();
            JdbcTemplate jdbc = relais.getBean(JdbcTemplate.class);
            wrapped = jdbc.queryForObject("SELECT wrapped_key FROM subject_key WHERE subject_id = ?", byte[].class,
                    referralId);
            assertThat(wrapped).isNotEmpty();
            assertThat(filesHolding(wrapped)).as("the stored key, before the erasure").isNotEmpty();

            assertThat(api.postJson("/api/referrals/" + referralId + "/erasure", "admin",
                    "{\"reason\": \"the data subject asked\"}").status()).isEqualTo(200);

            await().untilAsserted(() -> assertThat(filesHolding(wrapped))
                    .as("files of the running store's data directory holding the erased key").isEmpty());
        }

        assertThat(filesHolding(wrapped)).as("files of the data directory holding the erased key").isEmpty();
    }

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(RelaisApplication.class)
                .profiles("demo")
                .run("--relais.data-dir=" + dataDir, "--server.port=0");
    }

    private List<Path> filesHolding(byte[] needle) throws IOException {
        try (Stream<Path> files = Files.walk(dataDir)) {
            return files.filter(Files::isRegularFile).filter(file -> contains(file, needle)).toList();
        }
    }

    private static boolean contains(Path file, byte[] needle) {
        byte[] haystack;
        try {
            haystack = Files.readAllBytes(file);
        } catch (java.nio.file.NoSuchFileException removedMeanwhile) {
            return false;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
