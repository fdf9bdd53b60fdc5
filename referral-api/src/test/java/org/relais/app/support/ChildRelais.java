package org.relais.app.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;


/**
 * Relais in a child JVM on a data directory and a port, to be killed with SIGKILL and started again: what a crash
 * does to a real process, which an in-JVM context cannot show.
 */
public final class ChildRelais implements AutoCloseable {

    private final Path dataDir;
    private final int port;
    private final List<String> extraArguments;
    private Process process;
    private int starts;

    public ChildRelais(Path dataDir, List<String> extraArguments) {
        this.dataDir = dataDir;
        this.port = freePort();
        this.extraArguments = List.copyOf(extraArguments);
    }

    public ApiClient client() {
        return new ApiClient(port);
    }

    public int clientPort() {
        return port;
    }

    /** Starts the JVM and waits until it answers health; answers how long that took. */
    public Duration start() {
        long started = System.nanoTime();
        List<String> command = ChildJvm.relais("384m", "--spring.profiles.active=demo", "--relais.data-dir=" + dataDir,
                "--server.port=" + port, "--logging.level.root=WARN");
        command.addAll(extraArguments);
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(dataDir.resolve("child-" + starts++ + ".log").toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ApiClient api = client();
        Process current = process;
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).until(() -> {
            if (!current.isAlive()) {
                throw new IllegalStateException("the child JVM died; see " + dataDir);
            }
            try {
                return api.get("/actuator/health", null).status() == 200;
            } catch (RuntimeException notYetListening) {
                return false;
            }
        });
        return Duration.ofNanos(System.nanoTime() - started);
    }

    /** SIGKILL: no shutdown hook, no flush. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A clean stop, so that the test reads the event store as the application left it. */
    public void stop() {
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                kill();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            kill();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
