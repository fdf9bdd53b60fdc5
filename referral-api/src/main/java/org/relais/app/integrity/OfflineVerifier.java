package org.relais.app.integrity;

import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks an exported history against signed checkpoints with nothing but the public key: each event's stored form
 * gives its digest, its entry follows from the previous hash, the entries after it lead to a checkpoint whose head
 * hash and signature match, and the line's facts (identifier, global index, time, type, aggregate, actor, case) are
 * the stored event's. A hash chain commits its head to everything before it, so an event that leads to a signed
 * head is in the signed history, at that place, with that content.
 */
final class OfflineVerifier {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * @param problems  what does not hold, one line each, without event content
     * @param proven    events of the export that lead to a signed checkpoint
     * @param unproven  events that lead to none (not chained, chained before version 2, or after the last checkpoint)
     */
    record Verdict(int events, int proven, List<String> unproven, List<String> problems, int checkpoints,
                   Checkpoint latest) {

        boolean verified() {
            return problems.isEmpty() && unproven.isEmpty() && events > 0;
        }
    }

    private OfflineVerifier() {
    }

    static Verdict verify(PublicKey key, List<Checkpoint> given, JsonNode export) {
        List<String> problems = new ArrayList<>();
        List<Checkpoint> checkpoints = new ArrayList<>(given);
        List<JsonNode> lines = new ArrayList<>();
        if (export == null || !export.isArray()) {
            problems.add("the export is not a JSON array of history lines");
        } else {
            export.forEach(lines::add);
            for (JsonNode line : lines) {
                JsonNode checkpoint = line.path("proof").path("checkpoint");
                if (checkpoint.isObject()) {
                    checkpoints.add(Checkpoint.fromJson(checkpoint));
                }
            }
        }
        Map<Long, String> signedHeads = signedHeads(key, checkpoints, problems);
        TreeMap<Long, JsonNode> byPosition = new TreeMap<>();
        List<String> unproven = new ArrayList<>();
        for (JsonNode line : lines) {
            String name = name(line);
            JsonNode proof = line.path("proof");
            if (!proof.isObject()) {
                unproven.add(name + ": not chained yet when exported");
            } else if (proof.path("version").asInt() == ChainVersion1.VERSION) {
                unproven.add(name + ": chained before chain version 2 (only Relais can check it)");
            } else if (byPosition.putIfAbsent(proof.path("position").asLong(), line) != null) {
                problems.add(name + ": two lines claim chain position " + proof.path("position").asLong());
            }
        }
        Set<JsonNode> proven = walk(byPosition, signedHeads, problems);
        for (JsonNode line : byPosition.values()) {
            if (!proven.contains(line)) {
                unproven.add(name(line) + ": leads to no signed checkpoint (signed later than the export, or cut)");
            }
        }
        Checkpoint latest = checkpoints.stream().filter(checkpoint -> checkpoint.signedBy(key))
                .max(Comparator.comparingLong(Checkpoint::entries)).orElse(null);
        return new Verdict(lines.size(), proven.size(), unproven, problems,
                (int) checkpoints.stream().map(Checkpoint::signature).distinct().count(), latest);
    }

    /** The head hash signed at each count; a bad signature, or two heads signed for one count, is a problem. */
    private static Map<Long, String> signedHeads(PublicKey key, List<Checkpoint> checkpoints, List<String> problems) {
        Map<Long, String> heads = new HashMap<>();
        for (Checkpoint checkpoint : checkpoints) {
            if (!checkpoint.signedBy(key)) {
                problems.add("the checkpoint of " + checkpoint.time() + " (" + checkpoint.entries()
                        + " entries) is not signed by this public key");
                continue;
            }
            String other = heads.putIfAbsent(checkpoint.entries(), checkpoint.headHash());
            if (other != null && !other.equals(checkpoint.headHash())) {
                problems.add("two different histories were signed at " + checkpoint.entries() + " entries");
            }
        }
        return heads;
    }

