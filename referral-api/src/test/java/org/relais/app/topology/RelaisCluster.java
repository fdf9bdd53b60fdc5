package org.relais.app.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.bson.Document;
import org.relais.app.RelaisApplication;
import org.relais.app.support.ApiClient;
import org.relais.app.support.ChildJvm;
import org.relais.app.support.TestDataDirs;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Several Relais JVMs on one PostgreSQL schema (the event store) and one MongoDB wire-protocol server (the read side
 * and the processors' tokens), as in production: child processes started from the test's class path with the
 * {@code postgres} profile. Each test class gets a schema of its own, dropped at the end.
 */
final class RelaisCluster implements AutoCloseable {

    static final String PG_URL = System.getProperty("relais.test.postgres-url", "jdbc:postgresql://127.0.0.1:5432/test");
    static final String PG_USER = System.getProperty("relais.test.postgres-user", "postgres");
    static final Duration CLAIM_TIMEOUT = Duration.ofSeconds(5);
    static final Duration CLAIM_INTERVAL = Duration.ofSeconds(1);
    static final int SEGMENTS = 2;

    final String schema = "relais_topo_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    final String masterKey = Base64.getEncoder().encodeToString(new byte[32]);
    final Path dataDir;
    final MongoServer mongoServer = new MongoServer(new MemoryBackend());
    final MongoClient mongo;
    final List<Instance> instances = new ArrayList<>();
    private final List<ConfigurableApplicationContext> inThisJvm = new ArrayList<>();

    /** Skips the calling test when PostgreSQL is not running here, unless CI=true, where it is mandatory. */
    static void requirePostgres() {
        org.relais.app.support.PostgresSchema.requirePostgres();
    }

    RelaisCluster(String name) {
        this.dataDir = TestDataDirs.create(name);
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("de.bwaldvogel"))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        mongoServer.bind(new InetSocketAddress("127.0.0.1", 0));
        this.mongo = MongoClients.create("mongodb://127.0.0.1:" + mongoServer.getLocalAddress().getPort());
        // created once here rather than by two Flyways racing to CREATE SCHEMA
        sql("CREATE SCHEMA " + schema);
    }

    String mongoUri(String database) {
        return "mongodb://127.0.0.1:" + mongoServer.getLocalAddress().getPort() + "/" + database;
    }

    String jdbcUrl() {
        return PG_URL + "?currentSchema=" + schema;
    }

    /** Starts one more instance of Relais on the shared stores; {@code readSide} names its MongoDB database. */
    Instance start(String readSide, String... extra) {
        int port = freePort();
        List<String> command = ChildJvm.relais("384m",
                "--spring.profiles.active=demo,postgres",
                "--spring.datasource.url=" + jdbcUrl(),
                "--spring.datasource.username=" + PG_USER,
                "--spring.datasource.password=",
                "--spring.flyway.schemas=" + schema,
                "--spring.mongodb.uri=" + mongoUri(readSide),
                "--spring.mongodb.database=" + readSide,
                "--relais.privacy.master-key=" + masterKey,
                "--relais.privacy.integrity-key=" + masterKey, "--relais.privacy.index-key=" + masterKey,
                "--relais.integrity.signing-key=" + org.relais.app.support.TestSigningKey.BASE64,
                "--relais.processing.segments=" + SEGMENTS,
                "--relais.processing.claim-timeout=" + CLAIM_TIMEOUT,
                "--relais.processing.claim-interval=" + CLAIM_INTERVAL,
                "--relais.data-dir=" + dataDir,
                "--server.port=" + port,
                "--logging.level.root=WARN",
                "--logging.level.org.relais.app.topology=INFO",
                "--logging.level.org.axonframework.eventhandling.pooled=INFO");
        command.addAll(List.of(extra));
        try {
            Path log = dataDir.resolve("instance-" + instances.size() + ".log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            Instance instance = new Instance(process, new ApiClient(port), log);
            instances.add(instance);
            return instance;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * An instance in this JVM, on the shared PostgreSQL schema, with its own embedded read side under
     * {@code name}, then {@code extra} arguments; closed with the cluster.
     */
    ConfigurableApplicationContext startInThisJvm(String name, String... extra) {
        List<String> arguments = new ArrayList<>(List.of("--spring.datasource.url=" + jdbcUrl(),
                "--spring.datasource.username=" + PG_USER,
                "--spring.datasource.password=",
                "--spring.flyway.schemas=" + schema,
                "--relais.privacy.master-key=" + masterKey,
                "--relais.privacy.integrity-key=" + masterKey,
                "--relais.privacy.index-key=" + masterKey,
                "--relais.integrity.signing-key=" + org.relais.app.support.TestSigningKey.BASE64,
                "--relais.data-dir=" + dataDir.resolve(name),
                "--server.port=0",
                "--logging.level.root=WARN"));
        arguments.addAll(List.of(extra));
        ConfigurableApplicationContext context = new SpringApplicationBuilder(RelaisApplication.class)
                .profiles("demo").run(arguments.toArray(String[]::new));
        inThisJvm.add(context);
        return context;
    }

    /** The owner of each claimed segment, per processor, as the token store has it. */
    Map<String, Map<Integer, String>> owners(String readSide) {
        Map<String, Map<Integer, String>> owners = new HashMap<>();
        MongoCollection<Document> tokens = mongo.getDatabase(readSide).getCollection("trackingtokens");
        for (Document token : tokens.find()) {
            owners.computeIfAbsent(token.getString("processorName"), name -> new HashMap<>())
                    .put(token.getInteger("segment"), token.getString("owner"));
        }
        return owners;
    }

    void sql(String statement) {
        try (Connection connection = DriverManager.getConnection(PG_URL, PG_USER, "");
             Statement jdbc = connection.createStatement()) {
            jdbc.execute(statement);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        inThisJvm.forEach(ConfigurableApplicationContext::close);
        instances.forEach(instance -> instance.process.destroyForcibly());
        instances.forEach(instance -> {
            try {
                instance.process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        mongo.close();
        mongoServer.shutdownNow();
        try {
            sql("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (RuntimeException notReachable) {
            // nothing to clean
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One Relais JVM. Its token-store owner id is {@code pid@host}, Axon's default. */
    record Instance(Process process, ApiClient api, Path log) {

        boolean ownsToken(String owner) {
            return owner != null && owner.startsWith(process.pid() + "@");
        }

        void awaitReady() {
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).until(() -> {
                assertThat(process.isAlive()).as("Relais JVM running (see " + log + ")").isTrue();
                try {
                    return api.get("/actuator/health", null).status() == 200;
                } catch (RuntimeException notYetListening) {
                    return false;
                }
            });
        }

        boolean caughtUp() {
            JsonNode processors = health().get("components").get("eventProcessors").get("details");
            return !processors.isEmpty()
                    && processors.valueStream().allMatch(p -> Set.of("caught up", "held by another instance").contains(p.get("state").asString()));
        }

        /** Whether one processor has handled every stored event here. */
        boolean caughtUp(String processor) {
            JsonNode state = health().get("components").get("eventProcessors").get("details").get(processor);
            return state != null && "caught up".equals(state.get("state").asString());
        }

        JsonNode health() {
            return api.get("/actuator/health", "admin").json();
        }

        /** The case list this instance serves: each line by referral id (at most 10,000 cases). */
        Map<String, String> caseList() {
            Map<String, String> lines = new java.util.TreeMap<>();
            for (int page = 0; page < 50; page++) {
                JsonNode body = api.get("/api/referrals?size=200&sort=-receivedAt&page=" + page, "coordinator").json();
                body.get("items").forEach(item -> lines.put(item.get("referralId").asString(), item.toString()));
                if ((page + 1) * 200L >= body.get("total").asLong() || body.get("items").isEmpty()) {
                    assertThat(lines).as("case list pages").hasSize((int) body.get("total").asLong());
                    return lines;
                }
            }
            throw new IllegalStateException("more cases than this test expects");
        }

        /** The segments of each processor this instance says it holds (its 'segments' health component). */
        Map<String, java.util.Set<Integer>> claimed() {
            Map<String, java.util.Set<Integer>> claimed = new HashMap<>();
            JsonNode details = health().get("components").get("segments").get("details").get("claimed");
            details.properties().forEach(entry -> {
                java.util.Set<Integer> segments = new java.util.HashSet<>();
                entry.getValue().forEach(segment -> segments.add(segment.asInt()));
                claimed.put(entry.getKey(), segments);
            });
            return claimed;
        }
    }
}
