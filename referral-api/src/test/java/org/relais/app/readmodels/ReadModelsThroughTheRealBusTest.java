package org.relais.app.readmodels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.relais.core.api.referral.AgeBand;
import org.relais.core.api.query.DashboardView;
import org.relais.core.api.query.FindDashboardQuery;
import org.relais.core.api.admin.FindProjectionsQuery;
import org.relais.core.api.query.FindReferralQuery;
import org.relais.core.api.query.FindReferralsQuery;
import org.relais.core.api.query.PartnerKpiView;
import org.relais.core.api.admin.ProjectionStatusView;
import org.relais.core.api.query.ReferralDetailView;
import org.relais.core.api.query.ReferralPageView;
import org.relais.core.api.referral.ReferralStatus;
import org.relais.core.api.query.ReferralSummaryView;
import org.relais.core.api.referral.RiskLevel;
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
 * Every read model fed a realistic history through the real command bus and event store, then read through its
 * query handler and over HTTP with the demo users; then the same events delivered again, and the indexes.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("demo")
class ReadModelsThroughTheRealBusTest {

    static final int CASES = 40;
    static List<String> ids;
    static Instant middle;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("relais.data-dir", () -> TestDataDirs.create("read-models").toString());
    }

    @LocalServerPort
    int port;

    @Autowired
    CommandGateway commandGateway;

    @Autowired
    QueryGateway queries;

    @Autowired
    EventStore eventStore;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    List<BatchProjection> projections;

    @Autowired
    ProjectionGenerations generations;

    @Autowired
    EventProcessingConfiguration processing;

    ApiClient api;

    @BeforeEach
    void history() {
        api = new ApiClient(port);
        if (ids == null) {
            Actors actors = new Actors(commandGateway);
            ids = new ArrayList<>(Histories.cases(actors, 0, CASES / 2));
            middle = Instant.now();
            ids.addAll(Histories.cases(actors, CASES / 2, CASES / 2));
        }
        awaitCaughtUp(queries);
    }

    static void awaitCaughtUp(QueryGateway queries) {
        await().atMost(Duration.ofSeconds(30)).until(() -> queries.query(new FindProjectionsQuery(),
                ResponseTypes.multipleInstancesOf(ProjectionStatusView.class)).join(), views -> views.size() == 8
                && views.stream().allMatch(view -> view.caughtUp() && view.lag() == 0));
    }

    @Test
    void the_case_list_agrees_with_the_detail_and_sorts_immediate_danger_first() {
        ReferralPageView all = queries.query(new FindReferralsQuery(null, null, null, null, null, null, null, null,
                0, 200, "riskLevel"), ReferralPageView.class).join();
        assertThat(all.total()).isEqualTo(CASES);
        List<ReferralSummaryView> items = all.items();
        assertThat(items.get(0).riskLevel()).isEqualTo(RiskLevel.IMMEDIATE_DANGER);
        assertThat(items.get(items.size() - 1).riskLevel()).isNull();
        for (ReferralSummaryView summary : items) {
            ReferralDetailView detail = queries.query(new FindReferralQuery(summary.referralId()),
                    ResponseTypes.optionalInstanceOf(ReferralDetailView.class)).join().orElseThrow();
            assertThat(summary.status()).isEqualTo(detail.status());
            assertThat(summary.version()).isEqualTo(detail.version());
        }
        for (int i = 0; i < CASES; i++) {
            String id = ids.get(i);
            ReferralSummaryView summary = items.stream().filter(s -> s.referralId().equals(id)).findFirst()
                    .orElseThrow();
            assertThat(summary.status()).as("case %d", i).isEqualTo(expectedStatus(i));
            assertThat(summary.minor()).isEqualTo(i % 3 == 0);
        }
        ReferralPageView platform = queries.query(new FindReferralsQuery(null, null, null, null, null,
                "demo-platform", null, null, 0, 200, "-receivedAt"), ReferralPageView.class).join();
        assertThat(platform.total()).isEqualTo(countOf(i -> i % 5 != 4 && i % 2 == 0));
        ReferralPageView closed = queries.query(new FindReferralsQuery(ReferralStatus.CLOSED, null, null, null,
                AgeBand.ADULT, null, null, false, 0, 5, "-updatedAt"), ReferralPageView.class).join();
        assertThat(closed.total()).isEqualTo(countOf(i -> i % 5 != 4 && i % 4 == 0 && i % 3 != 0));
        assertThat(closed.items()).hasSizeLessThanOrEqualTo(5);
    }

    static ReferralStatus expectedStatus(int i) {
        if (i % 5 == 4) {
            return ReferralStatus.RECEIVED;
        }
        boolean minor = i % 3 == 0;
        if (i % 4 == 0 && !minor) {
            return ReferralStatus.CLOSED;
        }
        if (minor || (i % 2 == 0 && i % 4 != 0)) {
            return ReferralStatus.IN_PROGRESS;
        }
        return ReferralStatus.TRIAGED;
    }

    static long countOf(java.util.function.IntPredicate predicate) {
        return java.util.stream.IntStream.range(0, CASES).filter(predicate).count();
    }

    @Test
    void the_partner_inbox_shows_its_own_transfers_to_its_liaison_and_coordinators_only() {
        ApiClient.Response response = api.get("/api/partners/demo-platform/inbox?size=200", "platform");
        assertThat(response.status()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(body.get("total").asLong()).isEqualTo(countOf(i -> i % 5 != 4 && i % 2 == 0));
        for (JsonNode item : body.get("items")) {
            assertThat(item.get("partnerId").asString()).isEqualTo("demo-platform");
            assertThat(item.get("reference").asString()).startsWith("R-");
            assertThat(item.toString()).doesNotContain("Sam Exemple").doesNotContain("personalData");
        }
        // as instants: ISO strings without milliseconds ("…:10Z") sort after those with them ("…:10.185Z")
        List<Instant> deadlines = new ArrayList<>();
        body.get("items").forEach(item -> deadlines.add(Instant.parse(item.get("deadline").asString())));
        assertThat(deadlines).isSorted();
        JsonNode requested = api.get("/api/partners/demo-platform/inbox?state=REQUESTED", "coordinator").json();
        assertThat(requested.get("total").asLong()).isEqualTo(countOf(i -> i % 5 != 4 && i % 2 == 0 && i % 4 != 0));
        assertThat(api.get("/api/partners/demo-platform/inbox", "police").status()).isEqualTo(403);
        assertThat(api.get("/api/partners/demo-platform/inbox", "auditor").status()).isEqualTo(403);
        assertThat(api.get("/api/partners/demo-platform/inbox?state=NOPE", "platform").status()).isEqualTo(400);
    }

    @Test
    void the_audit_trail_names_every_actor_without_personal_data() {
        String id = ids.get(0);
        JsonNode trail = api.get("/api/audit?referralId=" + id, "auditor").json();
        List<String> types = new ArrayList<>();
        trail.get("items").forEach(entry -> types.add(entry.get("eventType").asString()));
        assertThat(types).containsExactly("ReferralReceivedEvent", "ReferralTriagedEvent", "TransferRequestedEvent",
                "TransferAcknowledgedEvent", "ConsentGivenEvent", "TransferRequestedEvent",
                "TransferAcknowledgedEvent", "TransferAcceptedEvent", "TransferCompletedEvent");
        assertThat(trail.get("items").get(3).get("actorUser").asString()).isEqualTo("police");
        assertThat(trail.get("items").get(3).get("actorPartner").asString()).isEqualTo("demo-police-minors");
        assertThat(trail.get("items").get(0).get("globalIndex").isNumber()).isTrue();
        assertThat(trail.toString()).doesNotContain("Sam Exemple").doesNotContain("Messages every night")
                .doesNotContain("Victim\"").doesNotContain("v1:").doesNotContain("v2:");

        JsonNode byPlatform = api.get("/api/audit?actor=platform&size=500", "auditor").json();
        assertThat(byPlatform.get("total").asLong()).isEqualTo(3 * countOf(i -> i % 5 != 4 && i % 4 == 0));
        JsonNode before = api.get("/api/audit?to=" + middle + "&actor=coordinator&size=1", "auditor").json();
        JsonNode after = api.get("/api/audit?from=" + middle + "&actor=coordinator&size=1", "auditor").json();
        JsonNode everything = api.get("/api/audit?actor=coordinator&size=1", "auditor").json();
        assertThat(before.get("total").asLong() + after.get("total").asLong())
                .isEqualTo(everything.get("total").asLong());
        assertThat(api.get("/api/audit", "coordinator").status()).isEqualTo(403);
        assertThat(api.get("/api/audit?from=2026-13-01", "auditor").status()).isEqualTo(400);
    }

    @Test
    void the_dashboard_counts_cases_minors_acknowledgements_removals_and_closures() {
        DashboardView dashboard = queries.query(new FindDashboardQuery(), DashboardView.class).join();
        assertThat(dashboard.cases()).isEqualTo(CASES);
        assertThat(dashboard.minors()).isEqualTo(countOf(i -> i % 3 == 0));
        assertThat(dashboard.intakePerDay()).isNotEmpty();
        assertThat(dashboard.intakePerDay().stream().mapToLong(day -> day.total()).sum()).isEqualTo(CASES);
        assertThat(dashboard.openCases().stream().mapToLong(cell -> cell.count()).sum())
                .isEqualTo(countOf(i -> expectedStatus(i) != ReferralStatus.CLOSED));
        assertThat(dashboard.openCases().stream().filter(cell -> cell.status() == ReferralStatus.RECEIVED)
                .mapToLong(cell -> cell.count()).sum()).isEqualTo(countOf(i -> i % 5 == 4));
        PartnerKpiView platform = dashboard.partners().stream().filter(p -> p.partnerId().equals("demo-platform"))
                .findFirst().orElseThrow();
        assertThat(platform.timeToAcknowledge().count()).isEqualTo(countOf(i -> i % 5 != 4 && i % 4 == 0));
        assertThat(platform.timeToAcknowledge().medianSeconds()).isNotNull();
        assertThat(dashboard.timeToContentRemoval().count()).isEqualTo(countOf(i -> i % 5 != 4 && i % 4 == 0));
        assertThat(dashboard.closuresByOutcome().values().stream().mapToLong(Long::longValue).sum())
                .isEqualTo(countOf(i -> expectedStatus(i) == ReferralStatus.CLOSED));

        assertThat(api.get("/api/dashboard", "auditor").status()).isEqualTo(200);
        assertThat(api.get("/api/dashboard", "platform").status()).isEqualTo(403);
    }

    @Test
    void the_history_gives_the_timeline_and_the_case_as_of_an_instant_without_ciphertexts() {
        String id = ids.get(0);
        JsonNode timeline = api.get("/api/referrals/" + id + "/history", "auditor").json();
        assertThat(timeline.get("total").asLong()).isEqualTo(9);
        String receivedAt = timeline.get("items").get(1).get("at").asString();
        ApiClient.Response asOf = api.get("/api/referrals/" + id + "/history?asOf=" + receivedAt, "auditor");
        assertThat(asOf.status()).isEqualTo(200);
        assertThat(asOf.json().get("status").asString()).isEqualTo("TRIAGED");
        assertThat(asOf.json().get("version").asLong()).isEqualTo(1);
        assertThat(asOf.body()).doesNotContain("v1:").doesNotContain("v2:");
        assertThat(api.get("/api/referrals/" + id + "/history?asOf=2000-01-01T00:00:00Z", "auditor").status())
                .isEqualTo(404);
        assertThat(api.get("/api/referrals/nope/history", "auditor").status()).isEqualTo(404);
        assertThat(api.get("/api/referrals/" + id + "/history", "coordinator").status()).isEqualTo(403);
    }

    @Test
    void the_admin_sees_every_projection_with_its_position() {
        JsonNode projections = api.get("/api/admin/projections", "admin").json();
        List<String> names = new ArrayList<>();
        projections.forEach(p -> names.add(p.get("name").asString()));
        assertThat(names).containsExactlyInAnyOrder("audit-trail", "case-detail", "case-list", "conversations",
                "dashboard", "flagger-notices", "notifications", "partner-inbox");
        projections.forEach(p -> assertThat(p.get("lag").asLong()).isZero());
        assertThat(api.get("/api/admin/projections", "coordinator").status()).isEqualTo(403);
        assertThat(api.post("/api/admin/projections/nope/rebuild", "admin", "application/json", "").status())
                .isEqualTo(404);
    }

    @Test
    void the_same_events_delivered_again_leave_the_same_documents() throws Exception {
        List<TrackedEventMessage<?>> events = new ArrayList<>();
        try (BlockingStream<TrackedEventMessage<?>> stream = eventStore.openStream(null)) {
            while (stream.hasNextAvailable()) {
                events.add(stream.nextAvailable());
            }
        }
        assertThat(events).hasSizeGreaterThan(CASES * 3);
        for (BatchProjection projection : projections) {
            CollectionSet active = generations.active(projection.name());
            Map<String, List<Document>> before = snapshot(projection, active);
            projection.apply(events, active);
            for (int from = 0; from < events.size(); from += 7) {
                projection.apply(events.subList(from, Math.min(events.size(), from + 7)), active);
            }
            events.forEach(event -> projection.apply(List.of(event), active));
            assertThat(snapshot(projection, active)).as(projection.name()).isEqualTo(before);
        }
    }

    @Test
    void the_dashboard_counts_nothing_twice_when_it_died_between_its_two_writes() throws Exception {
        // Simulate the crash window: the figures were written, the case documents were not.
        BatchProjection dashboard = projections.stream().filter(p -> p.name().equals("dashboard")).findFirst()
                .orElseThrow();
        CollectionSet active = generations.active("dashboard");
        String id = ids.get(CASES - 1);
        List<TrackedEventMessage<?>> events = new ArrayList<>();
        try (BlockingStream<TrackedEventMessage<?>> stream = eventStore.openStream(null)) {
            while (stream.hasNextAvailable()) {
                TrackedEventMessage<?> event = stream.nextAvailable();
                if (id.equals(org.relais.projections.support.ReferralEvents.referralId(event.getPayload()))) {
                    events.add(event);
                }
            }
        }
        Map<String, List<Document>> before = snapshot(dashboard, active);
        Document theCase = mongo.getCollection(active.name("dashboard_cases")).find(new Document("_id", id)).first();
        mongo.getCollection(active.name("dashboard_cases")).deleteOne(new Document("_id", id));
        dashboard.apply(events, active);
        assertThat(mongo.getCollection(active.name("dashboard_cases")).find(new Document("_id", id)).first())
                .isEqualTo(theCase);
        assertThat(snapshot(dashboard, active)).isEqualTo(before);
    }

    private Map<String, List<Document>> snapshot(BatchProjection projection, CollectionSet generation) {
        Map<String, List<Document>> documents = new HashMap<>();
        for (String base : projection.collections()) {
            List<Document> all = new ArrayList<>();
            mongo.getCollection(generation.name(base)).find().sort(new Document("_id", 1)).into(all);
            // what a rebuild's comparison ignores too: bookkeeping that differs between equal figures
            all.forEach(document -> projection.comparisonIgnores().forEach(document::remove));
            documents.put(base, all);
        }
        return documents;
    }

    @Test
    void a_reset_of_a_processor_replays_its_read_model_into_an_emptied_generation_with_its_indexes() {
        FindReferralsQuery everything = new FindReferralsQuery(null, null, null, null, null, null, null, null, 0, 200,
                "reference");
        ReferralPageView before = queries.query(everything, ReferralPageView.class).join();
        // the processor running the case list (on the embedded default, the one all read models share)
        StreamingEventProcessor caseList = processing.eventProcessorByProcessingGroup("case-list",
                StreamingEventProcessor.class).orElseThrow();
        caseList.shutDown();
        caseList.resetTokens();
        assertThat(mongo.getCollection(generations.active("case-list").name("case_list")).countDocuments())
                .as("the reset handler emptied the active generation").isZero();
        caseList.start();
        awaitCaughtUp(queries);
        ReferralPageView after = queries.query(everything, ReferralPageView.class).join();
        assertThat(after.total()).isEqualTo(CASES);
        assertThat(after.items()).usingRecursiveComparison().isEqualTo(before.items());
        assertThat(indexNames("case-list", "case_list")).contains("reference_unique", "facets_receivedAt_id");
    }

    @Test
    void every_query_that_filters_or_sorts_has_its_index_declared() {
        List<String> caseList = indexNames("case-list", "case_list");
        // at most eight besides _id's own, which a real MongoDB would maintain on every write
        assertThat(caseList).containsExactlyInAnyOrder("_id_", "reference_unique", "receivedAt_id", "updatedAt_id",
                "riskRank_id", "facets_receivedAt_id", "facets_updatedAt_id", "facets_riskRank_id",
                "status_riskLevel_receivedAt_id");
        assertThat(indexNames("partner-inbox", "partner_inbox")).contains("partner_order", "partner_state_order");
        assertThat(indexNames("audit-trail", "audit_trail")).contains("referralId_order", "actorUser_order", "order",
                "global_index");
    }

    private List<String> indexNames(String projection, String base) {
        return mongo.indexOps(generations.active(projection).name(base)).getIndexInfo().stream()
                .map(IndexInfo::getName).toList();
    }

    static Optional<ProjectionStatusView> status(List<ProjectionStatusView> views, String name) {
        return views.stream().filter(view -> view.name().equals(name)).findFirst();
    }
}
