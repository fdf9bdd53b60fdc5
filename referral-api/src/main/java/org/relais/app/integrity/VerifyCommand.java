package org.relais.app.integrity;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code java -jar referral-api.jar verify --checkpoints=FILE --export=FILE [--public-key=KEY|FILE]}: a third party's
 * check of an exported history, offline and without any secret. The checkpoints are the checkpoint log (one JSON
 * line each) or the document {@code GET /api/audit/checkpoints} answers; the export is
 * {@code GET /api/referrals/{id}/history/export}. The public key (base64 X.509) should come from where Relais'
 * operator publishes it, not from the same hands as the files: without it, the key of the checkpoints document is
 * used and its fingerprint printed, to be compared. Exit status 0 when every event of the export is proven, 1
 * otherwise, 2 when the command itself is wrong.
 */
public final class VerifyCommand {

    public static final String NAME = "verify";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private VerifyCommand() {
    }

    public static int run(String[] args, PrintStream out) {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            int equals = arg.indexOf('=');
            if (!arg.startsWith("--") || equals < 0) {
                return usage(out, "unexpected argument " + arg);
            }
            options.put(arg.substring(2, equals), arg.substring(equals + 1));
        }
        if (!options.containsKey("checkpoints") || !options.containsKey("export")) {
            return usage(out, "--checkpoints and --export are required");
        }
        JsonNode export;
        List<Checkpoint> checkpoints = new ArrayList<>();
        String documentKey;
        try {
            export = JSON.readTree(Files.readString(Path.of(options.get("export")), StandardCharsets.UTF_8));
            documentKey = readCheckpoints(Path.of(options.get("checkpoints")), checkpoints);
        } catch (IOException | JacksonException | IllegalArgumentException e) {
            return usage(out, "cannot read the files: " + e.getClass().getSimpleName());
        }
        PublicKey key;
        boolean keyFromDocument = false;
        try {
            if (options.containsKey("public-key")) {
                String given = options.get("public-key");
                Path file = Path.of(given);
                key = CheckpointSignatures.publicKey(Files.isRegularFile(file) ? Files.readString(file) : given);
            } else if (documentKey != null) {
                key = CheckpointSignatures.publicKey(documentKey);
                keyFromDocument = true;
            } else {
                return usage(out, "no public key: give --public-key, or the checkpoints document that carries it");
            }
        } catch (IOException | IllegalArgumentException e) {
            return usage(out, "the public key is not a base64 X.509 Ed25519 key");
        }
        OfflineVerifier.Verdict verdict = OfflineVerifier.verify(key, checkpoints, export);
        print(out, verdict, key, keyFromDocument);
        return verdict.verified() ? 0 : 1;
    }

    /** Reads either format into {@code checkpoints}; answers the public key a checkpoints document carries. */
    private static String readCheckpoints(Path file, List<Checkpoint> checkpoints) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (text.startsWith("{") && !text.contains("\n")) {
            JsonNode single = JSON.readTree(text);
            if (!single.has("checkpoints")) {
                checkpoints.add(Checkpoint.fromJson(single));
                return null;
            }
        }
        if (text.startsWith("{")) {
            try {
                JsonNode document = JSON.readTree(text);
                if (document.has("checkpoints")) {
                    document.get("checkpoints").forEach(node -> checkpoints.add(Checkpoint.fromJson(node)));
                    return document.path("publicKey").isString() ? document.get("publicKey").asString() : null;
                }
            } catch (JacksonException severalLines) {
                // the checkpoint log: one document per line
            }
        }
        for (String line : text.split("\n")) {
            if (!line.isBlank()) {
                checkpoints.add(Checkpoint.fromJsonLine(line));
            }
        }
        return null;
    }

    private static void print(PrintStream out, OfflineVerifier.Verdict verdict, PublicKey key,
                              boolean keyFromDocument) {
        out.println("Relais history verification");
        out.println("  public key   " + CheckpointSignatures.publicKeyBase64(key) + " (key id "
                + CheckpointSignatures.keyId(key) + ")");
        if (keyFromDocument) {
            out.println("               taken from the checkpoints document: compare it with the key Relais' "
                    + "operator publishes");
        }
        out.println("  checkpoints  " + verdict.checkpoints() + (verdict.latest() == null ? ", none signed by this key"
                : ", latest signed " + verdict.latest().time() + " at " + verdict.latest().entries() + " entries"));
        out.println("  export       " + verdict.events() + " events, " + verdict.proven() + " proven");
        if (verdict.verified()) {
            out.println("VERIFIED: every event of the export is in the signed history, at its place, as stored; each "
                    + "line's identifier, global index, time, type, aggregate, actor and case are the stored "
                    + "event's. The descriptions are Relais' reading of each event and are not part of the proof.");
            return;
        }
        out.println("NOT VERIFIED");
        verdict.problems().forEach(problem -> out.println("  - " + problem));
        verdict.unproven().forEach(problem -> out.println("  - not proven: " + problem));
        if (verdict.events() == 0) {
            out.println("  - the export holds no event");
        }
    }

    private static int usage(PrintStream out, String problem) {
        out.println("relais verify: " + problem);
        out.println("usage: java -jar referral-api.jar verify --checkpoints=FILE --export=FILE "
                + "[--public-key=BASE64|FILE]");
        return 2;
    }
}
