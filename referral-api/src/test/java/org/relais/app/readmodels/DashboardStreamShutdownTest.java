package org.relais.app.readmodels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.relais.app.RelaisApplication;
import org.relais.app.support.HttpCall;
import org.relais.app.support.PersonalData;
import org.relais.app.support.TestDataDirs;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Open dashboards (the API's stream and the page's) do not hold the application's stop: their streams end, normally,
 * when the application closes, rather than being cut when the graceful shutdown gives up on them.
 */
class DashboardStreamShutdownTest {

    private static final String COORDINATOR = "Basic " + Base64.getEncoder()
            .encodeToString("coordinator:coordinator".getBytes(StandardCharsets.UTF_8));

    @Test
    void open_streams_end_normally_when_the_application_closes() throws Exception {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(RelaisApplication.class)
                .profiles("demo", "fast-passwords")
                .run("--relais.data-dir=" + TestDataDirs.create("dashboard-shutdown"), "--server.port=0");
        int port = Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
        HttpClient http = HttpClient.newHttpClient();
        ConcurrentLinkedQueue<String> received = new ConcurrentLinkedQueue<>();
        List<CompletableFuture<Void>> streams = Stream.of("/api/dashboard/stream", "/ui/dashboard/stream")
                .map(path -> open(http, port, path, received)).toList();
        await().atMost(Duration.ofSeconds(30)).until(() -> received.stream().distinct().count() == streams.size());

        CompletableFuture<Void> closing = CompletableFuture.runAsync(context::close);

        for (CompletableFuture<Void> stream : streams) {
            stream.get(2, TimeUnit.MINUTES); // throws if the stream was cut rather than ended
        }
        closing.get(2, TimeUnit.MINUTES);
        assertThat(streams).allMatch(stream -> stream.isDone() && !stream.isCompletedExceptionally());
    }

    /**
     * A dashboard whose browser left (a page closed or navigated away) is found out only when a change is sent to it;
     * that stream must not hold the stop either. The shutdown phase's own timeout is set far beyond the wait here, so
     * only a stream that really ended lets the application close in time.
     */
    @Test
    void a_stream_whose_client_left_does_not_hold_the_stop() throws Exception {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(RelaisApplication.class)
                .profiles("demo", "fast-passwords")
                .run("--relais.data-dir=" + TestDataDirs.create("dashboard-left"), "--server.port=0",
                        "--spring.lifecycle.timeout-per-shutdown-phase=10m");
        int port = Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
        for (String path : List.of("/api/dashboard/stream", "/ui/dashboard/stream")) {
            try (Socket early = new Socket("127.0.0.1", port)) { // leaves before the first figures, abruptly
                early.setSoLinger(true, 0);
                early.getOutputStream().write(streamRequest(path));
            }
            try (Socket socket = new Socket("127.0.0.1", port)) {
                socket.getOutputStream().write(streamRequest(path));
                BufferedReader reader = new BufferedReader(
                        new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
                String line;
                do {
                    line = reader.readLine();
                } while (line != null && !line.startsWith("data:"));
                assertThat(line).as("the stream's first figures on " + path).isNotNull();
            } // the client leaves without a word
        }
        for (int change = 0; change < 3; change++) { // each change is sent to the streams whose client left
            HttpCall.Reply intake = HttpCall.post(port, "/api/referrals").as("coordinator")
                    .json(PersonalData.intake()).send();
            assertThat(intake.status()).as(intake.toString()).isEqualTo(201);
        }

        CompletableFuture.runAsync(context::close).get(2, TimeUnit.MINUTES);
        assertThat(context.isActive()).isFalse();
    }

    /** A request for the stream at {@code path}, as a coordinator, in the raw HTTP a socket sends. */
    private static byte[] streamRequest(String path) {
        return ("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\nAuthorization: "
                + COORDINATOR + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static CompletableFuture<Void> open(HttpClient http, int port, String path,
                                                ConcurrentLinkedQueue<String> received) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Accept", "text/event-stream")
                .header("Authorization", COORDINATOR).GET().build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofLines()).thenAccept(response -> {
            assertThat(response.statusCode()).isEqualTo(200);
            response.body().filter(line -> line.startsWith("data:")).forEach(line -> received.add(path));
        });
    }
}
