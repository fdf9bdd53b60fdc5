package org.relais.core.api.admin;

import java.time.Instant;

/**
 * A rebuild of one read model into a fresh generation: {@code state} is REPLAYING, INDEXING (the
 * fresh generation's indexes are built), SWITCHING, DONE or FAILED;
 * {@code percent} is the replay position against the event store's head when it was last measured.
 */
public record RebuildProgressView(String name,
                                  long generation,
                                  String state,
                                  long eventsApplied,
                                  long position,
                                  long head,
                                  double percent,
                                  double eventsPerSecond,
                                  Instant startedAt,
                                  Instant finishedAt,
                                  String failure) {
}
