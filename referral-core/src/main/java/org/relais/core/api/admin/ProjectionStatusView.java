package org.relais.core.api.admin;

/**
 * One read model: its processor's position in the global event stream against the head ({@code lag} events
 * behind), the generation of collections it serves from, and its last or current rebuild (null if none).
 */
public record ProjectionStatusView(String name,
                                   boolean running,
                                   boolean caughtUp,
                                   long position,
                                   long head,
                                   long lag,
                                   long generation,
                                   RebuildProgressView rebuild) {
}
