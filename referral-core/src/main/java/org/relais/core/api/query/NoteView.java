package org.relais.core.api.query;

import java.time.Instant;
import org.relais.core.api.referral.SealedTextFields;

/** An internal note, {@code sealedText} sealed as {@link SealedTextFields#NOTE}; {@code author} is a staff account. */
public record NoteView(String noteId, String author, Instant writtenAt, String sealedText) {
}
