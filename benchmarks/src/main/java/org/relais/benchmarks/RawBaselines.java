package org.relais.benchmarks;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import org.bson.Document;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.MongoBackend;

/** What the hardware and the databases do without Relais: the baselines each figure is set against. */
final class RawBaselines {

    private static final String APPLICATION_READ_SIDE_STORE = "org.relais.app.readside.EmbeddedReadSideStore";

    private RawBaselines() {
    }

    /**
     * Plain JDBC inserts into a scratch table shaped like DomainEventEntry (same columns, keys and unique constraints),
     * rows of the given payload and metadata sizes, <b>one commit each</b>, through the application's own data source:
     * the same SQLite file, the same connections and the same durability setting as its commands.
     */
    static double insertsPerSecond(DataSource events, int rows, int threads, int payloadBytes, int metadataBytes)
            throws Exception {
        String table = "ScratchEventEntry" + threads;
        try (Connection ddl = events.getConnection(); Statement statement = ddl.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS " + table);
            statement.execute("""
                    CREATE TABLE %s (
                        globalIndex INTEGER PRIMARY KEY AUTOINCREMENT,
                        aggregateIdentifier VARCHAR(255) NOT NULL, sequenceNumber BIGINT NOT NULL,
                        type VARCHAR(255), eventIdentifier VARCHAR(255) NOT NULL, metaData BLOB,
                        payload BLOB NOT NULL, payloadRevision VARCHAR(255), payloadType VARCHAR(255) NOT NULL,
                        timeStamp VARCHAR(255) NOT NULL,
                        UNIQUE (aggregateIdentifier, sequenceNumber),
                        UNIQUE (eventIdentifier))""".formatted(table));
        }
        byte[] payload = filler(payloadBytes);
        byte[] metadata = filler(metadataBytes);
        int warmup = Math.min(200, rows / 10);
        insert(events, table, warmup, 1, payload, metadata);
        long start = System.nanoTime();
        insert(events, table, rows, threads, payload, metadata);
        double rate = rows / ((System.nanoTime() - start) / 1e9);
        try (Connection ddl = events.getConnection(); Statement statement = ddl.createStatement()) {
            statement.execute("DROP TABLE " + table);
        }
        return rate;
    }

