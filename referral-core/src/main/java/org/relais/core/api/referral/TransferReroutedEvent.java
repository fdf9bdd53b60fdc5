package org.relais.core.api.referral;

import org.axonframework.serialization.Revision;

/**
 * A declined or cancelled transfer ({@code transferId}) was sent on as {@code reroutedTo}, whose
 * {@link TransferRequestedEvent} comes right after this event. Kept apart from the request, so that the request keeps
 * one shape whichever way a transfer starts, and the link reads the same from both ends.
 */
@Revision("1")
public record TransferReroutedEvent(String referralId, String transferId, String reroutedTo) {
}
