package org.relais.core.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An administrator adds an organisation to the partner directory, before any agreement is signed. */
public record RegisterPartnerCommand(@TargetAggregateIdentifier String partnerId, String name, PartnerKind kind) {
}