    /**
     * Follows the chain from each exported event, through the entries after it, to the checkpoints; answers the
     * lines proven.
     */
    private static Set<JsonNode> walk(TreeMap<Long, JsonNode> byPosition, Map<Long, String> signedHeads,
                                      List<String> problems) {
        Set<JsonNode> proven = new HashSet<>();
        List<JsonNode> pending = new ArrayList<>();
        long position = -2;
        String hash = null;
        for (JsonNode line : byPosition.values()) {
            JsonNode proof = line.path("proof");
            long at = proof.path("position").asLong();
            String previous = text(proof.path("previousHash"));
            if (at == position + 1) {
                if (!Objects.equals(previous, hash)) {
                    problems.add(name(line) + ": its entry does not follow the entry before it");
                }
            } else {
                pending.clear();
            }
            String digest;
            try {
                ChainedEvent event = storedForm(proof.path("event"));
                digest = event.digest();
                checkLine(line, proof, event, problems);
            } catch (RuntimeException malformed) {
                problems.add(name(line) + ": its stored form is malformed");
                position = -2;
                continue;
            }
            try {
                hash = ChainLinks.link(previous, proof.path("globalIndex").asLong(), digest);
            } catch (RuntimeException malformed) {
                problems.add(name(line) + ": its previous hash is malformed");
                position = -2;
                continue;
            }
            position = at;
            if (!hash.equals(text(proof.path("entryHash")))) {
                problems.add(name(line) + ": its stored form does not give its chain entry");
            }
            pending.add(line);
            settle(position, hash, signedHeads, pending, proven, problems);
            for (JsonNode link : proof.path("then")) {
                try {
                    hash = ChainLinks.link(hash, link.path("globalIndex").asLong(),
                            text(link.path("eventDigest")));
                } catch (RuntimeException malformed) {
                    problems.add(name(line) + ": an entry after it is malformed");
                    break;
                }
                position++;
                settle(position, hash, signedHeads, pending, proven, problems);
            }
        }
        return proven;
    }

    /** At a signed count, the hash must be the signed head; the lines walked so far are then proven. */
    private static void settle(long position, String hash, Map<Long, String> signedHeads, List<JsonNode> pending,
                                  Set<JsonNode> proven, List<String> problems) {
        String signed = signedHeads.get(position + 1);
        if (signed == null) {
            return;
        }
        if (!signed.equals(hash)) {
            problems.add("the chain through " + pending.stream().map(OfflineVerifier::name).toList()
                    + " does not reach the head signed at " + (position + 1) + " entries");
        } else {
            proven.addAll(pending);
        }
        pending.clear();
    }

    /** The line's facts must be the stored event's; the description is Relais' reading of it, not proven. */
    private static void checkLine(JsonNode line, JsonNode proof, ChainedEvent event, List<String> problems) {
        List<String> differ = new ArrayList<>();
        if (!event.eventIdentifier().equals(text(line.path("eventId")))) {
            differ.add("eventId");
        }
        if (line.path("globalIndex").asLong(-1) != proof.path("globalIndex").asLong(-2)) {
            differ.add("globalIndex");
        }
        if (instant(line.path("at")) != event.timestamp().toEpochMilli()) {
            differ.add("at");
        }
        String type = event.payloadType();
        if (!type.substring(Math.max(type.lastIndexOf('.'), type.lastIndexOf('$')) + 1)
                .equals(text(line.path("eventType")))) {
            differ.add("eventType");
        }
        if (event.ofAggregate() && (!event.aggregateIdentifier().equals(text(line.path("aggregateId")))
                || !Objects.equals(event.aggregateType(), text(line.path("aggregateType")))
                || event.sequenceNumber() != line.path("sequence").asLong(-1))) {
            differ.add("aggregate");
        }
        JsonNode metaData = JSON.readTree(new String(event.metaData(), StandardCharsets.UTF_8));
        for (String actor : List.of("actorUser", "actorRole", "actorPartner")) {
            if (!Objects.equals(text(metaData.path(actor)), text(line.path(actor)))) {
                differ.add(actor);
            }
        }
        JsonNode referral = JSON.readTree(new String(event.payload(), StandardCharsets.UTF_8)).path("referralId");
        if (referral.isString() && !referral.asString().equals(text(line.path("referralId")))) {
            differ.add("referralId");
        }
        if (!differ.isEmpty()) {
            problems.add(name(line) + ": the line's " + String.join(", ", differ) + " differ from the stored event");
        }
    }

    private static ChainedEvent storedForm(JsonNode event) {
        return new ChainedEvent(event.required("eventIdentifier").asString(), text(event.path("aggregateType")),
                text(event.path("aggregateIdentifier")),
                event.path("sequenceNumber").isNumber() ? event.path("sequenceNumber").asLong() : null,
                Instant.parse(event.required("timestamp").asString()), event.required("payloadType").asString(),
                text(event.path("payloadRevision")),
                Base64.getDecoder().decode(event.required("payload").asString()),
                Base64.getDecoder().decode(event.required("metaData").asString()));
    }

    /** Epoch milliseconds of an instant written as ISO-8601 text or as decimal seconds. */
    private static long instant(JsonNode value) {
        if (value.isNumber()) {
            return value.decimalValue().movePointRight(3).longValue();
        }
        try {
            return Instant.parse(value.asString("")).toEpochMilli();
        } catch (RuntimeException notAnInstant) {
            return Long.MIN_VALUE;
        }
    }

    /** The text of a field, null when it is missing or null. */
    private static String text(JsonNode value) {
        return value == null || value.isMissingNode() || value.isNull() ? null : value.asString();
    }

    private static String name(JsonNode line) {
        return "event at global index " + Objects.requireNonNullElse(text(line.path("globalIndex")), "?");
    }
}
