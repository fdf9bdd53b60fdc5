package org.relais.app.upgrade;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;

import org.flywaydb.core.api.MigrationVersion;
import org.relais.app.config.DataDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

/**
 * The first look at the embedded data directory, before either store opens it: the record of what it holds
 * ({@link DataRecord}) is read from {@code events.db} through a read-only connection, and
 * <ul>
 * <li>data written by a newer version (a schema, an event revision, a read side shape or a version of Relais newer
 * than this one knows) makes Relais refuse to start, with nothing opened for writing and so nothing changed;</li>
 * <li>a read side of an older shape (or of no recorded shape: a directory written before records were kept) is
 * removed, so that the processors rebuild every read model from the event store, as on a first start.</li>
 * </ul>
 * The schema is migrated after this, by Flyway ({@link UpgradingMigrationStrategy}), which writes the new record.
 * With an external database the same checks run there, before the migration, and an external read side of an older
 * shape is rebuilt by {@link ReadSideShapeRebuild} once the application has started.
 */
public final class DataDirectoryUpgrade {

    private static final Logger log = LoggerFactory.getLogger(DataDirectoryUpgrade.class);

    /** The embedded stores' files (SqliteEventStoreSettings.FILE and EmbeddedReadSideStore's, which take this bean). */
    static final String EVENT_STORE_FILE = "events.db";
    static final String READ_SIDE_FILE = "readside.sqlite";
    private static final List<String> READ_SIDE_FILES = List.of(READ_SIDE_FILE, READ_SIDE_FILE + "-wal",
            READ_SIDE_FILE + "-shm", READ_SIDE_FILE + "-journal");

    private final boolean readSideReset;

    private DataDirectoryUpgrade(boolean readSideReset) {
        this.readSideReset = readSideReset;
    }

    /** Nothing checked here: an external database, checked before its migration. */
    static DataDirectoryUpgrade external() {
        return new DataDirectoryUpgrade(false);
    }

    /**
     * Checks the embedded data directory. {@code embeddedReadSide}: the read side is embedded (no MongoDB URI);
     * {@code inMemory}: and kept in memory, so built afresh at every start, rather than in the file
     * {@value #READ_SIDE_FILE} of the directory.
     */
    static DataDirectoryUpgrade embedded(DataDirectory dataDirectory, List<String> flywayLocations,
                                         boolean embeddedReadSide, boolean inMemory) {
        Path directory = dataDirectory.path();
        Path events = directory.resolve(EVENT_STORE_FILE);
        boolean embeddedReadSideFile = embeddedReadSide && !inMemory;
        if (!nonEmpty(events)) {
            // a first start, or the first after a restore: the read side is built from the events in this shape
            return new DataDirectoryUpgrade(embeddedReadSide);
        }
        DataFormat known = KnownDataFormat.of(flywayLocations, "sqlite");
        Optional<DataFormat> recorded;
        long eventCount;
        try (Connection connection = openUntouched(events)) {
            recorded = DataRecord.read(connection);
            refuseIfNewer(directory.toString(), recorded, flywayVersion(connection), known);
            eventCount = eventCount(connection);
        } catch (SQLException e) {
            // checked again once the store is open, before its migration
            log.warn("The event store's record could not be read before opening it ({}); it is checked once open",
                    e.getClass().getSimpleName());
            return new DataDirectoryUpgrade(false);
        }
        int recordedShape = recorded.map(DataFormat::readSideShape).orElse(0);
        if (recordedShape >= known.readSideShape() || !embeddedReadSide) {
            return new DataDirectoryUpgrade(embeddedReadSide && inMemory);
        }
        if (embeddedReadSideFile && READ_SIDE_FILES.stream().anyMatch(name -> Files.exists(directory.resolve(name)))) {
            log.info("Read side shape {} -> {}: rebuilding from {} events (the read side's file of the older shape is "
                    + "removed; the processors rebuild every read model from the event store)",
                    recorded.isPresent() ? Integer.toString(recordedShape) : "unrecorded", known.readSideShape(),
                    eventCount);
            for (String name : READ_SIDE_FILES) {
                try {
                    Files.deleteIfExists(directory.resolve(name));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot remove the read side of an older shape", e);
                }
            }
        }
        // removed, or none (memory, or none yet): built from the events in the current shape
        return new DataDirectoryUpgrade(true);
    }

