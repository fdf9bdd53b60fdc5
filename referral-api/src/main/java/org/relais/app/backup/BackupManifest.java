package org.relais.app.backup;

import java.util.Map;

/**
 * What a backup holds, written beside it as {@value #FILE}: enough to check a copy before restoring it (sizes and
 * SHA-256 of its files, rows per table, the audit chain's head) and to know where it stands in the history.
 *
 * @param format             this document's shape ({@value #FORMAT})
 * @param name               the backup's directory name
 * @param time               when the copy was taken (ISO-8601, UTC)
 * @param applicationVersion the version of Relais that took it
 * @param lastGlobalIndex    the highest global index of the events in the copy (null when it holds none)
 * @param chain              the audit chain's head in the copy
 * @param checkpoint         the signed checkpoint that covers the copy (signed just before it was taken; null when
 *                           none was signed, as with the jar's command or an empty chain)
 * @param tables             rows per table of the copy
 * @param files              each file of the backup but this manifest
 */
public record BackupManifest(int format, String name, String time, String applicationVersion, Long lastGlobalIndex,
                             Chain chain, SignedCheckpoint checkpoint, Map<String, Long> tables,
                             Map<String, BackupFile> files) {

    public static final String FILE = "manifest.json";
    public static final int FORMAT = 1;

    /** The audit chain's head: entries, the global index of the last one chained, the last entry's hash. */
    public record Chain(long entries, Long lastGlobalIndex, String headHash) {
    }

    /** A checkpoint of the chain, as the checkpoint log keeps it (the log itself stays in the key directory). */
    public record SignedCheckpoint(long entries, String headHash, String time, String keyId) {
    }

    /** One file's size in bytes and SHA-256 (hex). */
    public record BackupFile(long size, String sha256) {
    }
}
