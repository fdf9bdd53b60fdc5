package org.relais.app.reliability;

import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;

import org.relais.app.eventstore.SqliteEventStoreSettings;
import org.relais.app.eventstore.SqliteEventStoreSettings.Durability;
import org.relais.app.support.ApiClient;
import org.relais.app.support.ChildRelais;
import org.relais.app.support.HttpCall;
import tools.jackson.databind.JsonNode;

/**
 * Concurrent clients take whole cases through Relais over HTTP while the process is killed with SIGKILL at random
 * moments and restarted; then every acknowledged request is looked for in the event store, and the read models,
 * the dashboard, the deadlines and the chain are checked against the events.
 */
final class ReliabilityRun {

    private final Path dataDir;
    private final int clients;
    private final Duration duration;
    private final int kills;
    private final long seed;

    ReliabilityRun(Path dataDir, int clients, Duration duration, int kills, long seed) {
        this.dataDir = dataDir;
        this.clients = clients;
        this.duration = duration;
        this.kills = kills;
        this.seed = seed;
    }

    Figures run() throws Exception {
        Figures figures = new Figures();
        figures.clients = clients;
        List<Lifecycle> lifecycles = new ArrayList<>();
        try (ChildRelais relais = new ChildRelais(dataDir, List.of())) {
            relais.start();
            registerFastPartner(relais);
            AtomicBoolean running = new AtomicBoolean(true);
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                Lifecycle lifecycle = new Lifecycle(port(relais), seed + i, running::get, figures);
                lifecycles.add(lifecycle);
                Thread thread = new Thread(() -> {
                    while (running.get()) {
                        lifecycle.runOne();
                    }
                }, "reliability-client-" + i);
                thread.start();
                threads.add(thread);
            }
            Instant started = Instant.now();
            Random random = new Random(seed);
            // kills fall in the first 60 % of the run; the rest is steady load, sampled for heap, threads, health
            long slice = duration.toMillis() * 6 / 10 / (kills + 1);
            for (int kill = 0; kill < kills; kill++) {
                Thread.sleep(slice / 2 + random.nextInt((int) Math.max(1, slice / 2))); // the load runs meanwhile
                relais.kill();
                figures.recoveries.add(relais.start());
            }
            Instant steady = started.plusMillis(duration.toMillis() * 6 / 10);
            if (Instant.now().isBefore(steady)) {
                Thread.sleep(Duration.between(Instant.now(), steady).toMillis());
            }
            long left = duration.toMillis() - Duration.between(started, Instant.now()).toMillis();
            // after the last restart: sample heap and threads while the load goes on, and health must answer
            Instant until = Instant.now().plusMillis(Math.max(0, left));
            while (Instant.now().isBefore(until)) {
                figures.resources.add(ResourceSample.take(relais.client()));
                Thread.sleep(Math.min(5_000, Math.max(1, Duration.between(Instant.now(), until).toMillis())));
            }
            running.set(false);
            for (Thread thread : threads) {
                thread.join(Duration.ofMinutes(4).toMillis());
            }
            figures.ran = Duration.between(started, Instant.now());

            ApiClient api = relais.client();
            // two-second deadlines: let every one of them fire, then let the read side catch up with it all
            List<String> late = lifecycles.stream().flatMap(l -> l.overdueTransfers().stream()).toList();
            figures.overdueTransfers = late.size();
            await().atMost(Duration.ofSeconds(60)).until(() -> overdueEvents(relais, late) >= late.size());
            await().atMost(Duration.ofSeconds(120)).until(() -> caughtUp(api));
            compareReadModels(api, lifecycles, figures);
            JsonNode dashboard = HttpCall.get(relais.clientPort(), "/api/dashboard").as("coordinator").send().json();
            figures.dashboardCases = dashboard.get("cases").asLong();
            figures.chainValid = await().atMost(Duration.ofSeconds(60)).until(
                    () -> api.get("/api/audit/verification", "auditor").json(), json -> json.get("valid").asBoolean()
                            || json.get("reason").asString().equals("event altered")).get("valid").asBoolean();
            relais.stop();
            checkEventStore(lifecycles, late, figures);
        }
        return figures;
    }

    private void registerFastPartner(ChildRelais relais) {
        LocalDate today = LocalDate.now(ZoneId.of("Europe/Paris"));
        HttpCall.post(relais.clientPort(), "/api/partners").as("admin").json("{\"partnerId\": \""
                + Lifecycle.FAST_PARTNER + "\", \"name\": \"Plateforme à délai court\", \"kind\": \"ONLINE_PLATFORM\"}")
                .send();
        HttpCall.post(relais.clientPort(), "/api/partners/" + Lifecycle.FAST_PARTNER + "/agreement").as("admin")
                .json("""
                        {"signedOn": "%s", "inForceFrom": "%s", "inForceUntil": null, "categories": ["CYBERHARASSMENT"],
                         "purposes": ["CONTENT_REMOVAL"], "shareableFields": ["contentUrls"], "acknowledgementSla": "PT2S",
                         "serviceHours": {"zoneId": "UTC", "alwaysOpen": true, "periods": []}}
                        """.formatted(today.minusDays(1), today.minusDays(1))).send();
    }

    private static boolean caughtUp(ApiClient api) {
        JsonNode processors = api.get("/actuator/health", "admin").json().get("components").get("eventProcessors")
                .get("details");
        return processors.valueStream().allMatch(p -> "caught up".equals(p.get("state").asString()));
    }

    private void compareReadModels(ApiClient api, List<Lifecycle> lifecycles, Figures figures) {
        List<String> referrals = lifecycles.stream().flatMap(l -> l.acknowledged().stream())
                .filter(a -> a.eventType().equals("ReferralReceivedEvent")).map(Lifecycle.Acknowledged::referralId)
                .toList();
        for (String referralId : referrals.subList(0, Math.min(referrals.size(), 60))) {
            figures.readModelsCompared++;
            // a read model follows its events shortly: it must come to equal the replay, and stay equal
            try {
                await().atMost(Duration.ofSeconds(10)).until(() -> sameAsReplay(api, referralId));
            } catch (org.awaitility.core.ConditionTimeoutException differs) {
                figures.readModelMismatches++;
            }
        }
    }

    private static boolean sameAsReplay(ApiClient api, String referralId) {
        String now = Instant.now().plusSeconds(1).toString();
        JsonNode live = api.get("/api/referrals/" + referralId, "auditor").json();
        JsonNode replayed = api.get("/api/referrals/" + referralId + "/history?asOf=" + now, "auditor").json();
        return live.get("status").equals(replayed.get("status"))
                && live.get("version").equals(replayed.get("version"))
                && states(live).equals(states(replayed));
    }

    private static List<String> states(JsonNode referral) {
        return referral.get("transfers").valueStream()
                .map(t -> t.get("transferId").asString() + ":" + t.get("state").asString()).sorted().toList();
    }

    private long overdueEvents(ChildRelais relais, List<String> late) {
        long fired = 0;
        for (String ids : late) {
            String referralId = ids.substring(0, ids.indexOf('/'));
            JsonNode history = relais.client().get("/api/referrals/" + referralId + "/history?size=500", "auditor").json();
            if (!history.has("items")) {
                // the audit trail has not caught up with this case yet (404): the caller waits and asks again
                continue;
            }
            fired += history.get("items").valueStream()
                    .filter(e -> e.get("eventType").asString().contains("AcknowledgementOverdue")).count();
        }
        return fired;
    }

    /** With Relais stopped, the event store is read directly: the ground truth. */
    private void checkEventStore(List<Lifecycle> lifecycles, List<String> late, Figures figures) throws SQLException {
        Map<String, Integer> stored = new HashMap<>();
        try (Connection db = SqliteEventStoreSettings.open(dataDir.resolve(SqliteEventStoreSettings.FILE),
                Durability.POWER_LOSS);
             ResultSet rows = db.createStatement().executeQuery(
                     "SELECT aggregateIdentifier, payloadType, payload FROM DomainEventEntry")) {
            while (rows.next()) {
                figures.eventsInStore++;
                String type = rows.getString(2).substring(rows.getString(2).lastIndexOf('.') + 1);
                if (type.equals("ReferralReceivedEvent")) {
                    figures.receivedEvents++;
                }
                String payload = new String(rows.getBytes(3), java.nio.charset.StandardCharsets.UTF_8);
                String transferId = payload.contains("\"transferId\"") ? payload.replaceAll(
                        ".*\"transferId\"\\s*:\\s*\"([^\"]+)\".*", "$1") : null;
                stored.merge(rows.getString(1) + "|" + type + "|" + transferId, 1, Integer::sum);
            }
        }
        for (Lifecycle lifecycle : lifecycles) {
            for (Lifecycle.Acknowledged ack : lifecycle.acknowledged()) {
                if (!stored.containsKey(ack.referralId() + "|" + ack.eventType() + "|" + ack.transferId())) {
                    figures.lost++;
                }
            }
        }
        long acknowledgedIntakes = lifecycles.stream().flatMap(l -> l.acknowledged().stream())
                .filter(a -> a.eventType().equals("ReferralReceivedEvent")).count();
        // a retried intake must come back as the same case, never as a second one
        long extraIntakes = Math.max(0, figures.receivedEvents - acknowledgedIntakes - figures.gaveUp.get());
        figures.duplicated = stored.entrySet().stream().filter(e -> e.getValue() > 1).count() + extraIntakes;
        figures.overdueFiredOnce = late.stream().filter(ids -> {
            String[] parts = ids.split("/");
            return stored.getOrDefault(parts[0] + "|TransferAcknowledgementOverdueEvent|" + parts[1], 0) == 1;
        }).count();
    }

    private static int port(ChildRelais relais) {
        return relais.clientPort();
    }
}
