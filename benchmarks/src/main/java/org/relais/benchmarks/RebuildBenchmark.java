package org.relais.benchmarks;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Projection rebuilds through the admin endpoint while the child runs (measurement {@code rebuild}), each against
 * the raw read of the event table and the raw bulk insert into the read side.
 */
final class RebuildBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Run run;

    RebuildBenchmark(Run run) {
        this.run = run;
    }

    /**
     * Each rebuild against both bounds the issue names: the raw read of the event table (the goal's ratio) and the
     * raw bulk insert into the read side (what writing its documents can cost at best; an audit-trail rebuild
     * writes one document per event, a case-list rebuild one per referral, rewritten as its events arrive).
     */
    void rebuilds(Http http, double rawRead, double rawBulkInsert) throws Exception {
        String which = run.options.getOrDefault("rebuild", "all");
        if (which.equals("none")) {
            return;
        }
        HttpResponse<String> list = http.get("admin", "/api/admin/projections");
        Http.expect(list, 200);
        List<String> names = new ArrayList<>();
        for (JsonNode projection : JSON.readTree(list.body())) {
            String name = projection.path("name").asString();
            if (which.equals("all") || List.of(which.split(",")).contains(name)) {
                names.add(name);
            }
        }
        for (String name : names) {
            HttpResponse<String> started = http.post("admin", "/api/admin/projections/" + name + "/rebuild", null);
            Http.expect(started, 202);
            long generation = JSON.readTree(started.body()).path("generation").asLong();
            JsonNode rebuild = Polling.until(() -> rebuildOf(http, name), state -> state != null
                            && state.path("generation").asLong() == generation
                            && List.of("DONE", "FAILED").contains(state.path("state").asString()),
                    Duration.ofSeconds(1), Duration.ofHours(6))
                    .orElseThrow(() -> new IllegalStateException("the rebuild of " + name + " did not end within 6 h"));
            double rate = rebuild.path("eventsPerSecond").asDouble();
            run.figures.add("rebuild", "rebuild " + name + " (admin endpoint, while the app runs), "
                            + rebuild.path("state").asString(), Figures.rate(rate, "events/s"),
                    Figures.rate(rawRead, "rows/s raw read"), Figures.ratio(rate, rawRead), "≥ 0.5×",
                    Figures.verdict(rate >= 0.5 * rawRead));
            run.figures.add("rebuild", "rebuild " + name + " against the raw bulk insert into the read side",
                    Figures.rate(rate, "events/s"), Figures.rate(rawBulkInsert, "docs/s raw bulk insert"),
                    Figures.ratio(rate, rawBulkInsert), "", "");
        }
    }

    /** The rebuild part of the projection's status as the admin endpoint lists it, or null. */
    private static JsonNode rebuildOf(Http http, String name) throws Exception {
        HttpResponse<String> status = http.get("admin", "/api/admin/projections");
        for (JsonNode projection : JSON.readTree(status.body())) {
            if (projection.path("name").asString().equals(name)) {
                return projection.path("rebuild");
            }
        }
        return null;
    }
}
