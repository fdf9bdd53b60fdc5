package org.relais.benchmarks;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.time.Duration;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.relais.app.RelaisApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** The application under test: in this JVM (for the command bus and the generator) or as a child JVM. */
final class Apps {

    private static final Pattern CAUGHT_UP = Pattern.compile(
            "Read side caught up with the event store (\\d+) ms after start");
    private static final Pattern CATCHING_UP = Pattern.compile(
            "Read side catching up: read-models (\\d+)/(\\d+) events");

    private Apps() {
    }

    /** Starts Relais in this JVM with the demo profile (which seeds the demo partners through the command bus). */
    static ConfigurableApplicationContext inProcess(Path dataDir) {
        return new SpringApplicationBuilder(RelaisApplication.class).profiles("demo").run(
                "--relais.data-dir=" + dataDir.toAbsolutePath(), checkpointLog(dataDir), "--server.port=0",
                "--logging.level.root=WARN", "--logging.level.org.relais=WARN",
                "--logging.level.org.relais.benchmarks=INFO",
                "--spring.main.banner-mode=off");
    }

    /** The store's own checkpoint log: the shared ./keys would hold the checkpoints of every store generated. */
    private static String checkpointLog(Path dataDir) {
        return "--relais.integrity.checkpoint-log=" + dataDir.toAbsolutePath() + "-checkpoints.log";
    }

    static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /**
     * Options for the child JVMs beyond the heap ({@code relais.benchmark.child-jvm-options}, separated by spaces):
     * none for a measurement; the smoke test, whose figures mean nothing, starts them with the client compiler only.
     */
    private static final List<String> CHILD_JVM_OPTIONS = List.of(
            System.getProperty("relais.benchmark.child-jvm-options", "").trim().split("\\s+")).stream()
            .filter(option -> !option.isEmpty()).toList();

    /** A child JVM running the executable jar exactly as the README starts it, with a heap limit. */
    static final class Child implements AutoCloseable {
        final Process process;
        final Path log;
        final int port;
        final long spawnedAt = System.nanoTime();

        Child(Path jar, Path dataDir, String heap, Path log) throws IOException {
            this.log = log;
            this.port = freePort();
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-Xmx" + heap, "-XX:+ExitOnOutOfMemoryError"));
            command.addAll(CHILD_JVM_OPTIONS);
            command.addAll(List.of("-Daxoniq.update-checker.disabled=true", "-jar", jar.toAbsolutePath().toString(),
                    "--spring.profiles.active=demo", "--relais.data-dir=" + dataDir.toAbsolutePath(),
                    checkpointLog(dataDir),
                    "--server.port=" + port));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().put("AXONIQ_UPDATE_CHECKER_DISABLED", "true");
            this.process = builder.start();
        }

        record CatchUp(boolean ok, long reportedMillis, long wallMillis, String failure) {
        }

        /** Waits for CatchUpMonitor's log line; fails on exit (out of memory exits at once) or timeout. */
        CatchUp awaitCaughtUp(long timeoutSeconds) throws IOException, InterruptedException {
            String text = awaitLog(log -> CAUGHT_UP.matcher(log).find(), timeoutSeconds);
            if (text == null) {
                return new CatchUp(false, -1, -1, "not caught up within " + timeoutSeconds + " s");
            }
            Matcher matcher = CAUGHT_UP.matcher(text);
            if (matcher.find()) {
                return new CatchUp(true, Long.parseLong(matcher.group(1)),
                        (System.nanoTime() - spawnedAt) / 1_000_000, null);
            }
            return new CatchUp(false, -1, -1, text.contains("OutOfMemoryError")
                    ? "out of memory" : "exited with " + process.exitValue());
        }

        /**
         * Waits until CatchUpMonitor's progress line says the read models have handled at least this share of the
         * events; false if the child caught up, exited or timed out first.
         */
        boolean awaitCatchUpShare(double share, long timeoutSeconds) throws IOException, InterruptedException {
            String text = awaitLog(log -> CAUGHT_UP.matcher(log).find() || reached(log, share), timeoutSeconds);
            return text != null && reached(text, share) && !CAUGHT_UP.matcher(text).find();
        }

        private static boolean reached(String log, double share) {
            Matcher progress = CATCHING_UP.matcher(log);
            boolean reached = false;
            while (progress.find()) {
                reached = Long.parseLong(progress.group(1)) >= share * Long.parseLong(progress.group(2));
            }
            return reached;
        }

        /**
         * Reads the child's log until the condition holds or the child exits (answers the log then), or the time is
         * up (answers null). The log is a file the child appends to: it is read again every quarter second.
         */
        private String awaitLog(java.util.function.Predicate<String> condition, long timeoutSeconds)
                throws IOException, InterruptedException {
            try {
                return Polling.until(() -> Files.exists(log) ? Files.readString(log) : "",
                        text -> condition.test(text) || !process.isAlive(), Duration.ofMillis(250),
                        Duration.ofSeconds(timeoutSeconds)).orElse(null);
            } catch (IOException | InterruptedException | RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        /** SIGKILL: no shutdown hook runs, nothing is flushed or closed. */
        void kill() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor(60, TimeUnit.SECONDS);
        }

        /** Heap in use after a full collection, from jcmd (in the same JDK). */
        long heapUsedAfterGcBytes() {
            try {
                String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
                run(jcmd, Long.toString(process.pid()), "GC.run");
                String info = run(jcmd, Long.toString(process.pid()), "GC.heap_info");
                Matcher used = Pattern.compile("used (\\d+)K").matcher(info);
                return used.find() ? Long.parseLong(used.group(1)) * 1024 : -1;
            } catch (IOException | InterruptedException e) {
                return -1;
            }
        }

        private static String run(String... command) throws IOException, InterruptedException {
            Process jcmd = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(jcmd.getInputStream().readAllBytes());
            jcmd.waitFor(60, TimeUnit.SECONDS);
            return out;
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }
}
