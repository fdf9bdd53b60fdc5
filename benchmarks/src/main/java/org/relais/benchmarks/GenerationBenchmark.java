package org.relais.benchmarks;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;

import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.relais.core.privacy.PersonalDataProtector;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The generated store every later measurement runs against: synthetic histories appended through the application's
 * own event store in this JVM, the audit chain built alongside (rows {@code generator}).
 */
final class GenerationBenchmark {

    private final Run run;

    GenerationBenchmark(Run run) {
        this.run = run;
    }

    long generate(Path store) throws Exception {
        SyntheticReferrals generator = new SyntheticReferrals(run.seed, run.referrals,
                LocalDate.now(ZoneOffset.UTC).atStartOfDay(ZoneOffset.UTC).toInstant());
        long events = 0;
        long storeFileBytes;
        int minors = 0;
        double generationSeconds;
        double chainSeconds;
        try (ConfigurableApplicationContext app = Apps.inProcess(store)) {
            EventProcessingConfiguration processing = app.getBean(EventProcessingConfiguration.class);
            // The read side of this JVM is thrown away: only the audit chain (kept in the event database) is built.
            for (EventProcessor processor : processing.eventProcessors().values()) {
                if (processor instanceof StreamingEventProcessor && !processor.getName().equals("integrity-chain")) {
                    processor.shutDown();
                }
            }
            EventStore eventStore = app.getBean(EventStore.class);
            TransactionManager transactions = app.getBean(TransactionManager.class);
            PersonalDataProtector protector = app.getBean(PersonalDataProtector.class);
            long start = System.nanoTime();
            int batch = 200;
            for (int from = 0; from < run.referrals; from += batch) {
                DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
                unitOfWork.attachTransaction(transactions);
                try {
                    for (int i = from; i < Math.min(run.referrals, from + batch); i++) {
                        var history = generator.referral(i, protector);
                        events += history.size();
                        minors += generator.isMinor(i) ? 1 : 0;
                        eventStore.publish(history);
                    }
                    unitOfWork.commit();
                } catch (RuntimeException e) {
                    unitOfWork.rollback(e);
                    throw e;
                }
                if ((from / batch) % 10 == 9) {
                    Report.line(String.format("BENCHMARK generating: %,d referrals, %,d events (%.0f events/s)",
                            from + batch, events, events / ((System.nanoTime() - start) / 1e9)));
                }
            }
            generationSeconds = (System.nanoTime() - start) / 1e9;
            long chainStart = System.nanoTime();
            StreamingEventProcessor chain = (StreamingEventProcessor) processing.eventProcessor("integrity-chain")
                    .orElseThrow();
            long head = eventStore.createHeadToken().position().orElse(0);
            Polling.until(() -> chainDone(chain, head), done -> done, Duration.ofMillis(500), Duration.ofHours(6))
                    .orElseThrow(() -> new IllegalStateException("the audit chain did not catch up within 6 h"));
            chainSeconds = (System.nanoTime() - start) / 1e9;
            storeFileBytes = StoreFiles.bytesOnDisk(StoreFiles.eventStore(store));
            Report.line(String.format("BENCHMARK audit chain caught up %.1f s after the last append",
                    (System.nanoTime() - chainStart) / 1e9));
        }
        // this JVM's read side held only what its processors saw before they were stopped: the child's first start
        // must begin from an empty one
        StoreFiles.deleteReadSide(store);
        run.size(String.format("store: %,d referrals (%.1f %% minors), %,d referral events (%.1f per referral) "
                        + "plus the demo partners' events, timestamps over the two years before today minus 30 days, "
                        + "seed %d",
                run.referrals, 100.0 * minors / run.referrals, events, (double) events / run.referrals, run.seed));
        run.figures.add("generator", "append of the generated store (EventStore.publish, 200 referrals a transaction, "
                        + "personal data sealed)", Figures.rate(events / generationSeconds, "events/s"),
                String.format("%,d events in %.0f s", events, generationSeconds), "", "", "");
        run.figures.add("generator", "event store file (" + StoreFiles.EVENT_STORE + " with its WAL) once the chain "
                + "caught up", String.format("%,d MB", storeFileBytes >> 20), String.format("%,d events", events), "",
                "", "");
        if (run.selected("storage")) {
            new StorageBenchmark(run).eventStoreSize(store, "after the generation");
        }
        run.figures.add("generator", "audit chain (integrity-chain processor) built alongside, until caught up",
                Figures.rate(events / chainSeconds, "events/s"), String.format("%.0f s from the first append",
                        chainSeconds), "", "", "");
        return events;
    }

    private static boolean chainDone(StreamingEventProcessor chain, long head) {
        Map<Integer, EventTrackerStatus> status = chain.processingStatus();
        return !status.isEmpty() && status.values().stream().allMatch(s -> s.getTrackingToken() != null
                && s.getTrackingToken().position().orElse(0) >= head);
    }
}
