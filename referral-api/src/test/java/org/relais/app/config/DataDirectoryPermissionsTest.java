package org.relais.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.relais.app.RelaisApplication;
import org.relais.app.support.ApiClient;
import org.relais.app.support.Intakes;
import org.relais.app.support.TestDataDirs;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The embedded default's data directory holds the event store and the read side, sealed personal data included:
 * only the account Relais runs as may open it, whatever the process's umask.
 */
class DataDirectoryPermissionsTest {

    private final Path root = TestDataDirs.create("permissions");

    @Test
    void a_fresh_data_directory_is_created_0700_and_every_file_in_it_0600_while_running_and_after_a_clean_stop()
            throws IOException {
        Path dataDir = root.resolve("var/relais/data");
        try (ConfigurableApplicationContext relais = new SpringApplicationBuilder(RelaisApplication.class)
                .profiles("demo")
                .run("--relais.data-dir=" + dataDir, "--relais.key-dir=" + root.resolve("keys"), "--server.port=0",
                        "--logging.level.root=WARN")) {
            ApiClient api = new ApiClient(Integer.parseInt(relais.getEnvironment().getRequiredProperty("local.server.port")));
            String referralId = api.postJson("/api/referrals", "coordinator", Intakes.minorCyberharassment("On Disk"))
                    .json().get("referralId").asString();
            await().until(() -> api.get("/api/referrals/" + referralId, "coordinator").status() == 200);

            assertThat(permissions(dataDir)).as("while running").containsKeys("events.db", "events.db-wal",
                            "events.db-shm", "readside.sqlite", "readside.sqlite-wal", "readside.sqlite-shm")
                    .allSatisfy((file, mode) -> assertThat(mode).as(file).isEqualTo("rw-------"));
            assertThat(mode(dataDir)).isEqualTo("rwx------");
        }

        assertThat(permissions(dataDir)).as("after a clean stop").containsKeys("events.db", "readside.sqlite")
                .allSatisfy((file, mode) -> assertThat(mode).as(file).isEqualTo("rw-------"));
        assertThat(mode(dataDir)).isEqualTo("rwx------");
    }

    /** Every file under {@code directory}, by its relative path, with its permissions. */
    private static Map<String, String> permissions(Path directory) throws IOException {
        Map<String, String> modes = new TreeMap<>();
        List<Path> entries;
        try (Stream<Path> walk = Files.walk(directory)) {
            entries = walk.filter(path -> !path.equals(directory)).toList();
        }
        for (Path entry : entries) {
            modes.put(directory.relativize(entry).toString() + (Files.isDirectory(entry) ? "/" : ""), mode(entry));
        }
        return modes;
    }

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
