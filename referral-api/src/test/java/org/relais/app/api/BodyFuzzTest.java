package org.relais.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.relais.app.support.HttpCall;
import org.relais.app.support.LogCapture;
import org.relais.app.support.PersonalData;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Property: whatever intake or transfer body a client sends, the answer is never a 5xx; a refused request stores
 * no event and is a problem document that repeats none of the personal data sent; an accepted one stores exactly
 * one. Bodies are generated from valid ones by random structural and byte-level mutations (seeded, so a failure
 * replays with {@code -Drelais.fuzz.seed=...}).
 */
@ExtendWith(LogCapture.class)
class BodyFuzzTest extends ApiTestBase {

    static final int INTAKES = 700;
    static final int TRANSFERS = 500;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String[] WORDS = {"CHAT", "PHONE", "FAX", "chat", "", " ", "VICTIM", "AGE_11_14", "ADULT",
            "CYBERHARASSMENT", "OTHER", "SPAM", "CONSENT", "MANDATORY_REPORT", "CONTENT_REMOVAL", "INVESTIGATION",
            "contentUrls", "victim.name", "narrative", "demo-platform", "demo-police-minors", "no-such-partner",
            "https://social.example/p/1", "javascript:alert(1)", "\u0000", "\r\n", "é😀", "null", "../..",
            "'; DROP TABLE DomainEventEntry; --", "${jndi:ldap://x}", PersonalData.FUZZ_MARKER};

    @Test
    void intake_and_transfer_bodies_never_cause_a_5xx_nor_store_a_refused_request() {
        long seed = Long.getLong("relais.fuzz.seed", 20_261_129L);
        Random random = new Random(seed);
        List<String> failures = new ArrayList<>();
        int accepted = 0;
        for (int i = 0; i < INTAKES; i++) {
            accepted += check("/api/referrals", mutate(intake(), random), failures, seed, i);
        }
        String referralId = fixtures().withConsent();
        for (int i = 0; i < TRANSFERS; i++) {
            accepted += check("/api/referrals/" + referralId + "/transfers", mutate(transfer(random), random), failures,
                    seed, INTAKES + i);
        }
        assertThat(failures).isEmpty();
        // the generator keeps enough valid bodies for the property to say something about acceptance too
        assertThat(accepted).isGreaterThan(20).isLessThan(INTAKES + TRANSFERS - 200);
    }

    private int check(String path, String body, List<String> failures, long seed, int index) {
        long before = events();
        HttpCall.Reply reply = post(path).as("coordinator").json(body).send();
        long stored = events() - before;
        String where = "seed " + seed + " #" + index + " " + path + ": ";
        if (reply.status() >= 500) {
            failures.add(where + reply);
        } else if (reply.status() >= 400) {
            if (stored != 0) {
                failures.add(where + "refused (" + reply.status() + ") but stored " + stored + " events");
            }
            if (!reply.contentType().startsWith("application/problem+json") || reply.text("code") == null) {
                failures.add(where + "not a problem document: " + reply);
            }
            if (reply.body().contains("Fuzzmarkerine")) {
                failures.add(where + "echoes personal data: " + reply);
            }
        } else if (stored != 1) {
            failures.add(where + "accepted (" + reply.status() + ") but stored " + stored + " events");
        }
        return reply.status() < 400 ? 1 : 0;
    }

    private static ObjectNode intake() {
        ObjectNode body = (ObjectNode) JSON.readTree(PersonalData.intake());
        ((ObjectNode) body.get("victim")).put("name", PersonalData.FUZZ_MARKER);
        return body;
    }

    private static ObjectNode transfer(Random random) {
        ObjectNode body = (ObjectNode) JSON.readTree(Fixtures.PLATFORM_TRANSFER);
        // vary the purpose so that not every valid transfer collides with the open one
        body.put("purpose", pick(random, "CONTENT_REMOVAL", "PSYCHOLOGICAL_SUPPORT", "INVESTIGATION", "LEGAL_ADVICE"));
        body.put("partnerId", pick(random, "demo-platform", "demo-helpline", "demo-police-minors", "demo-platform"));
        body.put("message", PersonalData.FUZZ_MARKER);
        return body;
    }

    private static String mutate(ObjectNode body, Random random) {
        int mutations = random.nextInt(4); // a quarter of the bodies stay valid (before byte-level damage)
        for (int i = 0; i < mutations; i++) {
            mutateTree(body, random);
        }
        String text = JSON.writeValueAsString(body);
        if (random.nextInt(8) == 0) {
            text = damage(text, random);
        }
        return text;
    }

    private static void mutateTree(JsonNode node, Random random) {
        List<ObjectNode> objects = new ArrayList<>();
        collect(node, objects);
        ObjectNode target = objects.get(random.nextInt(objects.size()));
        List<String> names = new ArrayList<>(target.propertyNames());
        String name = names.isEmpty() ? "x" : names.get(random.nextInt(names.size()));
        switch (random.nextInt(6)) {
            case 0 -> target.remove(name);
            case 1 -> target.set(name, randomValue(random, 0));
            case 2 -> target.put(name, pick(random, WORDS));
            case 3 -> target.set("unexpected" + random.nextInt(3), randomValue(random, 0));
            case 4 -> {
                if (target.get(name) instanceof ArrayNode array) {
                    array.add(randomValue(random, 1));
                } else {
                    target.putNull(name);
                }
            }
            default -> target.put(name, randomText(random));
        }
    }

    private static void collect(JsonNode node, List<ObjectNode> objects) {
        if (node instanceof ObjectNode object) {
            objects.add(object);
            object.values().forEach(child -> collect(child, objects));
        }
    }

    private static JsonNode randomValue(Random random, int depth) {
        return switch (random.nextInt(depth > 2 ? 5 : 8)) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.booleanNode(random.nextBoolean());
            case 2 -> NODES.numberNode(random.nextInt(3) == 0 ? random.nextDouble() * 1e300 : random.nextLong());
            case 3 -> NODES.stringNode(randomText(random));
            case 4 -> NODES.stringNode(pick(random, WORDS));
            case 5 -> {
                ArrayNode array = NODES.arrayNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    array.add(randomValue(random, depth + 1));
                }
                yield array;
            }
            case 6 -> NODES.stringNode("y".repeat(random.nextInt(3) == 0 ? 70_000 : random.nextInt(3_000)));
            default -> {
                ObjectNode object = NODES.objectNode();
                object.set(pick(random, "name", "contact", "a", ""), randomValue(random, depth + 1));
                yield object;
            }
        };
    }

    private static String randomText(Random random) {
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(40); i > 0; i--) {
            text.appendCodePoint(switch (random.nextInt(4)) {
                case 0 -> random.nextInt(32);
                case 1 -> 0x1F600 + random.nextInt(50);
                case 2 -> 0xE9;
                default -> 'a' + random.nextInt(26);
            });
        }
        return text.toString();
    }

    private static String damage(String text, Random random) {
        int at = random.nextInt(text.length() + 1);
        return switch (random.nextInt(4)) {
            case 0 -> text.substring(0, at);
            case 1 -> text.substring(0, at) + pick(random, "{", "}", "\"", ",", "\\", "\u0000", "]]") + text.substring(at);
            case 2 -> text.substring(at) + text.substring(0, at);
            default -> text.replace(':', random.nextBoolean() ? '=' : ';');
        };
    }

    private static String pick(Random random, String... values) {
        return values[random.nextInt(values.length)];
    }
}
