package org.relais.benchmarks;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.EnumSet;
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

import javax.sql.DataSource;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.relais.core.api.ActorMetadata;
import org.relais.core.api.referral.AgeBand;
import org.relais.core.api.Category;
import org.relais.core.api.referral.Channel;
import org.relais.core.api.referral.PersonalDetails;
import org.relais.core.api.referral.ReceiveReferralCommand;
import org.relais.core.api.referral.ReporterRole;
import org.relais.core.privacy.PersonalDataProtector;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Intake (measurement {@code intake}): the command bus and HTTP, sequential and concurrent, with and without the
 * streaming processors and personal data, the cost of sealing, and read-your-writes; against plain JDBC inserts
 * into the same SQLite file through the application's own data source, measured in the same run.
 */
final class IntakeBenchmark {

    private static final Map<String, String> COORDINATOR = Map.of(ActorMetadata.USER, "coordinator",
            ActorMetadata.ROLE, "COORDINATOR");

    private final Run run;

    IntakeBenchmark(Run run) {
        this.run = run;
    }

    void intake() throws Exception {
        Path dir = run.work.resolve("intake");
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
            measure(run.intake / 5 + 50, 1, () -> receive(commands, counter.incrementAndGet(), true));
            // with and without personal data alternate in blocks, so that both meet the same warm-up and the same
            // backlog of the read-model processors
            double[] seconds = new double[2];
            int block = Math.max(10, run.intake / 10);
            for (int done = 0; done < run.intake; done += block) {
                for (int kind = 0; kind < 2; kind++) {
                    boolean personal = kind == 0;
                    seconds[kind] += block / measure(block, 1,
                            () -> receive(commands, counter.incrementAndGet(), personal));
                }
            }
            int blocks = (run.intake + block - 1) / block;
            busSequential = blocks * block / seconds[0];
            withoutPersonalData = blocks * block / seconds[1];
            busConcurrent = measure(run.intake, 8, () -> receive(commands, counter.incrementAndGet(), true));

            Http http = new Http(Apps.port(app));
            measure(run.intake / 5 + 50, 1, () -> post(http, counter.incrementAndGet()));
            httpSequential = measure(run.intake, 1, () -> post(http, counter.incrementAndGet()));
            httpConcurrent = measure(run.intake, 8, () -> post(http, counter.incrementAndGet()));
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
            measure(run.intake / 5 + 50, 1, () -> receive(commands, counter.incrementAndGet(), true));
            commandSideSequential = measure(run.intake, 1, () -> receive(commands, counter.incrementAndGet(), true));
            commandSideConcurrent = measure(run.intake, 8, () -> receive(commands, counter.incrementAndGet(), true));

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
            PersonalDetails details = details(new Random(run.seed), true);
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
            rawSequential = RawBaselines.insertsPerSecond(events, run.intake, 1, payloadBytes, metadataBytes);
            rawConcurrent = RawBaselines.insertsPerSecond(events, run.intake, 8, payloadBytes, metadataBytes);
        }
        run.size(String.format("intake: %,d commands per measurement after a warm-up, on a fresh store; referral "
                + "received events of %,d bytes of payload and %,d of metadata (averages)", run.intake, payloadBytes,
                metadataBytes));
        String rawSeq = Figures.rate(rawSequential, "rows/s") + " (1 thread)";
        String rawConc = Figures.rate(rawConcurrent, "rows/s") + " (8 threads)";
        run.figures.add("intake", "command bus, sequential", Figures.rate(busSequential, "cmd/s"), rawSeq,
                Figures.ratio(busSequential, rawSequential), "≥ 0.5×", Figures.verdict(busSequential
                        >= 0.5 * rawSequential));
        run.figures.add("intake", "command bus, 8 threads", Figures.rate(busConcurrent, "cmd/s"), rawConc,
                Figures.ratio(busConcurrent, rawConcurrent), "≥ 0.5×", Figures.verdict(busConcurrent
                        >= 0.5 * rawConcurrent));
        run.figures.add("intake", "HTTP POST /api/referrals, 1 client (Basic auth)",
                Figures.rate(httpSequential, "req/s"), rawSeq, Figures.ratio(httpSequential, rawSequential),
                "≥ 0.3×", Figures.verdict(httpSequential >= 0.3 * rawSequential));
        run.figures.add("intake", "HTTP POST /api/referrals, 8 clients (Basic auth)",
                Figures.rate(httpConcurrent, "req/s"), rawConc, Figures.ratio(httpConcurrent, rawConcurrent),
                "≥ 0.3×", Figures.verdict(httpConcurrent >= 0.3 * rawConcurrent));
        run.figures.add("intake", "command bus, sequential, streaming processors stopped (the command side alone)",
                Figures.rate(commandSideSequential, "cmd/s"), rawSeq, Figures.ratio(commandSideSequential,
                        rawSequential), "", "");
        run.figures.add("intake", "command bus, 8 threads, streaming processors stopped (the command side alone)",
                Figures.rate(commandSideConcurrent, "cmd/s"), rawConc, Figures.ratio(commandSideConcurrent,
                        rawConcurrent), "", "");
        run.figures.add("privacy", "command bus, sequential, intake WITHOUT personal data (alternating blocks)",
                Figures.rate(withoutPersonalData, "cmd/s"), Figures.rate(busSequential, "cmd/s") + " with it",
                Figures.ratio(busSequential, withoutPersonalData), "", "");
        run.figures.add("privacy", "seal() of one intake's personal data (key cached)",
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
        int samples = Math.max(20, Math.min(run.queries, run.intake));
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
        run.figures.add("read-your-writes", "intake answered, then its Location (?consistentWith=) followed at once, "
                        + "HTTP, 1 client",
                String.format("p50 %.1f ms, p99 %.1f ms", Figures.percentile(consistent, 50),
                        Figures.percentile(consistent, 99)),
                String.format("p50 %.1f ms, p99 %.1f ms: the same read of a settled case, no position",
                        Figures.percentile(plain, 50), Figures.percentile(plain, 99)),
                "", "p99 ≤ 50 ms", Figures.verdict(Figures.percentile(consistent, 99) <= 50));
    }

    private void receive(CommandGateway commands, int n, boolean personalData) {
        Random rnd = new Random(run.seed + n);
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
}
