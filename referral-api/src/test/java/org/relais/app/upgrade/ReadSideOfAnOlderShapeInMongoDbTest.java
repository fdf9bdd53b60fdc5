package org.relais.app.upgrade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.relais.projections.support.ReadSideShape;
import org.relais.app.support.ApiClient;
import org.relais.app.support.TestDataDirs;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A read side in MongoDB (a standalone wire-protocol server here) whose recorded shape is older: it cannot be
 * emptied before it opens, so once started every read model is rebuilt into a new generation, and the record says
 * the new shape only when every rebuild is done.
 */
@ExtendWith(OutputCaptureExtension.class)
class ReadSideOfAnOlderShapeInMongoDbTest {

    @Test
    void every_read_model_is_rebuilt_once_started_and_the_shape_recorded_when_done(CapturedOutput output)
            throws Exception {
        Path root = TestDataDirs.create("upgrade-mongodb");
        UpgradeFixtures.copy(UpgradeFixtures.V0_1_0, root);
        Path data = root.resolve("data");
        Path eventStore = data.resolve("events.db");
        int olderShape = ReadSideShape.CURRENT - 1;
        UpgradeFixtures.setRecord(eventStore, Map.of(DataRecord.READ_SIDE_SHAPE, Integer.toString(olderShape)));
        List<String> cases = Files.readAllLines(root.resolve("cases.txt"));
        MongoServer mongo = new MongoServer(new MemoryBackend());
        mongo.bind(new InetSocketAddress("127.0.0.1", 0));
        try (ConfigurableApplicationContext relais = UpgradeFixtures.start(data, root.resolve("keys"),
                "--spring.mongodb.uri=mongodb://127.0.0.1:" + mongo.getLocalAddress().getPort() + "/relais")) {
            await().atMost(Duration.ofSeconds(120)).until(() -> UpgradeFixtures.record(eventStore)
                    .get(DataRecord.READ_SIDE_SHAPE), Integer.toString(ReadSideShape.CURRENT)::equals);
            ApiClient api = new ApiClient(UpgradeFixtures.port(relais));
            for (String referralId : cases) {
                ApiClient.Response detail = api.get("/api/referrals/" + referralId, "coordinator");
                assertThat(detail.status()).as(detail.body()).isEqualTo(200);
            }
        } finally {
            mongo.shutdownNow();
        }
        assertThat(output.getOut())
                .contains("Read side shape " + olderShape + " -> " + ReadSideShape.CURRENT + ": rebuilding from ")
                .contains("every read model rebuilt; recorded");
    }
}
