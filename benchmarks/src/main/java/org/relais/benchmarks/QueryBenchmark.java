package org.relais.benchmarks;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Random;
import java.util.function.IntFunction;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Query latencies over HTTP on the caught-up child (measurement {@code queries}) and the audit chain's verification
 * (measurement {@code audit}).
 */
final class QueryBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Run run;

    QueryBenchmark(Run run) {
        this.run = run;
    }

    void latencies(Http http) throws Exception {
        Random rnd = new Random(run.seed);
        String[] lists = {"/api/referrals?status=IN_PROGRESS&risk=HIGH", "/api/referrals?minor=true",
                "/api/referrals?category=SEXTORTION&sort=-receivedAt", "/api/referrals?partnerId=demo-platform",
                "/api/referrals?channel=ACCESSIBLE_SIGN_LANGUAGE", "/api/referrals?overdue=true&page=2",
                "/api/referrals?status=CLOSED&ageBand=UNDER_11"};
        String[][] inboxes = {{"police", "demo-police-minors"}, {"helpline", "demo-helpline"},
                {"association", "demo-child-abuse-association"}, {"platform", "demo-platform"}};
        SyntheticReferrals generator = new SyntheticReferrals(run.seed, run.referrals, Instant.EPOCH);
        latency(http, "case detail GET /api/referrals/{id} (coordinator; records an access event)", "≤ 20 ms", 20,
                n -> new String[] {"coordinator", "/api/referrals/"
                        + generator.referralId(rnd.nextInt(run.referrals))});
        latency(http, "case list with filters GET /api/referrals?… (7 filter mixes, page of 20)", "≤ 100 ms", 100,
                n -> new String[] {"coordinator", lists[n % lists.length]});
        latency(http, "partner inbox GET /api/partners/{id}/inbox (liaison; 4 partners, ± state)", "≤ 100 ms", 100,
                n -> new String[] {inboxes[n % 4][0], "/api/partners/" + inboxes[n % 4][1] + "/inbox"
                        + (n % 8 >= 4 ? "?state=ACCEPTED" : "")});
        double current = latency(http, "dashboard GET /api/dashboard (coordinator)", "≤ 20 ms", 20,
                n -> new String[] {"coordinator", "/api/dashboard"});
        // Periods in turn, so that no answer comes from the query handler's cache of the last period read; the
        // generated intakes span the two years before today minus 30 days.
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        LocalDate firstMonth = today.minusMonths(13).withDayOfMonth(1);
        periodLatency(http, "dashboard over a past month GET /api/dashboard?from=&to= (12 months in turn, "
                + "coordinator)", "≤ 100 ms", 100, run.queries, current, n -> {
                    LocalDate from = firstMonth.plusMonths(n % 12);
                    return new String[] {"coordinator", "/api/dashboard?from=" + from + "&to="
                            + from.plusMonths(1).minusDays(1)};
                });
        periodLatency(http, "dashboard over a year GET /api/dashboard?from=&to= (366 days, 2 periods in turn, "
                + "coordinator)", "≤ 1000 ms", 1000, Math.min(run.queries, 50), current, n -> {
                    LocalDate to = today.minusDays(31 + 30L * (n % 2));
                    return new String[] {"coordinator", "/api/dashboard?from=" + to.minusDays(365) + "&to=" + to};
                });
    }

    /**
     * A period of the dashboard against the current period's answer measured just before ({@code baselineP50}, one
     * figures document read by {@code _id}, then its cached view): the ratio is what reading a period's cases costs.
     */
    private void periodLatency(Http http, String what, String goal, double goalMillis, int count, double baselineP50,
                               IntFunction<String[]> request) throws Exception {
        long[] samples = samples(http, count, request);
        double p50 = Figures.percentile(samples, 50);
        double p99 = Figures.percentile(samples, 99);
        run.figures.add("queries", what + ", HTTP, 1 client", String.format("p50 %.1f ms, p99 %.1f ms", p50, p99),
                String.format("%d samples; current period p50 %.1f ms", count, baselineP50),
                Figures.ratio(p50, baselineP50), "p99 " + goal, Figures.verdict(p99 <= goalMillis));
    }

    /** The p50 in milliseconds. */
    private double latency(Http http, String what, String goal, double goalMillis,
                           IntFunction<String[]> request) throws Exception {
        long[] samples = samples(http, run.queries, request);
        double p50 = Figures.percentile(samples, 50);
        double p99 = Figures.percentile(samples, 99);
        run.figures.add("queries", what + ", HTTP, 1 client", String.format("p50 %.1f ms, p99 %.1f ms", p50, p99),
                String.format("%d samples", run.queries), "", "p99 " + goal, Figures.verdict(p99 <= goalMillis));
        return p50;
    }

    /** {@code count} timed calls, after up to 50 warm-up calls of the same requests. */
    private static long[] samples(Http http, int count, IntFunction<String[]> request)
            throws Exception {
        for (int n = 0; n < Math.min(50, count); n++) {
            String[] call = request.apply(n);
            Http.expect(http.get(call[0], call[1]), 200);
        }
        long[] samples = new long[count];
        for (int n = 0; n < count; n++) {
            String[] call = request.apply(n);
            long start = System.nanoTime();
            HttpResponse<String> response = http.get(call[0], call[1]);
            samples[n] = System.nanoTime() - start;
            Http.expect(response, 200);
        }
        return samples;
    }

    void verification(Http http, long events) throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> response = http.get("auditor", "/api/audit/verification");
        double seconds = (System.nanoTime() - start) / 1e9;
        Http.expect(response, 200);
        JsonNode body = JSON.readTree(response.body());
        long checked = body.path("checked").asLong();
        run.figures.add("audit", "chain verification GET /api/audit/verification (valid="
                + body.path("valid").asBoolean() + ")", Figures.rate(checked / seconds, "events/s"),
                String.format("%,d entries in %.1f s", checked, seconds), "", "", "");
    }
}
