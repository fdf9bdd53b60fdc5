package org.relais.app.upgrade;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.relais.app.RelaisApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The data directories written by earlier versions of Relais, kept in the test resources under
 * {@code upgrade-fixtures/<version>/} ({@code data/} with the event store, {@code keys/} with the test key directory
 * that goes with it: test keys, in the test resources only), and what the upgrade tests do with them.
 */
final class UpgradeFixtures {

    /** The fixture written by Relais 0.1.0 ({@link UpgradeFixtureGenerator}). */
    static final String V0_1_0 = "upgrade-fixtures/0.1.0";

    private UpgradeFixtures() {
    }

    /** The fixture's source directory in the module (the generator writes there). */
    static Path source(String fixture) {
        return Path.of("src", "test", "resources", fixture).toAbsolutePath();
    }

    /** Copies the fixture (from the test class path) to {@code target}: {@code target/data} and {@code target/keys}. */
    static void copy(String fixture, Path target) {
        try {
            Path from = Path.of(UpgradeFixtures.class.getClassLoader().getResource(fixture).toURI());
            copyTree(from, target);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static void copyTree(Path from, Path to) {
        try (Stream<Path> entries = Files.walk(from)) {
            for (Path entry : entries.sorted().toList()) {
                Path copy = to.resolve(from.relativize(entry).toString());
                if (Files.isDirectory(entry)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(entry, copy);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Relais on a data directory and key directory, as the embedded default runs. */
    static ConfigurableApplicationContext start(Path dataDir, Path keyDir, String... extra) {
        List<String> args = new ArrayList<>(List.of("--relais.data-dir=" + dataDir, "--relais.key-dir=" + keyDir,
                "--relais.integrity.checkpoint-interval=PT1H", "--server.port=0", "--relais.backup.dir="
                        + dataDir.resolveSibling("backups")));
        args.addAll(List.of(extra));
        return new SpringApplicationBuilder(RelaisApplication.class).profiles("demo", "fast-passwords")
                .run(args.toArray(String[]::new));
    }

    static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    /** Sets items of the record in an event store file, as another version would have written them. */
    static void setRecord(Path eventStore, Map<String, String> items) {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + eventStore);
             PreparedStatement update = connection.prepareStatement(
                     "UPDATE relais_data_record SET item_value = ? WHERE item = ?")) {
            for (Map.Entry<String, String> item : items.entrySet()) {
                update.setString(1, item.getValue());
                update.setString(2, item.getKey());
                if (update.executeUpdate() != 1) {
                    throw new IllegalStateException("no record item " + item.getKey());
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The record of an event store file, item by item. */
    static Map<String, String> record(Path eventStore) {
        Map<String, String> items = new TreeMap<>();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + eventStore);
             var statement = connection.createStatement();
             var rows = statement.executeQuery("SELECT item, item_value FROM relais_data_record")) {
            while (rows.next()) {
                items.put(rows.getString(1), rows.getString(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return items;
    }

    /** The SHA-256 of every file under {@code directory}, by relative path. */
    static Map<String, String> contents(Path directory) {
        Map<String, String> digests = new TreeMap<>();
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
                digests.put(directory.relativize(file).toString(),
                        HexFormat.of().formatHex(sha256.digest(Files.readAllBytes(file))));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return digests;
    }
}
