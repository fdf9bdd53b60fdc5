package org.relais.app.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One HTTP request through Tomcat and the whole stack, with any headers: {@code HttpCall.post(port, path).as("admin")
 * .json(body).header("Idempotency-Key", "k1").send()}. Demo users have their name as password.
 */
public final class HttpCall {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** Sees every answer of every call, such as the check of answers against the OpenAPI document. */
    public interface Observer {
        void saw(String method, URI uri, Reply reply);
    }

    private static final List<Observer> OBSERVERS = new CopyOnWriteArrayList<>();

    private final String method;
    private final URI uri;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.noBody();

    private HttpCall(String method, int port, String path) {
        this.method = method;
        this.uri = URI.create("http://127.0.0.1:" + port + path);
    }

    /** Lets {@code observer} see every answer until the returned handle is closed. */
    public static AutoCloseable observe(Observer observer) {
        OBSERVERS.add(observer);
        return () -> OBSERVERS.remove(observer);
    }

    public static HttpCall get(int port, String path) {
        return new HttpCall("GET", port, path);
    }

    public static HttpCall post(int port, String path) {
        return new HttpCall("POST", port, path);
    }

    public static HttpCall method(String method, int port, String path) {
        return new HttpCall(method, port, path);
    }

    /** Basic credentials of a demo user (password = name); null stays anonymous. */
    public HttpCall as(String user) {
        if (user != null) {
            headers.put("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)));
        }
        return this;
    }

    public HttpCall bearer(String token) {
        headers.put("Authorization", "Bearer " + token);
        return this;
    }

    public HttpCall header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public HttpCall json(String json) {
        return body("application/json", json);
    }

    public HttpCall body(String contentType, String text) {
        headers.put("Content-Type", contentType);
        body = HttpRequest.BodyPublishers.ofString(text);
        return this;
    }

    public HttpCall body(String contentType, HttpRequest.BodyPublisher publisher) {
        headers.put("Content-Type", contentType);
        body = publisher;
        return this;
    }

    public Reply send() {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).method(method, body);
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            Reply reply = new Reply(response.statusCode(), response.headers().map(), response.body());
            OBSERVERS.forEach(observer -> observer.saw(method, uri, reply));
            return reply;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public record Reply(int status, Map<String, List<String>> headers, String body) {

        public JsonNode json() {
            return JSON.readTree(body);
        }

        public String text(String field) {
            JsonNode value = json().get(field);
            return value == null || value.isNull() ? null : value.asString();
        }

        public Optional<String> header(String name) {
            return headers.entrySet().stream().filter(entry -> entry.getKey().equalsIgnoreCase(name))
                    .flatMap(entry -> entry.getValue().stream()).findFirst();
        }

        public String contentType() {
            return header("Content-Type").orElse("");
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}