    /**
     * A read-only connection that leaves every file as it was. Without a WAL file the main file holds everything, and
     * it is opened immutable: SQLite then creates no -wal and -shm files beside it, as it would for a read-only
     * connection to a database in WAL mode. With one (a stop without the closing checkpoint), read-only, through it.
     */
    private static Connection openUntouched(Path events) throws SQLException {
        String path = events.toAbsolutePath().toString();
        boolean plainPath = path.chars().noneMatch(c -> c == '?' || c == '#' || c == '%');
        if (!Files.exists(events.resolveSibling(events.getFileName() + "-wal")) && plainPath) {
            return DriverManager.getConnection("jdbc:sqlite:file:" + path + "?mode=ro&immutable=1");
        }
        SQLiteConfig readOnly = new SQLiteConfig();
        readOnly.setReadOnly(true);
        return DriverManager.getConnection("jdbc:sqlite:" + path, readOnly.toProperties());
    }

    /** Whether the embedded read side starts empty in the current shape, so the record may say so at once. */
    boolean readSideReset() {
        return readSideReset;
    }

    /** Refuses data written by a newer version; nothing has been written when this throws. */
    static void refuseIfNewer(String where, Optional<DataFormat> recorded, Optional<String> flywayVersion,
                              DataFormat known) {
        List<String> newer = recorded.map(format -> format.newerThan(known)).orElse(List.of());
        if (newer.isEmpty() && flywayVersion.isPresent()) {
            // a record lost or not written (a newer version stopped between its migration and its record)
            newer = new DataFormat(flywayVersion.get(), known.eventRevisions(), known.readSideShape(),
                    known.applicationVersion()).newerThan(known);
        }
        if (newer.isEmpty()) {
            return;
        }
        String writer = recorded.map(format -> "Relais " + format.applicationVersion())
                .orElse("a newer version of Relais");
        String message = "The data in " + where + " was written by " + writer + ", and this is Relais "
                + known.applicationVersion() + ": the data holds " + String.join(", ", newer) + ", newer than this "
                + "version knows. Relais does not downgrade data: it refuses to start and changed nothing.";
        log.error(message);
        throw new DataDirectoryRefusal(message, "Start " + writer + " or later on this data, or restore a backup "
                + "taken by this version.");
    }

    /** Flyway's latest successful migration, if its table is there (read from the embedded file). */
    static Optional<String> flywayVersion(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT version FROM flyway_schema_history WHERE success = TRUE "
                     + "AND version IS NOT NULL")) {
            MigrationVersion latest = null;
            while (rows.next()) {
                MigrationVersion version = MigrationVersion
                        .fromVersion(rows.getString(1));
                if (latest == null || version.compareTo(latest) > 0) {
                    latest = version;
                }
            }
            return Optional.ofNullable(latest).map(MigrationVersion::getVersion);
        } catch (SQLException noHistory) {
            return Optional.empty();
        }
    }

    static long eventCount(Connection connection) {
        try (Statement statement = connection.createStatement();
             ResultSet count = statement.executeQuery("SELECT COUNT(*) FROM DomainEventEntry")) {
            return count.next() ? count.getLong(1) : 0;
        } catch (SQLException noEvents) {
            return 0;
        }
    }

    private static boolean nonEmpty(Path file) {
        try {
            return Files.isRegularFile(file) && Files.size(file) > 0;
        } catch (IOException e) {
            return false;
        }
    }
}
