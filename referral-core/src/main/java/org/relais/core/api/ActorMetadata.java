package org.relais.core.api;

/**
 * Metadata keys that every command and event carries: who acted and in which capacity, and the correlation id of
 * the request. They are set by a dispatch interceptor at the edge and copied onto events by correlation data
 * providers, never copied into payloads.
 */
public final class ActorMetadata {

    public static final String USER = "actorUser";
    public static final String ROLE = "actorRole";
    public static final String PARTNER = "actorPartner";
    public static final String CORRELATION_ID = "correlationId";

    private ActorMetadata() {
    }
}
