package org.relais.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.relais.core.api.ActorMetadata;
import org.relais.core.api.referral.AgeBand;
import org.relais.core.api.Category;
import org.relais.core.api.referral.Channel;
import org.relais.core.api.referral.PersonalDetails;
import org.relais.core.api.referral.ReceiveReferralCommand;
import org.relais.core.api.referral.ReporterRole;
import org.relais.core.privacy.PersonalDataProtector;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;


/**
 * The benchmark suite of issue 9: every figure next to a raw baseline measured in the same run, printed as a table and
 * written to {@code docs/benchmarks.md} with the machine's description. Runs inside the application's executable jar
 * (see docs/benchmarks.md, "Running the suite"). Options: {@code --referrals=N} (the generated store; about 11 events each),
 * {@code --intake=N} (commands per intake measurement), {@code --queries=N} (samples per query), {@code --seed=N},
 * {@code --heap=1g} (the child JVM's heap for the main measurements), {@code --heaps=512m,768m,1g,1536m} (the heap
 * search, {@code none} to skip), {@code --rebuild=all|none|name,...}, {@code --work=DIR}, {@code --out=FILE|none}.
 */
public final class BenchmarkSuite {

    /** Application classes the suite uses, by name: inside the executable jar they are not on its compile path. */
    private static final String RESTORE_COMMAND = "org.relais.app.backup.RestoreCommand";


    private static final Map<String, String> COORDINATOR = Map.of(ActorMetadata.USER, "coordinator",
            ActorMetadata.ROLE, "COORDINATOR");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, String> options;
    private final Figures figures = new Figures();
    private final Path work;
    private final int referrals;
    private final int intake;
    private final int queries;
    private final long seed;
    private final Instant startedAt = Instant.now();
    private final List<String> sizes = new ArrayList<>();

    private BenchmarkSuite(Map<String, String> options) {
        this.options = options;
        this.work = Path.of(options.getOrDefault("work", "target/benchmark-run")).toAbsolutePath();
        this.referrals = Integer.parseInt(options.getOrDefault("referrals", "2000"));
        this.intake = Integer.parseInt(options.getOrDefault("intake", "2000"));
        this.queries = Integer.parseInt(options.getOrDefault("queries", "300"));
        this.seed = Long.parseLong(options.getOrDefault("seed", "42"));
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("axoniq.update-checker.disabled", "true");
        Map<String, String> options = new LinkedHashMap<>();
        for (String arg : args) {
            if (arg.startsWith("--")) {
                int equals = arg.indexOf('=');
                options.put(equals < 0 ? arg.substring(2) : arg.substring(2, equals),
                        equals < 0 ? "true" : arg.substring(equals + 1));
            }
        }
        int status = 0;
        try {
            new BenchmarkSuite(options).run();
        } catch (Exception | Error e) {
            // synthetic data only: the failure is logged in full for whoever runs the suite
            LoggerFactory.getLogger(BenchmarkSuite.class).error("Benchmark suite failed", e);
            status = 1;
        }
        // Spring contexts and H2 leave non-daemon threads behind: end the JVM explicitly.
        System.exit(status);
    }

    private void run() throws Exception {
        if (options.containsKey("store")) {
            againstAnExistingStore(Path.of(options.get("store")).toAbsolutePath());
            return;
        }
        deleteRecursively(work);
        Files.createDirectories(work);
        Report.line(String.format("BENCHMARK suite: %d referrals, %d intake commands, %d query samples, work dir %s",
                referrals, intake, queries, work));
        intake();
        write();
        Path store = work.resolve("store");
        long events = generate(store);
        RawBaselines.RawRead raw = RawBaselines.readEventTable(store);
        figures.add("baseline", "raw JDBC read of the event table (all columns, global order)",
                Figures.rate(raw.rowsPerSecond(), "rows/s"), String.format("%,d rows, %,d MB", raw.rows(),
                        raw.bytes() >> 20), "", "", "");
        double bulkInsert = rawBulkInsert();
        write();
        againstTheStore(store, events, raw.rowsPerSecond(), bulkInsert);
        write();
    }

    /** The read side's own write rate, the other bound of a rebuild: documents/s of a bulk insert, no index. */
    private double rawBulkInsert() throws Exception {
        int documents = Math.max(10_000, Math.min(referrals, 100_000));
        double rate = RawBaselines.mongoBulkInsertsPerSecond(documents, work.resolve("raw-read-side"));
        figures.add("baseline", "raw bulk insert into the embedded read side's store (MongoTemplate, 1000/batch)",
                Figures.rate(rate, "docs/s"), String.format("%,d case-summary-like documents", documents), "", "",
                "");
        return rate;
    }

    /**
     * {@code --store=DIR}: the figures taken against the store a previous run generated (its {@code work/store},
     * with {@code --referrals} as it was generated), without intake and generation: start-up on the read side that
     * run left, queries, verification, rebuilds, restart and heaps.
     */
    private void againstAnExistingStore(Path store) throws Exception {
        Files.createDirectories(work);
        Report.line(String.format("BENCHMARK against the existing store %s (%d referrals)", store, referrals));
        RawBaselines.RawRead raw = RawBaselines.readEventTable(store);
        figures.add("baseline", "raw JDBC read of the event table (all columns, global order)",
                Figures.rate(raw.rowsPerSecond(), "rows/s"), String.format("%,d rows, %,d MB", raw.rows(),
                        raw.bytes() >> 20), "", "", "");
        sizes.add(String.format("store: the one generated by an earlier run (%,d referrals), %,d rows in the event "
                + "table, %,d MB", referrals, raw.rows(), StoreFiles.bytesOnDisk(StoreFiles.eventStore(store)) >> 20));
        double bulkInsert = rawBulkInsert();
        write();
        againstTheStore(store, raw.rows(), raw.rowsPerSecond(), bulkInsert);
        write();
    }