    private static void insert(DataSource events, String table, int rows, int threads, byte[] payload,
                               byte[] metadata) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicLong next = new AtomicLong();
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            done.add(pool.submit(() -> {
                while (next.getAndIncrement() < rows) {
                    // a connection per commit, as a command takes one from the pool for its transaction
                    try (Connection connection = events.getConnection();
                         PreparedStatement insert = connection.prepareStatement("INSERT INTO " + table
                                 + " (aggregateIdentifier, sequenceNumber, type, eventIdentifier, metaData, payload, "
                                 + "payloadRevision, payloadType, timeStamp) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                        connection.setAutoCommit(false);
                        insert.setString(1, UUID.randomUUID().toString());
                        insert.setLong(2, 0);
                        insert.setString(3, "Referral");
                        insert.setString(4, UUID.randomUUID().toString());
                        insert.setBytes(5, metadata);
                        insert.setBytes(6, payload);
                        insert.setString(7, "1");
                        insert.setString(8, "org.relais.core.api.ReferralReceivedEvent");
                        insert.setString(9, java.time.Instant.now().toString());
                        insert.executeUpdate();
                        connection.commit();
                        connection.setAutoCommit(true);
                    }
                }
                return null;
            }));
        }
        for (Future<?> future : done) {
            future.get();
        }
        pool.shutdown();
    }

    private static byte[] filler(int size) {
        byte[] bytes = new byte[Math.max(1, size)];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    record RawRead(long rows, long bytes, double rowsPerSecond) {
    }

    /** Reads every column of every row of the event table in global order, plain JDBC, as a processor would need. */
    static RawRead readEventTable(Path dataDir) throws SQLException {
        try (Connection connection = DriverManager.getConnection(StoreFiles.jdbcUrl(StoreFiles.eventStore(dataDir)));
             Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            statement.setFetchSize(1000);
            long start = System.nanoTime();
            long rows = 0;
            long bytes = 0;
            try (ResultSet rs = statement.executeQuery("SELECT globalIndex, aggregateIdentifier, sequenceNumber, "
                    + "type, eventIdentifier, metaData, payload, payloadRevision, payloadType, timeStamp "
                    + "FROM DomainEventEntry ORDER BY globalIndex")) {
                while (rs.next()) {
                    rows++;
                    rs.getLong(1);
                    rs.getString(2);
                    rs.getLong(3);
                    rs.getString(4);
                    rs.getString(5);
                    byte[] metadata = rs.getBytes(6);
                    byte[] payload = rs.getBytes(7);
                    rs.getString(8);
                    rs.getString(9);
                    rs.getString(10);
                    bytes += payload.length + (metadata == null ? 0 : metadata.length);
                }
            }
            return new RawRead(rows, bytes, rows / ((System.nanoTime() - start) / 1e9));
        }
    }

    /**
     * Bulk inserts (unordered, 1000 per batch like the processors' largest batches) of case-summary-like documents
     * into a fresh embedded MongoDB wire-protocol server with the application's own read-side store
     * ({@code EmbeddedReadSideStore} in {@code dir}: the same file format, encoding and cache).
     */
    static double mongoBulkInsertsPerSecond(int documents, Path dir) throws ReflectiveOperationException {
        // the application's classes are reached by name (the executable jar keeps them under BOOT-INF)
        Class<?> storeType = Class.forName(APPLICATION_READ_SIDE_STORE);
        try (AutoCloseable store = (AutoCloseable) storeType.getMethod("inDirectory", Path.class, int.class)
                .invoke(null, dir, 128)) {
            MongoServer server = new MongoServer((MongoBackend) storeType.getMethod("backend").invoke(store));
            java.net.InetSocketAddress address = server.bind();
            try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort())) {
                MongoTemplate mongo = new MongoTemplate(client, "raw");
                Random rnd = new Random(7);
                insertDocuments(mongo, "warmup", Math.min(2000, documents), rnd);
                long start = System.nanoTime();
                insertDocuments(mongo, "cases", documents, rnd);
                return documents / ((System.nanoTime() - start) / 1e9);
            } finally {
                server.shutdownNow();
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw e;
        } catch (Exception closing) {
            throw new IllegalStateException("closing the baseline's read-side store failed", closing);
        }
    }

    private static void insertDocuments(MongoTemplate mongo, String collection, int documents, Random rnd) {
        List<Document> batch = new ArrayList<>(1000);
        for (int i = 0; i < documents; i++) {
            batch.add(new Document("_id", UUID.randomUUID().toString())
                    .append("reference", String.format("R-2025-%07d", i))
                    .append("status", "IN_PROGRESS").append("riskLevel", "MODERATE").append("channel", "CHAT")
                    .append("ageBand", "ADULT").append("minor", false)
                    .append("categories", List.of("CYBERHARASSMENT", "HATE_SPEECH"))
                    .append("partnerIds", List.of("demo-helpline", "demo-platform"))
                    .append("overdue", rnd.nextInt(20) == 0)
                    .append("receivedAt", new java.util.Date(1_700_000_000_000L + rnd.nextInt(1_000_000_000)))
                    .append("updatedAt", new java.util.Date())
                    .append("openTransfers", 1).append("transfers", 3).append("version", 7L)
                    .append("coordinator", "coordinator-3")
                    .append("victimName", "v1:" + "x".repeat(60)));
            if (batch.size() == 1000) {
                flush(mongo, collection, batch);
            }
        }
        flush(mongo, collection, batch);
    }

    private static void flush(MongoTemplate mongo, String collection, List<Document> batch) {
        if (batch.isEmpty()) {
            return;
        }
        mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, collection).insert(batch).execute();
        batch.clear();
    }
}
