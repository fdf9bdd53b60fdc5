package org.relais.app.http.idempotency;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.relais.core.api.CommandResult;
import org.relais.core.api.ErrorCode;
import org.relais.core.api.RuleViolationException;
import org.relais.app.consistency.CommandPositions;
import org.relais.app.consistency.ConsistentReads;
import org.relais.app.messaging.ExpectedVersion;
import org.relais.app.security.Actor;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Sends the command of an HTTP request and waits until its events are stored, honouring two headers:
 * <ul>
 * <li>{@code If-Match: <version>}: the command fails with 409 VERSION_CONFLICT unless the aggregate is at exactly
 * that version (checked by Axon when it loads the aggregate, see {@link ExpectedVersion});</li>
 * <li>{@code Idempotency-Key}: the same user sending the same key with the same request (method, path, If-Match
 * and body bytes, compared by a keyed fingerprint, see {@link RequestFingerprints}) gets the first response again
 * and nothing is appended; another request with
 * that key is 409 IDEMPOTENCY_KEY_REUSED. Only stored commands leave a record: a refused command stored nothing, so
 * its retry is simply decided again.</li>
 * </ul>
 * Every answer, replayed or not, carries the position of the command's last event in the event stream
 * ({@value ConsistentReads#POSITION} header, and the {@code position} member the endpoint puts in its body); the
 * {@code Location} of a creation carries it as {@code consistentWith}, so that following it shows what was created.
 */
@Component
public class IdempotentCommands {

    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    public static final String REPLAYED = "Idempotent-Replayed";
    private static final Pattern KEY_FORMAT = Pattern.compile("[A-Za-z0-9._:~+/=-]{1,128}");
    private static final Pattern VERSION_FORMAT = Pattern.compile("(W/)?\"?([0-9]{1,18})\"?");

    private final CommandGateway commands;
    private final IdempotencyRecords records;
    private final EventStore eventStore;
    private final RequestFingerprints fingerprints;
    private final CommandPositions positions;

    IdempotentCommands(CommandGateway commands, IdempotencyRecords records, EventStore eventStore,
                       RequestFingerprints fingerprints, CommandPositions positions) {
        this.commands = commands;
        this.records = records;
        this.eventStore = eventStore;
        this.fingerprints = fingerprints;
        this.positions = positions;
    }

    /**
     * Sends {@code command} for {@code request} and answers with {@code response}, built from what was stored.
     * {@code versioned} is false for commands that create an aggregate, where If-Match means nothing.
     */
    public <T> ResponseEntity<T> send(HttpServletRequest request, Object command, boolean versioned,
                                      Function<CommandOutcome, ResponseEntity<T>> response) {
        Long expectedVersion = versioned ? expectedVersion(request) : null;
        Optional<String> key = idempotencyKey(request);
        String username = Actor.required().username();
        String requestHash = fingerprints.of(request, expectedVersion);
        if (key.isPresent()) {
            Optional<IdempotencyRecords.KeyRecord> first = records.find(username, key.get());
            if (first.isPresent()) {
                return replay(first.get(), requestHash, request, expectedVersion, response);
            }
        }
        Map<String, Object> metaData = new HashMap<>();
        if (expectedVersion != null) {
            metaData.put(ExpectedVersion.METADATA_KEY, expectedVersion);
        }
        key.ifPresent(value -> {
            metaData.put(IdempotencyInterceptor.KEY, value);
            metaData.put(IdempotencyInterceptor.REQUEST_HASH, requestHash);
        });
        CommandResult result;
        try {
            result = commands.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(metaData));
        } catch (RuntimeException e) {
            // A concurrent request with the same key may have won: its record is the answer to this one too.
            if (key.isPresent()) {
                Optional<IdempotencyRecords.KeyRecord> first = records.find(username, key.get());
                if (first.isPresent()) {
                    return replay(first.get(), requestHash, request, expectedVersion, response);
                }
            }
            throw e;
        }
        CommandOutcome outcome = outcome(result);
        return withPosition(response.apply(outcome), outcome.position()).build();
    }

    private <T> ResponseEntity<T> replay(IdempotencyRecords.KeyRecord first, String requestHash,
                                         HttpServletRequest request, Long expectedVersion,
                                         Function<CommandOutcome, ResponseEntity<T>> response) {
        if (!fingerprints.matches(first.requestHash(), requestHash, request, expectedVersion)) {
            throw RuleViolationException.of(ErrorCode.IDEMPOTENCY_KEY_REUSED,
                    "This idempotency key was already used for another request.");
        }
        CommandOutcome outcome = outcome(first.result());
        return withPosition(response.apply(outcome), outcome.position()).header(REPLAYED, "true").build();
    }

    private static <T> Answer<T> withPosition(ResponseEntity<T> answer, long position) {
        HttpHeaders headers = new HttpHeaders();
        headers.putAll(answer.getHeaders());
        headers.set(ConsistentReads.POSITION, Long.toString(position));
        if (headers.getLocation() != null) {
            headers.setLocation(UriComponentsBuilder.fromUri(headers.getLocation())
                    .replaceQueryParam(ConsistentReads.PARAMETER, position).build().toUri());
        }
        return new Answer<>(answer, headers);
    }

    /** An endpoint's answer whose headers are being completed. */
    private record Answer<T>(ResponseEntity<T> answer, HttpHeaders headers) {

        Answer<T> header(String name, String value) {
            headers.set(name, value);
            return this;
        }

        ResponseEntity<T> build() {
            return ResponseEntity.status(answer.getStatusCode()).headers(headers).body(answer.getBody());
        }
    }

    private CommandOutcome outcome(CommandResult result) {
        return new CommandOutcome(result, positions.of(result), () -> eventStore.readEvents(result.aggregateId(), result.version())
                .asStream()
                .findFirst()
                .map(DomainEventMessage::getPayload)
                .orElseThrow(() -> new IllegalStateException("the stored event is missing")));
    }

    private static Optional<String> idempotencyKey(HttpServletRequest request) {
        String key = request.getHeader(IDEMPOTENCY_KEY);
        if (key == null) {
            return Optional.empty();
        }
        if (!KEY_FORMAT.matcher(key).matches()) {
            throw RuleViolationException.of(ErrorCode.INVALID_INPUT,
                    "An Idempotency-Key is 1 to 128 letters, digits or ._:~+/=- characters.").because("idempotencyKey");
        }
        return Optional.of(key);
    }

    /** {@code If-Match} holds the version an ETag gave: 3, "3" or W/"3"; {@code *} asks for no particular one. */
    private static Long expectedVersion(HttpServletRequest request) {
        String header = request.getHeader("If-Match");
        if (header == null || header.strip().equals("*")) {
            return null;
        }
        var matcher = VERSION_FORMAT.matcher(header.strip());
        if (!matcher.matches()) {
            throw RuleViolationException.of(ErrorCode.INVALID_INPUT, "If-Match holds one version, as the ETag gave it.")
                    .because("ifMatch");
        }
        return Long.parseLong(matcher.group(2));
    }
}
