package org.relais.app.upgrade;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;

/**
 * Migrates the write side's schema at start, and records what the data then holds.
 *
 * <ol>
 * <li>Data written by a newer version is refused before anything is written (the embedded store was checked
 * already, before it was opened: {@link DataDirectoryUpgrade}).</li>
 * <li>The pending migrations are applied in one transaction ({@code spring.flyway.group}; SQLite and PostgreSQL
 * both roll back DDL): if one fails, none is applied, and Relais refuses to start with the schema as it was.</li>
 * <li>Older event revisions need nothing written: the upcasters read them as the current ones.</li>
 * <li>The record ({@link DataRecord}) is written, in its own transaction.</li>
 * </ol>
 * Each step is logged.
 */
class UpgradingMigrationStrategy implements FlywayMigrationStrategy {

    private static final Logger log = LoggerFactory.getLogger(UpgradingMigrationStrategy.class);

    private final DataDirectoryUpgrade upgrade;
    private final ReadSideShapeRebuild externalRebuild;

    UpgradingMigrationStrategy(DataDirectoryUpgrade upgrade, ReadSideShapeRebuild externalRebuild) {
        this.upgrade = upgrade;
        this.externalRebuild = externalRebuild;
    }

    @Override
    public void migrate(Flyway flyway) {
        DataSource dataSource = flyway.getConfiguration().getDataSource();
        MigrationInfo[] all = flyway.info().all();
        String codeSchema = Arrays.stream(all).filter(info -> info.getState().isResolved())
                .map(MigrationInfo::getVersion).filter(version -> version != null)
                .max(MigrationVersion::compareTo).map(MigrationVersion::getVersion).orElse("0");
        DataFormat known = KnownDataFormat.of(codeSchema);
        // the latest migration applied, this version's or a newer one's (Flyway lists those as FUTURE_SUCCESS)
        Optional<String> applied = Arrays.stream(all)
                .filter(info -> info.getState().isApplied() && !info.getState().isFailed())
                .map(MigrationInfo::getVersion).filter(version -> version != null)
                .max(MigrationVersion::compareTo).map(MigrationVersion::getVersion);
        Optional<DataFormat> recorded;
        try (Connection connection = dataSource.getConnection()) {
            recorded = DataRecord.read(connection);
            DataDirectoryUpgrade.refuseIfNewer("the write side's database", recorded, applied, known);
        } catch (SQLException e) {
            throw new IllegalStateException("the write side's database cannot be read", e);
        }
        MigrationInfo[] pending = flyway.info().pending();
        String from = applied.orElse("0");
        if (pending.length > 0) {
            log.info("Schema version {} -> {}: applying {} migration(s) in one transaction", from, codeSchema,
                    pending.length);
            for (MigrationInfo migration : pending) {
                log.info("Schema migration V{}: {}", migration.getVersion(), migration.getDescription());
            }
        } else {
            log.info("Schema version {}: up to date", from);
        }
        try {
            flyway.migrate();
        } catch (FlywayException e) {
            String message = "The schema migration from version " + from + " to " + codeSchema + " failed ("
                    + firstLine(e.getMessage()) + ") and was rolled back: the database is as it was, at version "
                    + from + ". Relais does not start half migrated.";
            log.error(message);
            throw new DataDirectoryRefusal(message, "Start the version that last ran on this data, or restore a "
                    + "backup; keep the data directory for the report of the failure.");
        }
        if (pending.length > 0) {
            log.info("Schema version {} -> {}: migrated", from, codeSchema);
        }
        recorded.ifPresent(format -> logEventRevisions(format, known));
        int recordedShape = recorded.map(DataFormat::readSideShape).orElse(0);
        int shape = known.readSideShape();
        if (recordedShape < shape && !upgrade.readSideReset() && applied.isPresent()) {
            // an external read side, or one this start did not empty, of data that is not new: rebuilt once
            // started, and recorded when done
            externalRebuild.needed(recorded.isPresent() ? recordedShape : 0, shape);
            shape = recordedShape;
        }
        DataFormat record = new DataFormat(codeSchema, known.eventRevisions(), shape, known.applicationVersion());
        try (Connection connection = dataSource.getConnection()) {
            DataRecord.write(connection, record);
        } catch (SQLException e) {
            throw new IllegalStateException("the data directory's record cannot be written", e);
        }
        if (recorded.isEmpty() || !recorded.get().equals(record)) {
            log.info("Data record written: schema version {}, {} event types, read side shape {}, Relais {} (was {})",
                    record.schemaVersion(), record.eventRevisions().size(), record.readSideShape(),
                    record.applicationVersion(), recorded.map(UpgradingMigrationStrategy::describe)
                            .orElse("no record"));
        }
    }

    private static void logEventRevisions(DataFormat recorded, DataFormat known) {
        for (Map.Entry<String, Integer> event : known.eventRevisions().entrySet()) {
            Integer before = recorded.eventRevisions().get(event.getKey());
            if (before == null) {
                log.info("Event type {}: new in this version (revision {})", event.getKey(), event.getValue());
            } else if (before < event.getValue()) {
                log.info("Event {} revision {} -> {}: stored events are read through the upcasters, none is "
                        + "rewritten", event.getKey(), before, event.getValue());
            }
        }
    }

    static String describe(DataFormat format) {
        return "schema version " + format.schemaVersion() + ", " + format.eventRevisions().size()
                + " event types, read side shape " + format.readSideShape() + ", Relais "
                + format.applicationVersion();
    }

    private static String firstLine(String message) {
        if (message == null || message.isBlank()) {
            return "no message";
        }
        List<String> lines = message.strip().lines().map(String::strip).toList();
        // Flyway's report: the script first, the database's own words on a line "Message : ..."
        String line = lines.get(0) + lines.stream().filter(candidate -> candidate.startsWith("Message"))
                .findFirst().map(reason -> ": " + reason.substring(reason.indexOf(':') + 1).strip()).orElse("");
        return line.length() > 300 ? line.substring(0, 300) + "..." : line;
    }
}
