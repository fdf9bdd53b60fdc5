package org.relais.app.reliability;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/** What a reliability run did and found, as printed and written to docs/reliability.md. */
final class Figures {

    final AtomicLong sent = new AtomicLong();
    final AtomicLong acknowledged = new AtomicLong();
    final AtomicLong acknowledgedAfterRetry = new AtomicLong();
    final AtomicLong gaveUp = new AtomicLong();
    final Map<String, AtomicLong> refused = new ConcurrentHashMap<>();
    final List<Duration> recoveries = new CopyOnWriteArrayList<>();
    final List<ResourceSample> resources = new CopyOnWriteArrayList<>();
    long lost;
    long duplicated;
    long overdueTransfers;
    long overdueFiredOnce;
    long readModelsCompared;
    long readModelMismatches;
    long eventsInStore;
    boolean chainValid;
    long dashboardCases;
    long receivedEvents;
    Duration ran = Duration.ZERO;
    int clients;

    void sent() {
        sent.incrementAndGet();
    }

    void acknowledged(boolean afterRetry) {
        acknowledged.incrementAndGet();
        if (afterRetry) {
            acknowledgedAfterRetry.incrementAndGet();
        }
    }

    void refused(int status, String code) {
        refused.computeIfAbsent(status + " " + code, key -> new AtomicLong()).incrementAndGet();
    }

    void gaveUp() {
        gaveUp.incrementAndGet();
    }

    String table() {
        long maxRecovery = recoveries.stream().mapToLong(Duration::toMillis).max().orElse(0);
        long meanRecovery = Math.round(recoveries.stream().mapToLong(Duration::toMillis).average().orElse(0));
        return """
                | figure | value |
                |---|---|
                | clients, duration | %d clients, %d s |
                | requests sent (with retries) | %d |
                | requests acknowledged (2xx) | %d (%d of them after a retry across a crash) |
                | refused (business answers) | %s |
                | gave up | %d |
                | **lost** (acknowledged, not in the event store) | **%d** |
                | **duplicated** (an effect stored twice) | **%d** |
                | kills (SIGKILL) survived | %d |
                | time to recover after each kill (start to healthy) | %s (mean %d ms, max %d ms) |
                | events in the store | %d |
                | deadlines due / fired exactly once | %d / %d |
                | read models compared with a fresh replay / differing | %d / %d |
                | dashboard cases / ReferralReceived events | %d / %d |
                | tamper-evidence verification | %s |
                | under load after the last restart (%d samples, 5 s apart) | %s |
                """.formatted(clients, ran.toSeconds(), sent.get(), acknowledged.get(), acknowledgedAfterRetry.get(),
                refused.isEmpty() ? "none" : refused.toString(), gaveUp.get(), lost, duplicated, recoveries.size(),
                recoveries.stream().map(d -> d.toMillis() + " ms").toList(), meanRecovery, maxRecovery, eventsInStore,
                overdueTransfers, overdueFiredOnce, readModelsCompared, readModelMismatches, dashboardCases,
                receivedEvents, chainValid ? "valid" : "BROKEN", resources.size(), ResourceSample.summary(resources));
    }
}
