package org.relais.app.integrity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.relais.app.config.OwnerOnly;

/**
 * The checkpoints, one JSON line each, appended to a file outside the event database (by default in the key
 * directory): whoever can rewrite the database cannot rewrite what was signed. Each append is forced to the disk,
 * and made under a file lock so that two processes pointed at one file cannot interleave (and under a monitor per
 * file, since one JVM may run two instances and a JVM holds a file's lock once).
 */
final class CheckpointLog {

    private static final int TAIL = 8192;
    private static final Map<Path, Object> MONITORS = new ConcurrentHashMap<>();

    private final Path file;

    CheckpointLog(Path file) {
        this.file = file.toAbsolutePath().normalize();
    }

    Path path() {
        return file;
    }

    /**
     * Appends what {@code next} makes of the last checkpoint, if anything, holding the file's lock from the reading
     * of the last line to the end of the write.
     */
    Optional<Checkpoint> append(Function<Optional<Checkpoint>, Optional<Checkpoint>> next) {
        synchronized (MONITORS.computeIfAbsent(file, path -> new Object())) {
            return appendLocked(next);
        }
    }

    private Optional<Checkpoint> appendLocked(Function<Optional<Checkpoint>, Optional<Checkpoint>> next) {
        create();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
             FileLock lock = channel.lock()) {
            Optional<Checkpoint> appended = next.apply(lastLine(channel).map(Checkpoint::fromJsonLine));
            if (appended.isPresent()) {
                byte[] line = (appended.get().toJsonLine() + "\n").getBytes(StandardCharsets.UTF_8);
                channel.position(channel.size());
                ByteBuffer buffer = ByteBuffer.wrap(line);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            return appended;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the checkpoint log", e);
        }
    }

    /** Every checkpoint, oldest first; a line that is not a checkpoint fails the reading. */
    List<Checkpoint> readAll() {
        if (!Files.exists(file)) {
            return List.of();
        }
        List<Checkpoint> checkpoints = new ArrayList<>();
        try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
            lines.filter(line -> !line.isBlank()).forEach(line -> checkpoints.add(parse(line, checkpoints.size())));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the checkpoint log", e);
        }
        return checkpoints;
    }

    Optional<Checkpoint> last() {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return lastLine(channel).map(Checkpoint::fromJsonLine);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the checkpoint log", e);
        }
    }

    private static Checkpoint parse(String line, int number) {
        try {
            return Checkpoint.fromJsonLine(line);
        } catch (RuntimeException e) {
            throw new MalformedCheckpointException(number);
        }
    }

    private static Optional<String> lastLine(FileChannel channel) throws IOException {
        long size = channel.size();
        int length = (int) Math.min(size, TAIL);
        ByteBuffer tail = ByteBuffer.allocate(length);
        channel.read(tail, size - length);
        String text = new String(tail.array(), 0, tail.position(), StandardCharsets.UTF_8).stripTrailing();
        if (text.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(text.substring(text.lastIndexOf('\n') + 1));
    }

    private void create() {
        if (Files.exists(file)) {
            return;
        }
        // a new directory is made owner-only; an existing one (the key directory, a volume) is left as it is
        if (!Files.isDirectory(file.getParent())) {
            OwnerOnly.directory(file.getParent());
        }
        OwnerOnly.file(file);
    }

    /** A line of the log that is not a checkpoint: the log was edited. */
    static final class MalformedCheckpointException extends RuntimeException {

        private final int line;

        MalformedCheckpointException(int line) {
            super("line " + (line + 1) + " of the checkpoint log is not a checkpoint");
            this.line = line;
        }

        int line() {
            return line;
        }
    }
}
