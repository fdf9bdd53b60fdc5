package org.relais.core.api.partner;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Lifts a suspension; the reason is optional (null when none is given). */
public record ResumeAgreementCommand(@TargetAggregateIdentifier String partnerId, String reason) {
}