    // ---------------------------------------------------------------------------------------------------- intake

    private void intake() throws Exception {
        Path dir = work.resolve("intake");
        double busSequential;
        double busConcurrent;
        double withoutPersonalData;
        double httpSequential;
        double httpConcurrent;
        double commandSideSequential;
        double commandSideConcurrent;
        int payloadBytes;
        int metadataBytes;
        double sealMicros;
        double rawSequential;
        double rawConcurrent;
        try (ConfigurableApplicationContext app = Apps.inProcess(dir)) {
            CommandGateway commands = app.getBean(CommandGateway.class);
            AtomicInteger counter = new AtomicInteger();
            measure(intake / 5 + 50, 1, () -> receive(commands, counter.incrementAndGet(), true));
            // with and without personal data alternate in blocks, so that both meet the same warm-up and the same
            // backlog of the read-model processors
            double[] seconds = new double[2];
            int block = Math.max(10, intake / 10);
            for (int done = 0; done < intake; done += block) {
                for (int kind = 0; kind < 2; kind++) {
                    boolean personal = kind == 0;
                    seconds[kind] += block / measure(block, 1,
                            () -> receive(commands, counter.incrementAndGet(), personal));
                }
            }
            int blocks = (intake + block - 1) / block;
            busSequential = blocks * block / seconds[0];
            withoutPersonalData = blocks * block / seconds[1];
            busConcurrent = measure(intake, 8, () -> receive(commands, counter.incrementAndGet(), true));

            Http http = new Http(Apps.port(app));
            measure(intake / 5 + 50, 1, () -> post(http, counter.incrementAndGet()));
            httpSequential = measure(intake, 1, () -> post(http, counter.incrementAndGet()));
            httpConcurrent = measure(intake, 8, () -> post(http, counter.incrementAndGet()));
            awaitCaughtUp(http, counter.incrementAndGet());
            readYourWrites(http, counter);

            // the command side alone: the streaming processors (read models, audit chain; they share the two cores
            // with every intake) are stopped; a command still does all it does in production (events, key, seal,
            // deadlines)
            EventProcessingConfiguration processing = app.getBean(EventProcessingConfiguration.class);
            for (EventProcessor processor : processing.eventProcessors().values()) {
                if (processor instanceof StreamingEventProcessor) {
                    processor.shutDown();
                }
            }
            measure(intake / 5 + 50, 1, () -> receive(commands, counter.incrementAndGet(), true));
            commandSideSequential = measure(intake, 1, () -> receive(commands, counter.incrementAndGet(), true));
            commandSideConcurrent = measure(intake, 8, () -> receive(commands, counter.incrementAndGet(), true));

            try (Connection connection = app.getBean(DataSource.class).getConnection();
                 var rs = connection.createStatement().executeQuery("SELECT AVG(LENGTH(payload)), "
                         + "AVG(LENGTH(metaData)) FROM DomainEventEntry WHERE payloadType LIKE "
                         + "'%ReferralReceivedEvent'")) {
                rs.next();
                payloadBytes = (int) rs.getDouble(1);
                metadataBytes = (int) rs.getDouble(2);
            }
            PersonalDataProtector protector = app.getBean(PersonalDataProtector.class);
            String subject = "seal-benchmark-" + UUID.randomUUID();
            PersonalDetails details = details(new Random(seed), true);
            protector.seal(subject, details);
            for (int i = 0; i < 2000; i++) {
                protector.seal(subject, details);
            }
            int seals = 20_000;
            long start = System.nanoTime();
            for (int i = 0; i < seals; i++) {
                protector.seal(subject, details);
            }
            sealMicros = (System.nanoTime() - start) / 1e3 / seals;

            // the baseline: the same file, through the same data source, while the application is idle
            DataSource events = app.getBean(DataSource.class);
            rawSequential = RawBaselines.insertsPerSecond(events, intake, 1, payloadBytes, metadataBytes);
            rawConcurrent = RawBaselines.insertsPerSecond(events, intake, 8, payloadBytes, metadataBytes);
        }
        sizes.add(String.format("intake: %,d commands per measurement after a warm-up, on a fresh store; referral "
                + "received events of %,d bytes of payload and %,d of metadata (averages)", intake, payloadBytes,
                metadataBytes));
        String rawSeq = Figures.rate(rawSequential, "rows/s") + " (1 thread)";
        String rawConc = Figures.rate(rawConcurrent, "rows/s") + " (8 threads)";
        figures.add("intake", "command bus, sequential", Figures.rate(busSequential, "cmd/s"), rawSeq,
                Figures.ratio(busSequential, rawSequential), "≥ 0.5×", Figures.verdict(busSequential
                        >= 0.5 * rawSequential));
        figures.add("intake", "command bus, 8 threads", Figures.rate(busConcurrent, "cmd/s"), rawConc,
                Figures.ratio(busConcurrent, rawConcurrent), "≥ 0.5×", Figures.verdict(busConcurrent
                        >= 0.5 * rawConcurrent));
        figures.add("intake", "HTTP POST /api/referrals, 1 client (Basic auth)",
                Figures.rate(httpSequential, "req/s"), rawSeq, Figures.ratio(httpSequential, rawSequential),
                "≥ 0.3×", Figures.verdict(httpSequential >= 0.3 * rawSequential));
        figures.add("intake", "HTTP POST /api/referrals, 8 clients (Basic auth)",
                Figures.rate(httpConcurrent, "req/s"), rawConc, Figures.ratio(httpConcurrent, rawConcurrent),
                "≥ 0.3×", Figures.verdict(httpConcurrent >= 0.3 * rawConcurrent));
        figures.add("intake", "command bus, sequential, streaming processors stopped (the command side alone)",
                Figures.rate(commandSideSequential, "cmd/s"), rawSeq, Figures.ratio(commandSideSequential,
                        rawSequential), "", "");
        figures.add("intake", "command bus, 8 threads, streaming processors stopped (the command side alone)",
                Figures.rate(commandSideConcurrent, "cmd/s"), rawConc, Figures.ratio(commandSideConcurrent,
                        rawConcurrent), "", "");
        figures.add("privacy", "command bus, sequential, intake WITHOUT personal data (alternating blocks)",
                Figures.rate(withoutPersonalData, "cmd/s"), Figures.rate(busSequential, "cmd/s") + " with it",
                Figures.ratio(busSequential, withoutPersonalData), "", "");
        figures.add("privacy", "seal() of one intake's personal data (key cached)",
                String.format("%.1f µs", sealMicros), String.format("%.0f µs per sequential command", 1e6
                        / busSequential), String.format("%.1f %%", 100 * sealMicros * busSequential / 1e6), "", "");
    }

