package org.relais.app.privacy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import org.relais.core.privacy.MasterKey;
import org.relais.core.privacy.MasterKeyEpoch;
import org.relais.app.keys.KeyDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The master-key epochs the embedded default generates for itself, in the key directory: one key file per epoch and
 * a ledger ({@value #LEDGER}) of each epoch's id, start, file and, once destroyed, the instant of its destruction.
 * The first epoch's file is {@code master.key}, the one earlier versions generated, so that an upgrade keeps it.
 *
 * <p>A key is destroyed by recording it in the ledger first, then overwriting its file with random bytes and
 * deleting it: a crash in between leaves a key the next start finishes destroying, never a live epoch without its
 * file. A live epoch whose file is missing stops the start: its key must be restored, never silently replaced.
 */
final class MasterKeyLedger {

    static final String LEDGER = "master-keys.ledger";
    private static final String FIRST_FILE = "master.key";
    private static final Logger log = LoggerFactory.getLogger(MasterKeyLedger.class);

    private final KeyDirectory directory;
    private final SecureRandom random = new SecureRandom();
    private final List<Entry> entries;

    private MasterKeyLedger(KeyDirectory directory, List<Entry> entries) {
        this.directory = directory;
        this.entries = entries;
    }

    /** The ledger of {@code directory}; started with the existing or a new {@code master.key} on first use. */
    static MasterKeyLedger open(KeyDirectory directory, String firstId, Instant now) {
        Path ledger = directory.file(LEDGER);
        if (!Files.exists(ledger)) {
            directory.generatedKey(FIRST_FILE, 32);
            MasterKeyLedger created = new MasterKeyLedger(directory, new ArrayList<>(List.of(
                    new Entry(firstId, now, FIRST_FILE, null))));
            created.save();
            return created;
        }
        MasterKeyLedger opened = new MasterKeyLedger(directory, read(ledger));
        opened.finishDestructions();
        return opened;
    }

    /** The epochs whose key still exists, oldest first. */
    synchronized List<MasterKeyEpoch> liveEpochs() {
        return entries.stream().filter(Entry::live).map(this::epoch).toList();
    }

    /** Generates the next epoch's key, starting {@code from}; answers the epoch. */
    synchronized MasterKeyEpoch startNext(Instant from) {
        String id = nextId();
        String file = "master-" + id + ".key";
        byte[] material = new byte[32];
        random.nextBytes(material);
        directory.writeOwnerOnly(file, Base64.getEncoder().encodeToString(material).getBytes(StandardCharsets.US_ASCII));
        entries.add(new Entry(id, from, file, null));
        save();
        log.warn("Started the master-key epoch {} in the key directory; back the key directory up apart from the data",
                id);
        return epoch(entries.get(entries.size() - 1));
    }

    /** Destroys an epoch's key for good: recorded first, then its file overwritten and deleted. */
    synchronized void destroy(String id, Instant at) {
        for (int i = 0; i < entries.size(); i++) {
            Entry entry = entries.get(i);
            if (entry.id().equals(id) && entry.live()) {
                entries.set(i, new Entry(entry.id(), entry.from(), entry.file(), at));
                save();
                shred(directory.file(entry.file()));
                return;
            }
        }
    }

    synchronized Optional<Instant> destroyedAt(String id) {
        return entries.stream().filter(entry -> entry.id().equals(id)).findFirst().map(Entry::destroyedAt);
    }

    private MasterKeyEpoch epoch(Entry entry) {
        Path file = directory.file(entry.file());
        if (!Files.exists(file)) {
            throw new IllegalStateException("the key file of master-key epoch " + entry.id() + " is missing from the "
                    + "key directory: restore it from the key directory's backup");
        }
        try {
            String base64 = Files.readString(file, StandardCharsets.US_ASCII).trim();
            return new MasterKeyEpoch(MasterKey.fromBase64(entry.id(), base64), entry.from());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read a key file", e);
        }
    }

    private void finishDestructions() {
        for (Entry entry : entries) {
            Path file = directory.file(entry.file());
            if (!entry.live() && Files.exists(file)) {
                shred(file);
            }
        }
    }

    private String nextId() {
        int next = entries.size() + 1;
        while (true) {
            String candidate = "k" + next;
            if (entries.stream().noneMatch(entry -> entry.id().equals(candidate))) {
                return candidate;
            }
            next++;
        }
    }

    /**
     * Overwrites the file's bytes in place and forces them to the device before deleting it, so that the key is not
     * left in the freed blocks. On copy-on-write or journaling file systems and SSDs the old blocks may survive
     * anyway; the key directory should not be on storage that keeps snapshots longer than the backup retention.
     */
    private void shred(Path file) {
        try {
            long size = Files.size(file);
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                byte[] noise = new byte[(int) Math.max(size, 64)];
                random.nextBytes(noise);
                channel.write(ByteBuffer.wrap(noise), 0);
                channel.force(true);
            }
            Files.delete(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot destroy a retired master key's file", e);
        }
    }

    private void save() {
        StringBuilder text = new StringBuilder("# Relais master-key epochs: id, start, key file, destroyed at\n");
        for (Entry entry : entries) {
            text.append(entry.id()).append(' ').append(entry.from()).append(' ').append(entry.file());
            if (!entry.live()) {
                text.append(' ').append(entry.destroyedAt());
            }
            text.append('\n');
        }
        directory.writeOwnerOnly(LEDGER, text.toString().getBytes(StandardCharsets.US_ASCII));
    }

    private static List<Entry> read(Path ledger) {
        try {
            List<Entry> entries = new ArrayList<>();
            for (String line : Files.readAllLines(ledger, StandardCharsets.US_ASCII)) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] fields = line.trim().split(" ");
                entries.add(new Entry(fields[0], Instant.parse(fields[1]), fields[2],
                        fields.length > 3 ? Instant.parse(fields[3]) : null));
            }
            if (entries.stream().noneMatch(Entry::live)) {
                throw new IllegalStateException("the master-key ledger holds no live key");
            }
            return entries;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the master-key ledger", e);
        }
    }

    private record Entry(String id, Instant from, String file, Instant destroyedAt) {

        boolean live() {
            return destroyedAt == null;
        }
    }
}
