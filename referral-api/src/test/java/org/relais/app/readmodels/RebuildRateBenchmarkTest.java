package org.relais.app.readmodels;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;
import org.relais.core.api.admin.RebuildProgressView;
import org.relais.projections.rebuild.ProjectionRebuilder;
import org.relais.app.support.TestDataDirs;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A measurement, not a timed assertion: the rebuild rate of each projection (events/s) against a raw read of the
 * event store, on a store of {@code relais.benchmark.cases} realistic cases (about 6.5 events each; default 300 as a smoke run in the test suite,
 * about 20k events; 15,000 gives about 100k).
 */
@SpringBootTest
@ActiveProfiles("demo")
class RebuildRateBenchmarkTest {

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("relais.data-dir", () -> TestDataDirs.create("rebuild-rate").toString());
    }

    @Autowired
    CommandGateway commandGateway;

    @Autowired
    QueryGateway queries;

    @Autowired
    EventStore eventStore;

    @Autowired
    ProjectionRebuilder rebuilder;

    @Test
    void measure_the_rebuild_rate() throws Exception {
        int cases = Integer.getInteger("relais.benchmark.cases", 300);
        Actors actors = new Actors(commandGateway);
        ExecutorService senders = Executors.newFixedThreadPool(4);
        List<Future<?>> sent = new ArrayList<>();
        int perThread = cases / 4;
        long sendStart = System.nanoTime();
        for (int t = 0; t < 4; t++) {
            int from = t * perThread;
            sent.add(senders.submit(() -> Histories.cases(actors, from, perThread)));
        }
        for (Future<?> future : sent) {
            future.get();
        }
        senders.shutdown();
        double sendSeconds = (System.nanoTime() - sendStart) / 1e9;
        ReadModelsThroughTheRealBusTest.awaitCaughtUp(queries);

        long rawStart = System.nanoTime();
        long events = 0;
        try (BlockingStream<TrackedEventMessage<?>> stream = eventStore.openStream(null)) {
            while (stream.hasNextAvailable()) {
                stream.nextAvailable();
                events++;
            }
        }
        double rawRate = events / ((System.nanoTime() - rawStart) / 1e9);
        System.out.printf("BENCHMARK store: %d cases, %d events written in %.1f s; raw read %.0f events/s%n",
                cases, events, sendSeconds, rawRate);
        for (String name : rebuilder.names()) {
            rebuilder.start(name);
            RebuildProgressView done = rebuilder.await(name, Duration.ofMinutes(5));
            assertThat(done.state()).isEqualTo("DONE");
            System.out.printf("BENCHMARK rebuild %-14s %7d events in %6.1f s: %8.0f events/s (%.2f x raw read)%n",
                    name, done.eventsApplied(),
                    Duration.between(done.startedAt(), done.finishedAt()).toMillis() / 1000.0,
                    done.eventsPerSecond(), done.eventsPerSecond() / rawRate);
        }
    }
}
