package org.relais.core.api.referral;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A coordinator writes an internal note on a case: for the coordination only, never shown to partners. */
public record AddNoteCommand(@TargetAggregateIdentifier String referralId, String noteId, String text) {

    @Override
    public String toString() {
        return "AddNoteCommand[referralId=" + referralId + ", noteId=" + noteId + "]";
    }
}
