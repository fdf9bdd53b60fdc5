package org.relais.core.api.referral;

import org.axonframework.serialization.Revision;

/**
 * An internal note was written on the case; {@code text} is sealed ({@link SealedTextFields#NOTE}). Who wrote it and
 * when are in the metadata, as for every event.
 */
@Revision("1")
public record NoteAddedEvent(String referralId, String noteId, String text) {
}
