package org.relais.app.readmodels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;
import org.relais.core.api.query.DashboardView;
import org.relais.core.api.query.FindAuditTrailQuery;
import org.relais.core.api.query.FindDashboardQuery;
import org.relais.core.api.query.FindPartnerInboxQuery;
import org.relais.core.api.query.FindReferralQuery;
import org.relais.core.api.query.FindReferralsQuery;
import org.relais.core.api.query.AuditTrailPageView;
import org.relais.core.api.query.PartnerInboxPageView;
import org.relais.core.api.query.ReferralDetailView;
import org.relais.core.api.query.ReferralPageView;
import org.relais.projections.rebuild.ProjectionComparison;
import org.relais.projections.rebuild.ProjectionRebuilder;
import org.relais.projections.support.BatchProjection;
import org.relais.projections.support.CollectionSet;
import org.relais.projections.support.ProjectionGenerations;
import org.relais.app.support.ApiClient;
import org.relais.app.support.TestDataDirs;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.IndexInfo;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Every projection rebuilt over HTTP, all at once, while one thread keeps sending cases through the bus and another
 * keeps querying every read model: no query fails, each rebuild switches to a new generation, and afterwards each
 * projection equals a fresh replay of the event store. The read models run in one shared processor (the
 * embedded default: the hand-overs take turns on it and its token stays theirs); {@link
 * RebuildWithOwnProcessorsDuringTrafficTest} runs the same with each read model in its own. The old generation is
 * retired 10 s after the switch: the grace period must outlast the slowest query that resolved its names just before,
 * and on a loaded two-core machine 1 s did not (a count then read a collection being dropped).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "relais.rebuild.retire-after=PT10S")
@ActiveProfiles("demo")
class RebuildDuringTrafficTest {

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("relais.data-dir", () -> TestDataDirs.create("rebuild-traffic").toString());
    }

    @LocalServerPort
    int port;

    @Autowired
    CommandGateway commandGateway;

    @Autowired
    QueryGateway queries;

    @Autowired
    ProjectionRebuilder rebuilder;

    @Autowired
    List<BatchProjection> projections;

    @Autowired
    ProjectionGenerations generations;

    @Autowired
    MongoTemplate mongo;

    @Test
    void rebuilds_switch_over_while_commands_and_queries_keep_flowing() throws Exception {
        Actors actors = new Actors(commandGateway);
        List<String> seeded = Histories.cases(actors, 0, 300);
        // case 2 has a removal transfer awaiting its acknowledgement: a note and a conversation on it
        actors.send(new org.relais.core.api.referral.AddNoteCommand(seeded.get(2), "n-1", "Called back"), Actors.COORDINATOR);
        actors.send(new org.relais.core.api.referral.PostTransferMessageCommand(seeded.get(2), "removal", "m-1", "Any news?"),
                Actors.COORDINATOR);
        actors.send(new org.relais.core.api.referral.PostTransferMessageCommand(seeded.get(2), "removal", "m-2", "Tomorrow"),
                Actors.PLATFORM);
        ApiClient api = new ApiClient(port);
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger sent = new AtomicInteger();
        AtomicInteger queried = new AtomicInteger();
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        Thread traffic = new Thread(() -> {
            int i = 300;
            while (running.get()) {
                try {
                    Histories.caseNumber(actors, i++);
                    sent.incrementAndGet();
                } catch (Throwable e) {
                    failures.add(e);
                }
            }
        });
        Thread readers = new Thread(() -> {
            while (running.get()) {
                try {
                    ReferralPageView page = queries.query(new FindReferralsQuery(null, null, null, null, null, null,
                            null, null, 0, 20, "-receivedAt"), ReferralPageView.class).join();
                    assertThat(page.total()).isGreaterThanOrEqualTo(300);
                    assertThat(queries.query(new FindReferralQuery(seeded.get(queried.get() % 300)),
                            ResponseTypes.optionalInstanceOf(ReferralDetailView.class)).join()).isPresent();
                    assertThat(queries.query(new FindPartnerInboxQuery("demo-platform", null, 0, 20),
                            PartnerInboxPageView.class).join().total()).isPositive();
                    assertThat(queries.query(new FindAuditTrailQuery(seeded.get(0), null, null, null, 0, 20),
                            AuditTrailPageView.class).join().total()).isPositive();
                    assertThat(queries.query(new FindDashboardQuery(), DashboardView.class).join().cases())
                            .isGreaterThanOrEqualTo(300);
                    queried.incrementAndGet();
                } catch (Throwable e) {
                    failures.add(e);
                }
            }
        });
        ReadModelsThroughTheRealBusTest.awaitCaughtUp(queries);
        traffic.start();
        readers.start();
        try {
            for (String name : rebuilder.names()) {
                ApiClient.Response accepted = api.post("/api/admin/projections/" + name + "/rebuild", "admin",
                        "application/json", "");
                assertThat(accepted.status()).isEqualTo(202);
                assertThat(accepted.json().get("generation").asLong()).isEqualTo(1);
            }
            for (String name : rebuilder.names()) {
                await().atMost(Duration.ofSeconds(90)).until(() -> {
                    JsonNode status = statusOf(api, name);
                    return status.get("rebuild").get("state").asString().matches("DONE|FAILED");
                });
                JsonNode status = statusOf(api, name);
                assertThat(status.get("rebuild").get("state").asString()).as(name).isEqualTo("DONE");
                assertThat(status.get("generation").asLong()).isEqualTo(1);
                assertThat(status.get("rebuild").get("percent").asDouble()).isEqualTo(100.0);
            }
        } finally {
            running.set(false);
            traffic.join();
            readers.join();
        }
        assertThat(failures).isEmpty();
        assertThat(sent.get()).isPositive();
        assertThat(queried.get()).isPositive();
        ReadModelsThroughTheRealBusTest.awaitCaughtUp(queries);
        for (BatchProjection projection : projections) {
            CollectionSet declared = new CollectionSet(projection.name(), 999);
            projection.declareIndexes(declared);
            for (String base : projection.collections()) {
                assertThat(indexNames(generations.active(projection.name()).name(base)))
                        .as("%s rebuilt with the indexes its queries need", base)
                        .containsExactlyInAnyOrderElementsOf(indexNames(declared.name(base)));
                mongo.dropCollection(declared.name(base));
            }
        }
        for (String name : rebuilder.names()) {
            ProjectionComparison comparison = rebuilder.compareWithFreshReplay(name);
            assertThat(comparison.differences()).as(name).isEmpty();
            assertThat(comparison.identical()).isTrue();
            assertThat(comparison.documentsCompared()).isPositive();
        }
        System.out.printf("Rebuilt %d projections at once during traffic: %d cases sent, %d query rounds, no failure%n",
                rebuilder.names().size(), sent.get(), queried.get());
    }

    /** The collection's declared indexes, by name (not the primary key's); none for a collection never created. */
    private List<String> indexNames(String collection) {
        if (!mongo.collectionExists(collection)) {
            return List.of();
        }
        return mongo.indexOps(collection).getIndexInfo().stream().map(IndexInfo::getName)
                .filter(name -> !name.equals("_id_")).toList();
    }

    private static JsonNode statusOf(ApiClient api, String name) {
        for (JsonNode projection : api.get("/api/admin/projections", "admin").json()) {
            if (projection.get("name").asString().equals(name)) {
                return projection;
            }
        }
        throw new AssertionError(name);
    }
}