    /** So that the next measurement does not include the backlog the previous ones left to the processors. */
    private void awaitCaughtUp(Http http, int n) throws Exception {
        // one more intake, whose Location carries its position: the read of it is answered once the read models have
        // handled everything up to it (the server waits on their positions), or 503 to be asked again; 10 min at most
        String location = postIntake(http, n).headers().firstValue("Location").orElseThrow();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (http.get("coordinator", location).statusCode() == 503 && System.nanoTime() < deadline) {
            // the bound of relais.http.consistency-wait passed: ask again
        }
    }

    /**
     * From a command's answer to a read that shows it: an intake over HTTP, then its {@code Location} followed as
     * given (it carries the command's position, so the read waits for the case's read models), timed from the
     * answer's arrival to the read's. Against the same read of a case already in the read models, without a position.
     */
    private void readYourWrites(Http http, AtomicInteger counter) throws Exception {
        int samples = Math.max(20, Math.min(queries, intake));
        long[] consistent = new long[samples];
        long[] plain = new long[samples];
        String previous = null;
        for (int n = -Math.min(50, samples); n < samples; n++) {
            HttpResponse<String> answer = postIntake(http, counter.incrementAndGet());
            String location = answer.headers().firstValue("Location").orElseThrow();
            long start = System.nanoTime();
            HttpResponse<String> read = http.get("coordinator", location);
            long took = System.nanoTime() - start;
            Http.expect(read, 200);
            if (previous != null) {
                start = System.nanoTime();
                HttpResponse<String> settled = http.get("coordinator", previous);
                long plainTook = System.nanoTime() - start;
                Http.expect(settled, 200);
                if (n >= 0) {
                    plain[n] = plainTook;
                }
            }
            if (n >= 0) {
                consistent[n] = took;
            }
            previous = location.replaceAll("\\?.*$", "");
        }
        figures.add("read-your-writes", "intake answered, then its Location (?consistentWith=) followed at once, "
                        + "HTTP, 1 client",
                String.format("p50 %.1f ms, p99 %.1f ms", Figures.percentile(consistent, 50),
                        Figures.percentile(consistent, 99)),
                String.format("p50 %.1f ms, p99 %.1f ms: the same read of a settled case, no position",
                        Figures.percentile(plain, 50), Figures.percentile(plain, 99)),
                "", "p99 ≤ 50 ms", Figures.verdict(Figures.percentile(consistent, 99) <= 50));
    }

