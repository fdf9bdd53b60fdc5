package org.relais.app.integrity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.PublicKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.relais.app.config.OwnerOnly;

/**
 * The part of the chain verification that needs no running application and no secret but the checkpoint key's
 * public half: it reads an event store file directly (a backup being restored). Each entry must follow from the one
 * before; each version 2 entry must keep the digest of the stored event it names; every stored event must be chained
 * or sealed; and every checkpoint signed with the key, up to the chain's length, must name the hash the chain has at
 * its count. What it cannot do without the integrity key (a seal's value, a version 1 entry's hash) the running
 * instance's {@code GET /api/audit/verification} does, against the same checkpoints.
 */
public final class StoredChainCheck {

    private static final DateTimeFormatter SUPERSEDED_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

    private static final String JOIN = "SELECT c.position, c.global_index, c.event_identifier, c.entry_hash, "
            + "c.event_digest, c.chain_version, e.globalIndex AS stored, e.aggregateIdentifier, e.sequenceNumber, "
            + "e.type, e.eventIdentifier, e.payloadType, e.payloadRevision, e.timeStamp, e.payload, e.metaData "
            + "FROM audit_chain c LEFT JOIN DomainEventEntry e ON e.globalIndex = c.global_index ORDER BY c.position";

    /**
     * What the check found.
     *
     * @param problem        what is wrong, in words, without any event content; null when the chain holds
     * @param head           the chain's head in the file
     * @param legacyEntries  version 1 entries, whose hash needs the integrity key (checked at the first start)
     * @param checkpoints    the checkpoints signed with the key that the chain was checked against
     * @param signedBeyond   the entries of the latest checkpoint past the chain's end (0 if none): the history went
     *                       on after this copy was taken, and what came after is not in it
     */
    public record Result(String problem, ChainHead head, long legacyEntries, int checkpoints, long signedBeyond) {

        public boolean holds() {
            return problem == null;
        }
    }

    private StoredChainCheck() {
    }

    /** The public key of the signing key kept in a key directory (the embedded default's). */
    public static PublicKey publicKeyIn(Path keyDirectory) {
        Path file = keyDirectory.resolve(IntegrityConfiguration.SIGNING_KEY_FILE);
        try {
            return SigningKey.fromBase64(Files.readString(file, StandardCharsets.US_ASCII)).publicKey();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the checkpoint signing key " + file, e);
        }
    }

