package org.relais.core.api;

import java.time.Instant;

/** An internal note, {@code sealedText} sealed as {@link SealedTextFields#NOTE}; {@code author} is a staff account. */
public record NoteView(String noteId, String author, Instant writtenAt, String sealedText) {
}