    private void receive(CommandGateway commands, int n, boolean personalData) {
        Random rnd = new Random(seed + n);
        ReceiveReferralCommand command = new ReceiveReferralCommand(UUID.randomUUID().toString(),
                Channel.values()[n % Channel.values().length], ReporterRole.PARENT_OR_GUARDIAN,
                n % 7 == 0 ? AgeBand.AGE_11_14 : AgeBand.ADULT,
                EnumSet.of(Category.CYBERHARASSMENT, n % 3 == 0 ? Category.HATE_SPEECH : Category.SEXTORTION),
                details(rnd, personalData));
        commands.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(COORDINATOR));
    }

    private static PersonalDetails details(Random rnd, boolean personalData) {
        if (!personalData) {
            return new PersonalDetails(null, null, null, null, null, List.of());
        }
        return new PersonalDetails(SyntheticReferrals.name(rnd), "06 12 34 56 78", SyntheticReferrals.name(rnd),
                "parent@mail.example", "Messages have been sent every evening for three weeks. The school has been "
                + "informed but nothing changed.", List.of("https://social.example/p/" + rnd.nextInt(1_000_000)));
    }

    private void post(Http http, int n) throws Exception {
        Http.expect(http.post("coordinator", "/api/referrals", intakeBody(n)), 201);
    }

    private static String intakeBody(int n) {
        return """
                {"channel": "%s", "reporterRole": "PARENT_OR_GUARDIAN", "ageBand": "%s",
                 "categories": ["CYBERHARASSMENT", "NON_CONSENSUAL_IMAGERY"],
                 "contentUrls": ["https://social.example/p/%d"],
                 "victim": {"name": "%s", "contact": "06 00 00 00 00"},
                 "reporter": {"name": "%s", "contact": "parent@mail.example"},
                 "narrative": "Images were shared in a group without consent."}"""
                .formatted(Channel.values()[n % Channel.values().length], n % 7 == 0 ? "AGE_11_14" : "ADULT", n,
                        SyntheticReferrals.name(new Random(n)), SyntheticReferrals.name(new Random(-n)));
    }

    private HttpResponse<String> postIntake(Http http, int n) throws Exception {
        HttpResponse<String> answer = http.post("coordinator", "/api/referrals", intakeBody(n));
        Http.expect(answer, 201);
        return answer;
    }

    /** Runs {@code count} actions on {@code threads} threads; answers actions per second. */
    private static double measure(int count, int threads, Callable<?>... actions) throws Exception {
        return measure(count, threads, actions[0]);
    }

    private static double measure(int count, int threads, ThrowingRunnable action) throws Exception {
        return measure(count, threads, (Callable<Object>) () -> {
            action.run();
            return null;
        });
    }

    private static double measure(int count, int threads, Callable<?> action) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicInteger left = new AtomicInteger(count);
        List<Future<?>> done = new ArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            done.add(pool.submit(() -> {
                while (left.getAndDecrement() > 0) {
                    action.call();
                }
                return null;
            }));
        }
        for (Future<?> future : done) {
            future.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        return count / seconds;
    }

    @FunctionalInterface
    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    // ------------------------------------------------------------------------------------------------ generation

    private long generate(Path store) throws Exception {
        SyntheticReferrals generator = new SyntheticReferrals(seed, referrals,
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
            for (int from = 0; from < referrals; from += batch) {
                DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
                unitOfWork.attachTransaction(transactions);
                try {
                    for (int i = from; i < Math.min(referrals, from + batch); i++) {
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
            while (!chainDone(chain, head)) {
                Thread.sleep(500);
            }
            chainSeconds = (System.nanoTime() - start) / 1e9;
            storeFileBytes = StoreFiles.bytesOnDisk(StoreFiles.eventStore(store));
            Report.line(String.format("BENCHMARK audit chain caught up %.1f s after the last append",
                    (System.nanoTime() - chainStart) / 1e9));
        }
        // this JVM's read side held only what its processors saw before they were stopped: the child's first start
        // must begin from an empty one
        StoreFiles.deleteReadSide(store);
        sizes.add(String.format("store: %,d referrals (%.1f %% minors), %,d referral events (%.1f per referral) plus the "
                        + "demo partners' events, timestamps over the two years before today minus 30 days, seed %d",
                referrals, 100.0 * minors / referrals, events, (double) events / referrals, seed));
        figures.add("generator", "append of the generated store (EventStore.publish, 200 referrals a transaction, "
                        + "personal data sealed)", Figures.rate(events / generationSeconds, "events/s"),
                String.format("%,d events in %.0f s", events, generationSeconds), "", "", "");
        figures.add("generator", "event store file (" + StoreFiles.EVENT_STORE + " with its WAL) once the chain caught "
                + "up", String.format("%,d MB", storeFileBytes >> 20), String.format("%,d events", events), "",
                "", "");
        eventStoreSize(store, "after the generation");
        figures.add("generator", "audit chain (integrity-chain processor) built alongside, until caught up",
                Figures.rate(events / chainSeconds, "events/s"), String.format("%.0f s from the first append",
                        chainSeconds), "", "", "");
        return events;
    }

    private static boolean chainDone(StreamingEventProcessor chain, long head) {
        Map<Integer, EventTrackerStatus> status = chain.processingStatus();
        return !status.isEmpty() && status.values().stream().allMatch(s -> s.getTrackingToken() != null
                && s.getTrackingToken().position().orElse(0) >= head);
    }

    // ----------------------------------------------------------------------------- the store in a child JVM

    private void againstTheStore(Path store, long events, double rawRead, double rawBulkInsert) throws Exception {
        Path jar = applicationJar();
        String heap = options.getOrDefault("heap", "1g");
        long timeout = Long.parseLong(options.getOrDefault("startup-timeout", "1200"));
        boolean mainPassed;
        long firstStartWall;
        boolean keptReadSide = StoreFiles.hasReadSide(store);
        try (Apps.Child child = new Apps.Child(jar, store, heap, work.resolve("child-" + heap + ".log"))) {
            Apps.Child.CatchUp catchUp = child.awaitCaughtUp(timeout);
            mainPassed = catchUp.ok();
            firstStartWall = catchUp.wallMillis();
            if (!catchUp.ok()) {
                figures.add("start-up", "start to caught-up, -Xmx" + heap, "failed: " + catchUp.failure(), "", "",
                        "≤ 60 s at 1M", "**no**");
                return;
            }
            figures.add("start-up", String.format("%s: start to caught-up (CatchUpMonitor), %,d events, -Xmx%s",
                    keptReadSide ? "start with the read side an earlier run left" : "first start, empty read side",
                    events, heap), String.format("%.1f s", catchUp.reportedMillis() / 1000.0),
                    String.format(
                    "%.1f s from spawning the JVM; raw read of the table %.1f s", catchUp.wallMillis() / 1000.0,
                    events / rawRead), String.format("%.0f events/s", events * 1000.0 / catchUp.wallMillis()),
                    "≤ 60 s at 1M", Figures.verdict(catchUp.reportedMillis() <= 60_000));
            long heapUsed = child.heapUsedAfterGcBytes();
            figures.add("memory", "heap used after a full GC once caught up, -Xmx" + heap,
                    String.format("%,d MB", heapUsed >> 20), String.format("%,d events", events), "", "", "");
            Http http = new Http(child.port);
            latencies(http);
            verification(http, events);
            write();
            backupAndRestore(http, store, events);
            write();
            rebuilds(http, rawRead, rawBulkInsert);
            write();
        }
        long firstStartWallMillis = firstStartWall;
        restart(jar, store, events, heap, timeout, rawRead);
        write();
        killedWhenCaughtUp(jar, store, events, heap, timeout);
        write();
        if (!keptReadSide) {
            killedDuringFirstCatchUp(jar, store, events, heap, timeout, firstStartWallMillis);
            write();
        }
        eventStoreSize(store, "at the end of the run");
        readSideSize(store);
        write();
        heapSearch(jar, store, heap, mainPassed, timeout);
    }

    /** The usual start: the child above was stopped cleanly, so its read side is kept and only the tail is new. */
    private void restart(Path jar, Path store, long events, String heap, long timeout, double rawRead)
            throws Exception {
        try (Apps.Child child = new Apps.Child(jar, store, heap, work.resolve("child-restart-" + heap + ".log"))) {
            Apps.Child.CatchUp catchUp = child.awaitCaughtUp(timeout);
            if (!catchUp.ok()) {
                figures.add("start-up", "restart, read side kept, -Xmx" + heap, "failed: " + catchUp.failure(), "",
                        "", "≤ 60 s at 1M", "**no**");
                return;
            }
            figures.add("start-up", String.format("restart, read side kept: start to caught-up (CatchUpMonitor), "
                            + "%,d events, -Xmx%s", events, heap), String.format("%.1f s",
                            catchUp.reportedMillis() / 1000.0), String.format(
                            "%.1f s from spawning the JVM; raw read of the table %.1f s", catchUp.wallMillis() / 1000.0,
                            events / rawRead), "", "≤ 60 s at 1M",
                    Figures.verdict(catchUp.reportedMillis() <= 60_000));
            long heapUsed = child.heapUsedAfterGcBytes();
            figures.add("memory", "heap used after a full GC once restarted and caught up, -Xmx" + heap,
                    String.format("%,d MB", heapUsed >> 20), String.format("%,d events", events), "", "≤ 1 GB",
                    Figures.verdict(heapUsed > 0 && heapUsed <= (1L << 30)));
        }
    }

    /**
     * A kill -9 of an instance that had caught up (SIGKILL: no shutdown hook, nothing flushed or closed), then a start
     * on the same directory: the read side resumes from the positions it stored, with no replay.
     */
    private void killedWhenCaughtUp(Path jar, Path store, long events, String heap, long timeout) throws Exception {
        try (Apps.Child child = new Apps.Child(jar, store, heap, work.resolve("child-before-kill.log"))) {
            Apps.Child.CatchUp catchUp = child.awaitCaughtUp(timeout);
            if (!catchUp.ok()) {
                figures.add("recovery", "start before the kill -9", "failed: " + catchUp.failure(), "", "", "", "");
                return;
            }
            child.kill();
        }
        try (Apps.Child child = new Apps.Child(jar, store, heap, work.resolve("child-after-kill.log"))) {
            Apps.Child.CatchUp catchUp = child.awaitCaughtUp(timeout);
            figures.add("recovery", String.format("restart after a kill -9 of a caught-up instance: from spawning the "
                            + "JVM to caught-up, %,d events, -Xmx%s", events, heap), catchUp.ok()
                            ? String.format("%.1f s", catchUp.wallMillis() / 1000.0) : "failed: " + catchUp.failure(),
                    catchUp.ok() ? String.format("CatchUpMonitor: %.1f s", catchUp.reportedMillis() / 1000.0) : "",
                    "", "≤ 30 s", Figures.verdict(catchUp.ok() && catchUp.wallMillis() <= 30_000));
        }
    }

    /**
     * A first start on an empty read side killed with SIGKILL half-way through its catch-up (once its progress
     * line says half the events are handled), then started again: the second start resumes where the first stopped, so both
     * together take about one first start (goal: at most 30 s more).
     */
    private void killedDuringFirstCatchUp(Path jar, Path store, long events, String heap, long timeout,
                                          long firstStartWallMillis) throws Exception {
        StoreFiles.deleteReadSide(store);
        long killedAfter;
        try (Apps.Child child = new Apps.Child(jar, store, heap, work.resolve("child-killed-in-catch-up.log"))) {
            if (!child.awaitCatchUpShare(0.5, timeout)) {
                figures.add("recovery", "kill -9 during a first start's catch-up", "not killed: caught up, exited or timed "
                        + "out before half its events", "",
                        "", "", "");
                return;
            }
            killedAfter = (System.nanoTime() - child.spawnedAt) / 1_000_000;
            child.kill();
        }
        try (Apps.Child child = new Apps.Child(jar, store, heap, work.resolve("child-resumed-catch-up.log"))) {
            Apps.Child.CatchUp catchUp = child.awaitCaughtUp(timeout);
            long together = killedAfter + catchUp.wallMillis();
            figures.add("recovery", String.format("first start killed -9 after %.1f s of its catch-up, then started "
                                    + "again: both starts together, %,d events", killedAfter / 1000.0, events),
                    catchUp.ok() ? String.format("%.1f s (the second %.1f s)", together / 1000.0,
                            catchUp.wallMillis() / 1000.0) : "failed: " + catchUp.failure(),
                    String.format("%.1f s for one uninterrupted first start", firstStartWallMillis / 1000.0),
                    Figures.ratio(together, firstStartWallMillis), "≤ first start + 30 s",
                    Figures.verdict(catchUp.ok() && together <= firstStartWallMillis + 30_000));
        }
    }

    private void eventStoreSize(Path store, String when) throws Exception {
        Path file = StoreFiles.eventStore(store);
        long onDisk = StoreFiles.bytesOnDisk(file);
        long rows = StoreFiles.rowBytes(file);
        figures.add("disk", "event store file (" + StoreFiles.EVENT_STORE + " with its WAL), " + when,
                Figures.megabytes(onDisk), Figures.megabytes(rows) + " of rows (every value's bytes)", Figures.ratio(onDisk, rows), "≤ 1.5×", Figures.verdict(onDisk <= 1.5 * rows));
    }

    private void readSideSize(Path store) throws Exception {
        Path file = store.resolve(StoreFiles.READ_SIDE);
        if (!Files.exists(file)) {
            figures.add("disk", "read side file", "not found", "", "", "", "");
            return;
        }
        long onDisk = StoreFiles.bytesOnDisk(file);
        long live = StoreFiles.pagesInUseBytes(file);
        figures.add("disk", "read side file (" + StoreFiles.READ_SIDE + " with its WAL) at the end of the run, "
                        + "after rebuilds and restarts", Figures.megabytes(onDisk),
                Figures.megabytes(live) + " of pages in use (documents and indexes)",
                Figures.ratio(onDisk, live), "≤ 2×", Figures.verdict(onDisk <= 2 * live));
    }

    private void latencies(Http http) throws Exception {
        Random rnd = new Random(seed);
        String[] lists = {"/api/referrals?status=IN_PROGRESS&risk=HIGH", "/api/referrals?minor=true",
                "/api/referrals?category=SEXTORTION&sort=-receivedAt", "/api/referrals?partnerId=demo-platform",
                "/api/referrals?channel=ACCESSIBLE_SIGN_LANGUAGE", "/api/referrals?overdue=true&page=2",
                "/api/referrals?status=CLOSED&ageBand=UNDER_11"};
        String[][] inboxes = {{"police", "demo-police-minors"}, {"helpline", "demo-helpline"},
                {"association", "demo-child-abuse-association"}, {"platform", "demo-platform"}};
        SyntheticReferrals generator = new SyntheticReferrals(seed, referrals, Instant.EPOCH);
        latency(http, "case detail GET /api/referrals/{id} (coordinator; records an access event)", "≤ 20 ms", 20,
                n -> new String[] {"coordinator", "/api/referrals/" + generator.referralId(rnd.nextInt(referrals))});
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
                + "coordinator)", "≤ 100 ms", 100, queries, current, n -> {
                    LocalDate from = firstMonth.plusMonths(n % 12);
                    return new String[] {"coordinator", "/api/dashboard?from=" + from + "&to="
                            + from.plusMonths(1).minusDays(1)};
                });
        periodLatency(http, "dashboard over a year GET /api/dashboard?from=&to= (366 days, 2 periods in turn, "
                + "coordinator)", "≤ 1000 ms", 1000, Math.min(queries, 50), current, n -> {
                    LocalDate to = today.minusDays(31 + 30L * (n % 2));
                    return new String[] {"coordinator", "/api/dashboard?from=" + to.minusDays(365) + "&to=" + to};
                });
    }

    /**
     * A period of the dashboard against the current period's answer measured just before ({@code baselineP50}, one
     * figures document read by {@code _id}, then its cached view): the ratio is what reading a period's cases costs.
     */
    private void periodLatency(Http http, String what, String goal, double goalMillis, int count, double baselineP50,
                               java.util.function.IntFunction<String[]> request) throws Exception {
        long[] samples = samples(http, count, request);
        double p50 = Figures.percentile(samples, 50);
        double p99 = Figures.percentile(samples, 99);
        figures.add("queries", what + ", HTTP, 1 client", String.format("p50 %.1f ms, p99 %.1f ms", p50, p99),
                String.format("%d samples; current period p50 %.1f ms", count, baselineP50),
                Figures.ratio(p50, baselineP50), "p99 " + goal, Figures.verdict(p99 <= goalMillis));
    }

    /** The p50 in milliseconds. */
    private double latency(Http http, String what, String goal, double goalMillis,
                           java.util.function.IntFunction<String[]> request) throws Exception {
        long[] samples = samples(http, queries, request);
        double p50 = Figures.percentile(samples, 50);
        double p99 = Figures.percentile(samples, 99);
        figures.add("queries", what + ", HTTP, 1 client", String.format("p50 %.1f ms, p99 %.1f ms", p50, p99),
                String.format("%d samples", queries), "", "p99 " + goal, Figures.verdict(p99 <= goalMillis));
        return p50;
    }

    /** {@code count} timed calls, after up to 50 warm-up calls of the same requests. */
    private static long[] samples(Http http, int count, java.util.function.IntFunction<String[]> request)
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

    private void verification(Http http, long events) throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> response = http.get("auditor", "/api/audit/verification");
        double seconds = (System.nanoTime() - start) / 1e9;
        Http.expect(response, 200);
        JsonNode body = JSON.readTree(response.body());
        long checked = body.path("checked").asLong();
        figures.add("audit", "chain verification GET /api/audit/verification (valid=" + body.path("valid").asBoolean()
                + ")", Figures.rate(checked / seconds, "events/s"), String.format("%,d entries in %.1f s", checked,
                seconds), "", "", "");
    }

    /**
     * An online backup through the API of the store in use, then the jar's restore of it (checksums, counts, the
     * chain against the signed checkpoints) into an empty directory; both are deleted afterwards. The checkpoints
     * were signed by the running child after the backup too, so the restore is told the loss is meant.
     */
    private void backupAndRestore(Http http, Path store, long events) throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> response = http.post("admin", "/api/admin/backups", "");
        double backupSeconds = (System.nanoTime() - start) / 1e9;
        Http.expect(response, 201);
        Path backup = store.toAbsolutePath().getParent().resolve("backups")
                .resolve(JSON.readTree(response.body()).path("name").asText());
        long bytes = Files.size(backup.resolve("events.db"));
        figures.add("backup", "online backup POST /api/admin/backups (VACUUM INTO and manifest), the store in use",
                String.format("%.1f s", backupSeconds), String.format("%,d events, %s copied", events,
                        Figures.megabytes(bytes)), Figures.rate(bytes / backupSeconds / (1 << 20), "MB/s"), "", "");
        Path target = work.resolve("restored-" + UUID.randomUUID());
        start = System.nanoTime();
        String[] restore = {"--from=" + backup, "--data-dir=" + target,
                "--key-dir=" + Path.of("keys").toAbsolutePath(), "--checkpoints=" + store.toAbsolutePath()
                + "-checkpoints.log", "--accept-loss"};
        int exit = (Integer) Class.forName(RESTORE_COMMAND).getMethod("run", String[].class, java.io.PrintStream.class)
                .invoke(null, restore, new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
        double restoreSeconds = (System.nanoTime() - start) / 1e9;
        figures.add("backup", "restore java -jar … restore (checksums, counts, chain against the checkpoints)",
                exit == 0 ? String.format("%.1f s", restoreSeconds) : "failed (exit " + exit + ")",
                String.format("%,d events", events), Figures.rate(events / restoreSeconds, "events/s"), "", "");
        for (Path copy : List.of(target, backup)) {
            if (Files.exists(copy)) {
                try (Stream<Path> files = Files.walk(copy)) {
                    for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(file);
                    }
                }
            }
        }
    }

    /**
     * Each rebuild against both bounds the issue names: the raw read of the event table (the goal's ratio) and the
     * raw bulk insert into the read side (what writing its documents can cost at best; an audit-trail rebuild
     * writes one document per event, a case-list rebuild one per referral, rewritten as its events arrive).
     */
    private void rebuilds(Http http, double rawRead, double rawBulkInsert) throws Exception {
        String which = options.getOrDefault("rebuild", "all");
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
            JsonNode rebuild = null;
            while (true) {
                Thread.sleep(1000);
                HttpResponse<String> status = http.get("admin", "/api/admin/projections");
                for (JsonNode projection : JSON.readTree(status.body())) {
                    if (projection.path("name").asString().equals(name)) {
                        rebuild = projection.path("rebuild");
                    }
                }
                String state = rebuild == null ? "" : rebuild.path("state").asString();
                if (rebuild != null && rebuild.path("generation").asLong() == generation
                        && (state.equals("DONE") || state.equals("FAILED"))) {
                    break;
                }
            }
            double rate = rebuild.path("eventsPerSecond").asDouble();
            figures.add("rebuild", "rebuild " + name + " (admin endpoint, while the app runs), "
                            + rebuild.path("state").asString(), Figures.rate(rate, "events/s"),
                    Figures.rate(rawRead, "rows/s raw read"), Figures.ratio(rate, rawRead), "≥ 0.5×",
                    Figures.verdict(rate >= 0.5 * rawRead));
            figures.add("rebuild", "rebuild " + name + " against the raw bulk insert into the read side",
                    Figures.rate(rate, "events/s"), Figures.rate(rawBulkInsert, "docs/s raw bulk insert"),
                    Figures.ratio(rate, rawBulkInsert), "", "");
        }
    }

    private void heapSearch(Path jar, Path store, String mainHeap, boolean mainPassed, long timeout)
            throws Exception {
        String heaps = options.getOrDefault("heaps", "512m,768m,1g,1536m");
        if (heaps.equals("none")) {
            return;
        }
        String smallest = mainPassed ? mainHeap : null;
        for (String heap : heaps.split(",")) {
            if (mainPassed && megabytes(heap) >= megabytes(mainHeap)) {
                break;
            }
            if (!mainPassed && megabytes(heap) <= megabytes(mainHeap)) {
                continue;
            }
            boolean passed;
            try (Apps.Child child = new Apps.Child(jar, store, heap, work.resolve("child-" + heap + ".log"))) {
                Apps.Child.CatchUp catchUp = child.awaitCaughtUp(timeout);
                passed = catchUp.ok();
                if (passed) {
                    Http http = new Http(child.port);
                    for (int n = 0; n < 50; n++) {
                        Http.expect(http.get("coordinator", "/api/referrals?minor=true"), 200);
                        Http.expect(http.get("coordinator", "/api/dashboard"), 200);
                    }
                    passed = child.process.isAlive();
                }
                Report.line(String.format("BENCHMARK heap -Xmx%s: %s", heap, passed ? "caught up and served queries"
                        : "failed (" + catchUp.failure() + ")"));
            }
            if (passed) {
                smallest = heap;
                break;
            }
        }
        figures.add("memory", "smallest heap of " + heaps + " that catches up and serves queries",
                smallest == null ? "none" : "-Xmx" + smallest, "", "", "≤ 1 GB at 1M",
                Figures.verdict(smallest != null && megabytes(smallest) <= 1024));
    }

    private static long megabytes(String heap) {
        String value = heap.toLowerCase();
        if (value.endsWith("g")) {
            return (long) (Double.parseDouble(value.substring(0, value.length() - 1)) * 1024);
        }
        return Long.parseLong(value.substring(0, value.length() - 1));
    }

    private Path applicationJar() {
        if (options.containsKey("app-jar")) {
            return Path.of(options.get("app-jar"));
        }
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            if (entry.contains("referral-api") && entry.endsWith(".jar")) {
                return Path.of(entry);
            }
        }
        throw new IllegalStateException("run the suite with the application's jar on -cp, or give --app-jar");
    }

    // ------------------------------------------------------------------------------------------------- report

    /** Writes the table so far (every phase ends with it, so a run stopped half-way still leaves its figures). */
    private void write() throws IOException {
        String table = figures.markdownTable();
        Report.line("\n" + table);
        String out = options.getOrDefault("out", "docs/benchmarks.md");
        if (out.equals("none")) {
            return;
        }
        StringBuilder generated = new StringBuilder();
        generated.append("<!-- generated by org.relais.benchmarks.BenchmarkSuite: start -->\n");
        generated.append("## Last run\n\n");
        generated.append("- date: ").append(LocalDate.ofInstant(startedAt, ZoneOffset.UTC)).append(" (").append(Duration.between(startedAt,
                Instant.now()).toMinutes()).append(" min)\n");
        generated.append("- machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores, ")
                .append(memory()).append(", ").append(System.getProperty("os.name")).append(' ')
                .append(System.getProperty("os.version")).append(", JDK ").append(System.getProperty("java.vendor"))
                .append(' ').append(System.getProperty("java.runtime.version")).append('\n');
        generated.append("- load average at the end (1/5/15 min): ").append(Figures.loadAverage())
                .append(" — the machine was shared: each row carries the load average when it was measured\n");
        // options and JVM arguments without the paths of this machine's scratch directories
        Map<String, String> shown = new LinkedHashMap<>(options);
        shown.keySet().removeAll(List.of("work", "out", "store", "app-jar"));
        List<String> jvm = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .map(argument -> argument.startsWith("-Dloader.path=") ? "-Dloader.path=<the suite's jar>" : argument)
                .toList();
        generated.append("- suite JVM: ").append(jvm).append(", options ").append(shown).append('\n');
        for (String size : sizes) {
            generated.append("- ").append(size).append('\n');
        }
        generated.append('\n').append(table).append('\n');
        for (String note : figures.notes()) {
            generated.append("- ").append(note).append('\n');
        }
        generated.append("<!-- generated by org.relais.benchmarks.BenchmarkSuite: end -->\n");
        Path file = Path.of(out);
        String text = generated.toString();
        if (Files.exists(file)) {
            String existing = Files.readString(file);
            int from = existing.indexOf("<!-- generated by org.relais.benchmarks.BenchmarkSuite: start -->");
            String endMarker = "<!-- generated by org.relais.benchmarks.BenchmarkSuite: end -->\n";
            int to = existing.indexOf(endMarker);
            if (from >= 0 && to > from) {
                text = existing.substring(0, from) + text + existing.substring(to + endMarker.length());
            } else {
                text = existing + "\n" + text;
            }
        } else {
            text = "# Benchmarks\n\n" + text;
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
        }
        Files.writeString(file, text);
        Report.line("BENCHMARK written to " + file.toAbsolutePath());
    }

    private static String memory() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/meminfo"))) {
            return lines.filter(line -> line.startsWith("MemTotal")).findFirst()
                    .map(line -> (Long.parseLong(line.replaceAll("\\D", "")) >> 20) + " GB RAM").orElse("? RAM");
        } catch (IOException e) {
            return "? RAM";
        }
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
