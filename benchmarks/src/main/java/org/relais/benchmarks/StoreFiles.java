package org.relais.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.relais.app.eventstore.SqliteEventStoreSettings;
import org.relais.app.readside.EmbeddedReadSideStore;

/**
 * The embedded default's files in a data directory, and what their sizes are set against: the event store's file
 * against the raw bytes of its rows, the read side's file against the pages its live data fills.
 */
final class StoreFiles {

    /** The write side's SQLite file (and its -wal and -shm companions while open). */
    static final String EVENT_STORE = SqliteEventStoreSettings.FILE;
    /** The embedded read side's SQLite file; its companions' names start with it. */
    static final String READ_SIDE = EmbeddedReadSideStore.FILE;

    private StoreFiles() {
    }

    static Path eventStore(Path dataDir) {
        return dataDir.resolve(EVENT_STORE);
    }

    static String jdbcUrl(Path file) {
        return "jdbc:sqlite:" + file.toAbsolutePath();
    }

    /** The file with its write-ahead log, as the disk holds them. */
    static long bytesOnDisk(Path file) throws IOException {
        long bytes = 0;
        for (String suffix : List.of("", "-wal", "-shm")) {
            Path part = file.resolveSibling(file.getFileName() + suffix);
            if (Files.exists(part)) {
                bytes += Files.size(part);
            }
        }
        return bytes;
    }

    /** Deletes the embedded read side, so that the next start begins from an empty one. */
    static void deleteReadSide(Path dataDir) throws IOException {
        try (Stream<Path> files = Files.list(dataDir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith(READ_SIDE)).toList()) {
                Files.delete(file);
            }
        }
    }

    static boolean hasReadSide(Path dataDir) {
        return Files.exists(dataDir.resolve(READ_SIDE));
    }

    /**
     * The raw size of every row of every table of a SQLite file: each value's bytes (text as UTF-8, blobs as they
     * are, numbers as 8 bytes), no page, index or record overhead. What a store cannot go below.
     */
    static long rowBytes(Path file) throws SQLException {
        long bytes = 0;
        try (Connection connection = DriverManager.getConnection(jdbcUrl(file));
             Statement statement = connection.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery(
                    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String table : tables) {
                List<String> sizes = new ArrayList<>();
                try (ResultSet rs = statement.executeQuery("PRAGMA table_info(\"" + table + "\")")) {
                    while (rs.next()) {
                        String column = "\"" + rs.getString("name") + "\"";
                        sizes.add("CASE typeof(" + column + ") WHEN 'null' THEN 0 WHEN 'integer' THEN 8 "
                                + "WHEN 'real' THEN 8 ELSE length(CAST(" + column + " AS BLOB)) END");
                    }
                }
                try (ResultSet rs = statement.executeQuery("SELECT COALESCE(SUM(" + String.join(" + ", sizes)
                        + "), 0) FROM \"" + table + "\"")) {
                    rs.next();
                    bytes += rs.getLong(1);
                }
            }
        }
        return bytes;
    }

    /** The bytes of the pages a SQLite file's live data fills (tables and indexes), free pages left out. */
    static long pagesInUseBytes(Path file) throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl(file));
             Statement statement = connection.createStatement()) {
            long pageSize = single(statement, "PRAGMA page_size");
            long pages = single(statement, "PRAGMA page_count");
            long free = single(statement, "PRAGMA freelist_count");
            return (pages - free) * pageSize;
        }
    }

    private static long single(Statement statement, String sql) throws SQLException {
        try (ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
