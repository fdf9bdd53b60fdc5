package org.relais.app.consistency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.relais.app.RelaisApplication;
import org.relais.app.support.HttpCall;
import org.relais.app.support.PersonalData;
import org.relais.app.support.TestDataDirs;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two instances on one event store and one read side, each processing its share of every read model's segments: a
 * write answered by one and read on the other with its position is never stale. The reading instance waits for its
 * own segments and for the tokens the other stored for its segments.
 */
class ReadYourWritesAcrossInstancesTest {

    private static final String DATABASE = "relais-ryw";

    @Test
    void a_write_on_one_instance_read_on_the_other_with_its_position_is_never_stale() {
        Path dataDir = TestDataDirs.create("read-your-writes-instances");
        MongoServer mongoServer = new MongoServer(new MemoryBackend());
        mongoServer.bind(new InetSocketAddress("127.0.0.1", 0));
        String uri = "mongodb://127.0.0.1:" + mongoServer.getLocalAddress().getPort() + "/" + DATABASE;
        try (MongoClient mongo = MongoClients.create(uri);
             ConfigurableApplicationContext one = start(dataDir, uri);
             ConfigurableApplicationContext two = start(dataDir, uri)) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> owners(mongo, "case-detail").size() == 2 && owners(mongo, "case-list").size() == 2);
            int portOne = port(one);
            int portTwo = port(two);
            List<String> stale = new ArrayList<>();
            // Ten rounds, each reading on one instance a write the other answered, twice, in both directions: every
            // read waits for the other instance's events to be polled (about a second), so each round costs seconds.
            for (int i = 0; i < 10; i++) {
                int writer = i % 2 == 0 ? portOne : portTwo;
                int reader = i % 2 == 0 ? portTwo : portOne;
                HttpCall.Reply intake = HttpCall.post(writer, "/api/referrals").as("coordinator")
                        .json(PersonalData.intake()).send();
                assertThat(intake.status()).as(intake.toString()).isEqualTo(201);
                HttpCall.Reply followed = HttpCall.get(reader, intake.header("Location").orElseThrow())
                        .as("coordinator").send();
                if (followed.status() != 200) {
                    stale.add(i + ": the Location on the other instance answered " + followed);
                }
                String referralId = intake.text("referralId");
                HttpCall.Reply triage = HttpCall.post(reader, "/api/referrals/" + referralId + "/triage")
                        .as("coordinator").json("{\"riskLevel\": \"HIGH\"}").send();
                assertThat(triage.status()).as(triage.toString()).isEqualTo(200);
                HttpCall.Reply listed = HttpCall.get(writer, "/api/referrals?status=TRIAGED&size=200")
                        .as("coordinator").header(ConsistentReads.CONSISTENT_WITH, triage.text("position")).send();
                if (listed.status() != 200 || !listed.body().contains(referralId)) {
                    stale.add(i + ": the triaged case missing from the other instance's list " + listed.status());
                }
            }
            assertThat(stale).as("stale answers").isEmpty();
        } finally {
            mongoServer.shutdownNow();
        }
    }

    private static Set<String> owners(MongoClient mongo, String processor) {
        List<Document> tokens = mongo.getDatabase(DATABASE).getCollection("trackingtokens")
                .find(Filters.eq("processorName", processor)).into(new ArrayList<>());
        return tokens.stream().map(token -> token.getString("owner")).filter(Objects::nonNull)
                .collect(Collectors.toSet());
    }

    private static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
    }

    private static ConfigurableApplicationContext start(Path dataDir, String mongoUri) {
        return new SpringApplicationBuilder(RelaisApplication.class).profiles("demo", "fast-passwords").run(
                "--relais.data-dir=" + dataDir, "--server.port=0", "--logging.level.root=WARN",
                "--spring.mongodb.uri=" + mongoUri, "--spring.mongodb.database=" + DATABASE,
                "--relais.processing.segments=2", "--relais.processing.claim-timeout=PT5S",
                "--relais.processing.claim-interval=PT1S", "--relais.http.consistency-wait=PT10S");
    }
}
