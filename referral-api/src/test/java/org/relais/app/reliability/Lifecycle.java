package org.relais.app.reliability;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import org.relais.app.support.HttpCall;
import tools.jackson.databind.JsonNode;

/**
 * One client's life of a case over HTTP: every POST carries an Idempotency-Key and is retried with the same key
 * until it gets an answer, through crashes and restarts. What was acknowledged (2xx) is written down, to be found
 * in the event store afterwards.
 */
final class Lifecycle {

    /** A request that got a 2xx: the event type it must have stored, for which case (and transfer). */
    record Acknowledged(String referralId, String eventType, String transferId) {
    }

    static final String FAST_PARTNER = "reliability-fast-platform";

    private final int port;
    private final Random random;
    private final BooleanSupplier running;
    private final Figures figures;
    private final List<Acknowledged> acknowledged = new ArrayList<>();
    private final List<String> overdueTransfers = new ArrayList<>();

    Lifecycle(int port, long seed, BooleanSupplier running, Figures figures) {
        this.port = port;
        this.random = new Random(seed);
        this.running = running;
        this.figures = figures;
    }

    List<Acknowledged> acknowledged() {
        return acknowledged;
    }

    /** referralId/transferId of transfers left unanswered to a partner with a two-second deadline. */
    List<String> overdueTransfers() {
        return overdueTransfers;
    }

    void runOne() {
        JsonNode created = post("/api/referrals", "coordinator", INTAKE, "ReferralReceivedEvent", null, null);
        if (created == null) {
            return;
        }
        String referralId = created.get("referralId").asString();
        acknowledged.set(acknowledged.size() - 1, new Acknowledged(referralId, "ReferralReceivedEvent", null));
        String base = "/api/referrals/" + referralId;
        if (post(base + "/triage", "coordinator", "{\"riskLevel\": \"HIGH\"}", "ReferralTriagedEvent", referralId, null) == null
                || post(base + "/consent", "coordinator", "{\"givenBy\": \"the victim\"}", "ConsentGivenEvent", referralId, null) == null) {
            return;
        }
        if (random.nextInt(4) == 0) {
            JsonNode late = post(base + "/transfers", "coordinator", transfer(FAST_PARTNER), "TransferRequestedEvent",
                    referralId, "?");
            if (late != null) {
                overdueTransfers.add(referralId + "/" + late.get("transferId").asString());
            }
            return;
        }
        JsonNode transfer = post(base + "/transfers", "coordinator", transfer("demo-platform"), "TransferRequestedEvent",
                referralId, "?");
        if (transfer == null) {
            return;
        }
        String transferId = transfer.get("transferId").asString();
        String path = base + "/transfers/" + transferId;
        if (post(path + "/acknowledgement", "platform", null, "TransferAcknowledgedEvent", referralId, transferId) == null
                || post(path + "/acceptance", "platform", null, "TransferAcceptedEvent", referralId, transferId) == null
                || post(path + "/completion", "platform", "{\"outcome\": \"CONTENT_REMOVED\"}", "TransferCompletedEvent",
                referralId, transferId) == null) {
            return;
        }
        post(base + "/closure", "coordinator", "{\"outcome\": \"RESOLVED\"}", "ReferralClosedEvent", referralId, null);
    }

    /** Sends until a definitive answer; answers the body of a 2xx, or null. */
    private JsonNode post(String path, String user, String body, String eventType, String referralId,
                          String transferId) {
        String key = UUID.randomUUID().toString();
        Instant giveUp = Instant.now().plusSeconds(180);
        boolean retried = false;
        while (Instant.now().isBefore(giveUp)) {
            try {
                HttpCall call = HttpCall.post(port, path).as(user).header("Idempotency-Key", key);
                if (body != null) {
                    call.json(body);
                }
                figures.sent();
                HttpCall.Reply reply = call.send();
                if (reply.status() / 100 == 2) {
                    JsonNode json = reply.json();
                    String transfer = "?".equals(transferId) ? json.get("transferId").asString() : transferId;
                    acknowledged.add(new Acknowledged(referralId, eventType, transfer));
                    figures.acknowledged(retried);
                    return json;
                }
                if (reply.status() >= 500 || reply.status() == 401) {
                    retried = pause();
                    continue;
                }
                figures.refused(reply.status(), reply.text("code"));
                return null;
            } catch (RuntimeException connectionLost) {
                retried = pause();
            }
        }
        figures.gaveUp();
        return null;
    }

    private boolean pause() {
        try {
            Thread.sleep(100 + random.nextInt(200)); // back-off between retries of a client, not a test wait
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return true;
    }

    private static String transfer(String partnerId) {
        return "{\"partnerId\": \"" + partnerId + "\", \"purpose\": \"CONTENT_REMOVAL\", \"legalBasis\": \"CONSENT\", "
                + "\"sharedFields\": [\"contentUrls\"]}";
    }

    private static final String INTAKE = """
            {"channel": "ACCESSIBLE_TRANSCRIPTION", "reporterRole": "VICTIM", "ageBand": "AGE_15_17",
             "categories": ["CYBERHARASSMENT"], "contentUrls": ["https://social.example/p/reliability"],
             "victim": {"name": "Reliability Victim", "contact": "06 11 22 33 44"}, "narrative": "Insults online"}
            """;
}
