package org.relais.app.upgrade;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.flywaydb.core.api.MigrationVersion;

/**
 * What a data directory holds, or what a version of Relais knows how to read: the schema version (the latest Flyway
 * migration), the revision of every event type (by simple class name, so that moving an event to another package
 * changes nothing), the read side's shape ({@link org.relais.projections.support.ReadSideShape}) and the version of
 * Relais.
 *
 * @param schemaVersion      the latest migration, {@code "0"} when none
 * @param eventRevisions     the highest revision of each event type
 * @param readSideShape      the shape of the read side's documents
 * @param applicationVersion the version of Relais, {@code "development"} when run from its classes
 */
public record DataFormat(String schemaVersion, SortedMap<String, Integer> eventRevisions, int readSideShape,
                         String applicationVersion) {

    private static final Pattern RELEASE = Pattern.compile("^(\\d+(?:\\.\\d+)*)");

    public DataFormat {
        eventRevisions = new TreeMap<>(eventRevisions);
    }

    /**
     * What in this (recorded) format is newer than what {@code code} knows, one line each; empty when the code can
     * read it. An event type the code does not know at all counts as newer: a newer version wrote events this one
     * cannot read.
     */
    public List<String> newerThan(DataFormat code) {
        List<String> newer = new ArrayList<>();
        if (MigrationVersion.fromVersion(schemaVersion).compareTo(MigrationVersion.fromVersion(code.schemaVersion))
                > 0) {
            newer.add("schema version " + schemaVersion + " (this version knows up to " + code.schemaVersion + ")");
        }
        for (Map.Entry<String, Integer> event : eventRevisions.entrySet()) {
            Integer known = code.eventRevisions.get(event.getKey());
            if (known == null) {
                newer.add("event type " + event.getKey() + " (unknown to this version)");
            } else if (event.getValue() > known) {
                newer.add("event " + event.getKey() + " revision " + event.getValue() + " (this version knows up to "
                        + known + ")");
            }
        }
        if (readSideShape > code.readSideShape) {
            newer.add("read side shape " + readSideShape + " (this version knows up to " + code.readSideShape + ")");
        }
        if (compareReleases(applicationVersion, code.applicationVersion) > 0) {
            newer.add("application version " + applicationVersion);
        }
        return newer;
    }

    /**
     * Compares the numeric part of two versions ({@code 0.2.0-SNAPSHOT} is 0.2.0); 0 when either has none (a
     * development build), so that only the formats decide then.
     */
    static int compareReleases(String a, String b) {
        int[] left = release(a);
        int[] right = release(b);
        if (left == null || right == null) {
            return 0;
        }
        for (int i = 0; i < Math.max(left.length, right.length); i++) {
            int x = i < left.length ? left[i] : 0;
            int y = i < right.length ? right[i] : 0;
            if (x != y) {
                return Integer.compare(x, y);
            }
        }
        return 0;
    }

    private static int[] release(String version) {
        if (version == null) {
            return null;
        }
        Matcher matcher = RELEASE.matcher(version.trim());
        if (!matcher.find()) {
            return null;
        }
        String[] parts = matcher.group(1).split("\\.");
        int[] numbers = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                numbers[i] = Integer.parseInt(parts[i]);
            } catch (NumberFormatException tooLong) {
                return null;
            }
        }
        return numbers;
    }
}
