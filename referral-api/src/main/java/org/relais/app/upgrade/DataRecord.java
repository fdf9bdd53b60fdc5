package org.relais.app.upgrade;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The data directory's record of what it holds: the table {@code relais_data_record} of the write side's database
 * (migration V13), so that it is committed with the data it describes, copied by a backup with it and restored with
 * it. One row per item; the event revisions are one JSON object.
 */
public final class DataRecord {

    static final String TABLE = "relais_data_record";
    static final String SCHEMA_VERSION = "schema_version";
    static final String EVENT_REVISIONS = "event_revisions";
    static final String READ_SIDE_SHAPE = "read_side_shape";
    static final String APPLICATION_VERSION = "application_version";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private DataRecord() {
    }

    /** The record, if the database has one (a data directory written before records were kept has none). */
    public static Optional<DataFormat> read(Connection connection) throws SQLException {
        if (!tableExists(connection)) {
            return Optional.empty();
        }
        Map<String, String> items = new HashMap<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT item, item_value FROM " + TABLE)) {
            while (rows.next()) {
                items.put(rows.getString(1), rows.getString(2));
            }
        }
        if (!items.containsKey(SCHEMA_VERSION)) {
            return Optional.empty();
        }
        SortedMap<String, Integer> revisions = items.containsKey(EVENT_REVISIONS)
                ? JSON.readValue(items.get(EVENT_REVISIONS), new TypeReference<TreeMap<String, Integer>>() { })
                : new TreeMap<>();
        return Optional.of(new DataFormat(items.get(SCHEMA_VERSION), revisions,
                Integer.parseInt(items.getOrDefault(READ_SIDE_SHAPE, "0")),
                items.getOrDefault(APPLICATION_VERSION, "unknown")));
    }

    /** Replaces the record, in one transaction. */
    public static void write(Connection connection, DataFormat format) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            try (Statement statement = connection.createStatement()) {
                statement.executeUpdate("DELETE FROM " + TABLE);
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO " + TABLE + " (item, item_value) VALUES (?, ?)")) {
                put(insert, SCHEMA_VERSION, format.schemaVersion());
                put(insert, EVENT_REVISIONS, JSON.writeValueAsString(format.eventRevisions()));
                put(insert, READ_SIDE_SHAPE, Integer.toString(format.readSideShape()));
                put(insert, APPLICATION_VERSION, format.applicationVersion());
                insert.executeBatch();
            }
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    private static void put(PreparedStatement insert, String item, String value) throws SQLException {
        insert.setString(1, item);
        insert.setString(2, value);
        insert.addBatch();
    }

    private static boolean tableExists(Connection connection) throws SQLException {
        DatabaseMetaData metaData = connection.getMetaData();
        String schema = connection.getSchema();
        for (String name : new String[] {TABLE, TABLE.toUpperCase(Locale.ROOT)}) {
            try (ResultSet tables = metaData.getTables(null, schema, name, null)) {
                if (tables.next()) {
                    return true;
                }
            }
        }
        return false;
    }
}