    /**
     * Sets aside the checkpoints signed beyond {@code entries} chain entries (a history given up by a restore with
     * --accept-loss): the log is renamed {@code <log>.<time>.superseded} beside itself, kept as it was, and a log
     * with only the checkpoints up to {@code entries} takes its place (written and forced to the disk under a
     * temporary name first, then renamed). Answers the superseded file.
     */
    public static Path supersedeBeyond(Path checkpointLog, long entries, Instant now) throws IOException {
        List<String> kept = new ArrayList<>();
        for (String line : Files.readAllLines(checkpointLog, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            if (Checkpoint.fromJsonLine(line).entries() <= entries) {
                kept.add(line);
            }
        }
        String name = checkpointLog.getFileName().toString();
        Path replacement = checkpointLog.resolveSibling("." + name + ".restoring");
        Files.deleteIfExists(replacement);
        OwnerOnly.file(replacement);
        try (FileChannel channel = FileChannel.open(replacement, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(kept.stream().map(line -> line + "\n")
                    .collect(Collectors.joining()).getBytes(StandardCharsets.UTF_8));
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
        String stamp = SUPERSEDED_TIME.format(now.atOffset(ZoneOffset.UTC));
        Path superseded = checkpointLog.resolveSibling(name + "." + stamp + ".superseded");
        for (int n = 2; Files.exists(superseded); n++) {
            superseded = checkpointLog.resolveSibling(name + "." + stamp + "-" + n + ".superseded");
        }
        Files.move(checkpointLog, superseded, StandardCopyOption.ATOMIC_MOVE);
        Files.move(replacement, checkpointLog, StandardCopyOption.ATOMIC_MOVE);
        return superseded;
    }

    /** The default place of the checkpoint log in a key directory. */
    public static Path checkpointLogIn(Path keyDirectory) {
        return keyDirectory.resolve(IntegrityConfiguration.CHECKPOINT_LOG_FILE);
    }

    public static Result check(Connection connection, Path checkpointLog, PublicKey key) throws SQLException {
        List<Checkpoint> ours;
        try {
            String keyId = CheckpointSignatures.keyId(key);
            ours = new CheckpointLog(checkpointLog).readAll().stream()
                    .filter(checkpoint -> keyId.equals(checkpoint.keyId())).toList();
        } catch (CheckpointLog.MalformedCheckpointException e) {
            return new Result(e.getMessage(), ChainHead.EMPTY, 0, 0, 0);
        }
        for (Checkpoint checkpoint : ours) {
            if (!checkpoint.signedBy(key)) {
                return new Result("the checkpoint of " + checkpoint.time() + " does not carry the key's signature",
                        ChainHead.EMPTY, 0, ours.size(), 0);
            }
        }
        Map<Long, String> hashAtCount = new HashMap<>();
        for (Checkpoint checkpoint : ours) {
            hashAtCount.put(checkpoint.entries(), null);
        }
        long entries = 0;
        long legacy = 0;
        String headHash = ChainLinks.GENESIS;
        Long lastGlobalIndex = null;
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(JOIN)) {
            while (rows.next()) {
                long position = rows.getLong("position");
                long globalIndex = rows.getLong("global_index");
                String entryHash = rows.getString("entry_hash");
                if (position != entries) {
                    return broken("chain entry " + entries + " is missing", entries, lastGlobalIndex, headHash, ours);
                }
                if (rows.getObject("stored") == null) {
                    return broken("the event of chain entry " + position + " (global index " + globalIndex
                            + ") is missing", entries, lastGlobalIndex, headHash, ours);
                }
                if (!rows.getString("event_identifier").equals(rows.getString("eventIdentifier"))) {
                    return broken("the event at global index " + globalIndex + " is not the one chained", entries,
                            lastGlobalIndex, headHash, ours);
                }
                if (rows.getInt("chain_version") == ChainVersion1.VERSION) {
                    legacy++;
                } else {
                    String digest = rows.getString("event_digest");
                    if (digest == null || !ChainLinks.link(headHash, globalIndex, digest).equals(entryHash)) {
                        return broken("chain entry " + position + " does not follow from the one before", entries,
                                lastGlobalIndex, headHash, ours);
                    }
                    if (!ChainedEvent.ofStoredRow(rows).digest().equals(digest)) {
                        return broken("the event at global index " + globalIndex + " was altered", entries,
                                lastGlobalIndex, headHash, ours);
                    }
                }
                headHash = entryHash;
                lastGlobalIndex = globalIndex;
                entries++;
                if (hashAtCount.containsKey(entries)) {
                    hashAtCount.put(entries, headHash);
                }
            }
        }
        Optional<String> unsealed = firstUnsealed(connection);
        if (unsealed.isPresent()) {
            return broken(unsealed.get(), entries, lastGlobalIndex, headHash, ours);
        }
        long signedBeyond = 0;
        List<Checkpoint> ascending = new ArrayList<>(ours);
        ascending.sort(Comparator.comparingLong(Checkpoint::entries));
        for (Checkpoint checkpoint : ascending) {
            if (checkpoint.entries() > entries) {
                signedBeyond = checkpoint.entries();
            } else if (!checkpoint.agreesWith(entries, hashAtCount.get(checkpoint.entries()))) {
                return broken("the chain's entry " + (checkpoint.entries() - 1) + " is not the one the checkpoint of "
                        + checkpoint.time() + " signed: this is another history", entries, lastGlobalIndex,
                        headHash, ours);
            }
        }
        return new Result(null, new ChainHead(entries, lastGlobalIndex, headHash), legacy, ours.size(),
                signedBeyond);
    }

    /** A stored event without a seal did not come through the application. */
    private static Optional<String> firstUnsealed(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT e.globalIndex FROM DomainEventEntry e "
                + "LEFT JOIN event_seal s ON s.event_identifier = e.eventIdentifier "
                + "WHERE s.event_identifier IS NULL ORDER BY e.globalIndex LIMIT 1");
             ResultSet rows = statement.executeQuery()) {
            return rows.next() ? Optional.of("the event at global index " + rows.getLong(1) + " has no seal")
                    : Optional.empty();
        }
    }

    private static Result broken(String problem, long entries, Long lastGlobalIndex, String headHash,
                                 List<Checkpoint> checkpoints) {
        return new Result(problem, new ChainHead(entries, lastGlobalIndex, headHash), 0, checkpoints.size(), 0);
    }
}
