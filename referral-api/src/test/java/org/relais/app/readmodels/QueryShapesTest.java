package org.relais.app.readmodels;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Supplier;

import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;
import org.junit.jupiter.api.Test;
import org.relais.core.api.referral.AgeBand;
import org.relais.core.api.Category;
import org.relais.core.api.referral.Channel;
import org.relais.core.api.query.FindAccessLogQuery;
import org.relais.core.api.query.FindAuditTrailQuery;
import org.relais.core.api.query.FindDashboardQuery;
import org.relais.core.api.query.FindFlaggerNoticesQuery;
import org.relais.core.api.query.FindPartnerInboxQuery;
import org.relais.core.api.query.FindPartnerQuery;
import org.relais.core.api.query.FindPartnersQuery;
import org.relais.core.api.admin.FindProjectionsQuery;
import org.relais.core.api.query.FindReferralAsOfQuery;
import org.relais.core.api.query.FindReferralByReferenceQuery;
import org.relais.core.api.query.FindReferralQuery;
import org.relais.core.api.query.FindReferralsByIdQuery;
import org.relais.core.api.query.FindReferralsQuery;
import org.relais.core.api.referral.ReferralStatus;
import org.relais.core.api.referral.RiskLevel;
import org.relais.core.api.referral.TransferState;
import org.relais.app.support.TestDataDirs;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Collects every query shape the read models send to MongoDB (filter, sort, skip, limit, count and aggregation
 * pipelines, with their values replaced by their types; and the indexes they declare) by listening to the
 * application's MongoClient while a realistic history is projected and every query of the read side is asked with
 * every filter and sort. The shapes must all be in embedded-mongo's shapes file, which embedded-mongo's oracle test
 * answers on its SQLite backend, the library's memory backend and a scan: a projection that starts issuing a new
 * shape fails here until the file holds it ({@code -Drelais.shapes.write=true} adds the new shapes).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("demo")
class QueryShapesTest {

    static final Path SHAPES = Path.of("../embedded-mongo/src/test/resources/query-shapes.jsonl");
    private static final Set<String> QUERIES = Set.of("find", "count", "aggregate", "distinct", "createIndexes");
    private static final JsonWriterSettings EXTENDED = JsonWriterSettings.builder().outputMode(JsonMode.EXTENDED)
            .build();
    /** Normalized shape to one example command, as extended JSON. */
    private static final Map<String, String> RECORDED = new ConcurrentSkipListMap<>();

