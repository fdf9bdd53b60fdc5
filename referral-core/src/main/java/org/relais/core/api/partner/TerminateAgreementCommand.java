package org.relais.core.api.partner;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Ends the partnership for good; the reason is required for the audit. */
public record TerminateAgreementCommand(@TargetAggregateIdentifier String partnerId, String reason) {
}
