package org.relais.core.api.partner;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Stops new transfers to a partner until the agreement is resumed; the reason is required for the audit. */
public record SuspendAgreementCommand(@TargetAggregateIdentifier String partnerId, String reason) {
}