    private static final List<String> RECORDING_FAILURES = new java.util.concurrent.CopyOnWriteArrayList<>();

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("relais.data-dir", () -> TestDataDirs.create("query-shapes").toString());
    }

    @TestConfiguration
    static class Recording {

        @Bean
        MongoClientSettingsBuilderCustomizer queryShapeRecorder() {
            return settings -> settings.addCommandListener(new CommandListener() {
                @Override
                public void commandStarted(CommandStartedEvent event) {
                    try {
                        record(event.getCommandName(), event.getCommand());
                    } catch (RuntimeException e) {
                        RECORDING_FAILURES.add(event.getCommandName() + ": " + e);
                    }
                }
            });
        }
    }

    @Autowired
    CommandGateway commandGateway;

    @Autowired
    QueryGateway queries;

    @Test
    void every_query_shape_of_the_read_models_is_in_embedded_mongos_shapes_file() throws IOException {
        List<String> ids = Histories.cases(new Actors(commandGateway), 0, 30);
        ReadModelsThroughTheRealBusTest.awaitCaughtUp(queries);
        List<String> failures = new ArrayList<>();
        askEveryQuery(ids, failures);
        assertThat(failures).as("queries that failed").isEmpty();
        assertThat(RECORDING_FAILURES).as("commands that could not be recorded").isEmpty();
        assertThat(RECORDED.keySet()).as("index declarations recorded").anyMatch(shape -> shape.contains("createIndexes"));

        Map<String, String> file = read();
        if (Boolean.getBoolean("relais.shapes.write")) {
            // rewritten, not merged: shapes and index declarations the read models no longer issue leave the file
            file = new TreeMap<>(RECORDED);
            write(file);
        }
        assertThat(RECORDED).as("shapes recorded").isNotEmpty();
        assertThat(file.keySet()).as("query shapes the read models issue that %s does not hold (run this test with "
                + "-Drelais.shapes.write=true, then embedded-mongo's QueryShapesOracleTest)", SHAPES)
                .containsAll(RECORDED.keySet());
    }

    private void askEveryQuery(List<String> ids, List<String> failures) {
        List<ReferralStatus> statuses = new ArrayList<>(List.of(ReferralStatus.values()));
        List<String> sorts = new ArrayList<>();
        for (String field : FindReferralsQuery.SORT_FIELDS) {
            sorts.add(field);
            sorts.add("-" + field);
        }
        sorts.add(null);
        List<Object> partners = ask(failures, () -> queries.query(new FindPartnersQuery(),
                ResponseTypes.multipleInstancesOf(Object.class)).join());
        String partnerId = partners == null || partners.isEmpty() ? "unknown" : partnerIdOf(partners.get(0));
        Object[][] filters = {
                {statuses.get(0), null, null, null, null, null, null, null},
                {null, RiskLevel.HIGH, null, null, null, null, null, null},
                {null, null, Category.values()[0], null, null, null, null, null},
                {null, null, null, Channel.values()[0], null, null, null, null},
                {null, null, null, null, AgeBand.values()[0], null, null, null},
                {null, null, null, null, null, partnerId, null, null},
                {null, null, null, null, null, null, Boolean.TRUE, null},
                {null, null, null, null, null, null, null, Boolean.TRUE},
                {null, null, null, null, null, null, null, Boolean.FALSE},
                {null, null, null, null, null, null, null, null},
        };
        List<Object[]> combined = new ArrayList<>(List.of(filters));
        for (int a = 0; a < 8; a++) {
            for (int b = a + 1; b < 8; b++) {
                Object[] both = new Object[8];
                both[a] = filters[a][a];
                both[b] = filters[b][b];
                combined.add(both);
            }
        }
        combined.add(new Object[] {statuses.get(0), RiskLevel.HIGH, Category.values()[0], Channel.values()[0],
                AgeBand.values()[0], partnerId, Boolean.TRUE, Boolean.TRUE});
        for (Object[] f : combined) {
            for (String sort : sorts) {
                for (int page : new int[] {0, 1}) {
                    ask(failures, () -> queries.query(new FindReferralsQuery((ReferralStatus) f[0], (RiskLevel) f[1],
                            (Category) f[2], (Channel) f[3], (AgeBand) f[4], (String) f[5], (Boolean) f[6],
                            (Boolean) f[7], page, 20, sort), ResponseTypes.instanceOf(Object.class)).join());
                }
            }
        }
        askTheWorklistsQueries(ids, sorts, failures);
        for (Object partner : partners == null ? List.of() : partners) {
            String id = partnerIdOf(partner);
            ask(failures, () -> queries.query(new FindPartnerQuery(id), ResponseTypes.optionalInstanceOf(Object.class))
                    .join());
            for (int page : new int[] {0, 1}) {
                ask(failures, () -> queries.query(new FindPartnerInboxQuery(id, null, page, 20),
                        ResponseTypes.instanceOf(Object.class)).join());
                for (TransferState state : TransferState.values()) {
                    ask(failures, () -> queries.query(new FindPartnerInboxQuery(id, state, page, 20),
                            ResponseTypes.instanceOf(Object.class)).join());
                }
            }
        }
        ask(failures, () -> queries.query(new FindDashboardQuery(), ResponseTypes.instanceOf(Object.class)).join());
        ask(failures, () -> queries.query(new org.relais.core.api.query.FindCaseTalkQuery(ids.get(0)),
                ResponseTypes.instanceOf(Object.class)).join());
        ask(failures, () -> queries.query(new org.relais.core.api.query.FindNotificationsQuery("coordinator", 50),
                ResponseTypes.instanceOf(Object.class)).join());
        ask(failures, () -> queries.query(new org.relais.core.api.query.FindNotificationQuery("unknown", "coordinator"),
                ResponseTypes.optionalInstanceOf(Object.class)).join());
        ask(failures, () -> queries.query(new FindProjectionsQuery(), ResponseTypes.multipleInstancesOf(Object.class))
                .join());
        Instant now = Instant.now();
        Instant from = now.minus(30, ChronoUnit.DAYS);
        String referral = ids.get(0);
        for (String referralId : new String[] {null, referral}) {
            for (String actor : new String[] {null, "coordinator"}) {
                for (Instant[] range : new Instant[][] {{null, null}, {from, null}, {null, now}, {from, now}}) {
                    for (int page : new int[] {0, 1}) {
                        ask(failures, () -> queries.query(new FindAuditTrailQuery(referralId, actor, range[0],
                                range[1], page, 20), ResponseTypes.instanceOf(Object.class)).join());
                        ask(failures, () -> queries.query(new FindAccessLogQuery(referralId, actor, range[0],
                                range[1], page, 20), ResponseTypes.instanceOf(Object.class)).join());
                    }
                }
            }
        }
        for (Instant[] range : new Instant[][] {{null, null}, {from, null}, {null, now}, {from, now}}) {
            ask(failures, () -> queries.query(new FindFlaggerNoticesQuery(range[0], range[1]),
                    ResponseTypes.multipleInstancesOf(Object.class)).join());
        }
        for (String id : ids.subList(0, 3)) {
            ask(failures, () -> queries.query(new FindReferralQuery(id), ResponseTypes.optionalInstanceOf(Object.class))
                    .join());
            ask(failures, () -> queries.query(new FindReferralAsOfQuery(id, now),
                    ResponseTypes.optionalInstanceOf(Object.class)).join());
        }
    }

    /** The assignee and date filters, alone and with a facet, in every sort; the lookups by reference and by ids. */
    private void askTheWorklistsQueries(List<String> ids, List<String> sorts, List<String> failures) {
        Instant to = Instant.now();
        Instant from = to.minus(30, ChronoUnit.DAYS);
        List<Object[]> worklists = List.of(
                new Object[] {"coordinator", null, null, null, null, null, null},
                new Object[] {null, Boolean.TRUE, null, null, null, null, null},
                new Object[] {"coordinator", null, ReferralStatus.RECEIVED, null, null, null, null},
                new Object[] {null, Boolean.TRUE, null, from, to, null, null},
                new Object[] {null, null, null, from, to, null, null},
                new Object[] {null, null, null, from, null, null, null},
                new Object[] {null, null, null, null, null, from, to},
                new Object[] {null, null, ReferralStatus.RECEIVED, null, null, null, to},
                new Object[] {"coordinator", null, null, from, null, from, null});
        for (Object[] w : worklists) {
            for (String sort : sorts) {
                ask(failures, () -> queries.query(new FindReferralsQuery((ReferralStatus) w[2], null, null, null,
                        null, null, null, null, 0, 20, sort, (String) w[0], (Boolean) w[1], (Instant) w[3],
                        (Instant) w[4], (Instant) w[5], (Instant) w[6]), ResponseTypes.instanceOf(Object.class))
                        .join());
            }
        }
        ask(failures, () -> queries.query(new FindReferralByReferenceQuery("R-2026-000001"),
                ResponseTypes.instanceOf(Object.class)).join());
        ask(failures, () -> queries.query(new FindReferralsByIdQuery(ids.subList(0, 3)),
                ResponseTypes.instanceOf(Object.class)).join());
    }

    private static String partnerIdOf(Object partner) {
        try {
            return (String) partner.getClass().getMethod("partnerId").invoke(partner);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T ask(List<String> failures, Supplier<T> query) {
        try {
            return query.get();
        } catch (RuntimeException e) {
            failures.add(e.getClass().getSimpleName() + ": " + e.getMessage());
            return null;
        }
    }

    // recording

    static void record(String name, BsonDocument command) {
        if (!QUERIES.contains(name)) {
            return;
        }
        String collection = command.get(name).isString() ? base(command.getString(name).getValue()) : "?";
        BsonDocument example = new BsonDocument("command", new BsonString(name))
                .append("collection", new BsonString(collection));
        BsonDocument shape = new BsonDocument("command", new BsonString(name))
                .append("collection", new BsonString(collection));
        switch (name) {
            case "find" -> {
                copy(command, example, shape, "filter", true);
                copy(command, example, shape, "sort", false);
                presence(command, example, shape, "skip");
                presence(command, example, shape, "limit");
            }
            case "count" -> {
                copy(command, example, shape, "query", true);
                presence(command, example, shape, "skip");
                presence(command, example, shape, "limit");
            }
            case "distinct" -> {
                copy(command, example, shape, "key", false);
                copy(command, example, shape, "query", true);
            }
            case "aggregate" -> copy(command, example, shape, "pipeline", true);
            case "createIndexes" -> {
                BsonArray indexes = new BsonArray();
                for (BsonValue index : command.getArray("indexes")) {
                    BsonDocument declared = new BsonDocument();
                    index.asDocument().forEach((option, setting) -> {
                        if (!"background".equals(option)) {
                            declared.append(option, setting);
                        }
                    });
                    indexes.add(declared);
                }
                example.append("indexes", indexes);
                shape.append("indexes", indexes);
            }
            default -> {
            }
        }
        RECORDED.putIfAbsent(shape.toJson(), example.toJson(EXTENDED));
    }

    /** The collection's name without its generation ({@code caseSummaries_g3} is {@code caseSummaries}). */
    static String base(String collection) {
        return collection.replaceAll("_g\\d+$", "");
    }

    private static void copy(BsonDocument command, BsonDocument example, BsonDocument shape, String field,
                             boolean valuesByType) {
        if (command.containsKey(field)) {
            example.append(field, command.get(field));
            shape.append(field, valuesByType ? typesOf(command.get(field), field) : command.get(field));
        }
    }

    private static void presence(BsonDocument command, BsonDocument example, BsonDocument shape, String field) {
        if (command.containsKey(field)) {
            example.append(field, command.get(field));
            shape.append(field, new BsonString("?"));
        }
    }

    /** The value with each leaf replaced by its type, each array by the sorted set of its elements' shapes. */
    private static BsonValue typesOf(BsonValue value, String key) {
        if (value.isDocument()) {
            BsonDocument shaped = new BsonDocument();
            value.asDocument().forEach((name, nested) -> shaped.append(name, typesOf(nested, name)));
            return shaped;
        }
        if (value.isArray()) {
            Set<String> elements = new java.util.TreeSet<>();
            List<BsonValue> shapes = new ArrayList<>();
            for (BsonValue element : value.asArray()) {
                BsonValue shaped = typesOf(element, key);
                if (elements.add(shaped.toString())) {
                    shapes.add(shaped);
                }
            }
            shapes.sort(java.util.Comparator.comparing(BsonValue::toString));
            return new BsonArray(shapes);
        }
        if (("$skip".equals(key) || "$limit".equals(key)) && value.isNumber()) {
            return new BsonString("?");
        }
        return new BsonString("?" + value.getBsonType().name().toLowerCase());
    }

    static Map<String, String> read() throws IOException {
        Map<String, String> shapes = new TreeMap<>();
        if (!Files.exists(SHAPES)) {
            return shapes;
        }
        for (String line : Files.readAllLines(SHAPES)) {
            if (!line.isBlank()) {
                BsonDocument entry = BsonDocument.parse(line);
                shapes.put(entry.getDocument("shape").toJson(), entry.getDocument("example").toJson(EXTENDED));
            }
        }
        return shapes;
    }

    private static void write(Map<String, String> shapes) throws IOException {
        List<String> lines = new ArrayList<>();
        shapes.forEach((shape, example) -> lines.add(new BsonDocument("shape", BsonDocument.parse(shape))
                .append("example", BsonDocument.parse(example)).toJson(EXTENDED)));
        Files.write(SHAPES, lines);
    }
}
