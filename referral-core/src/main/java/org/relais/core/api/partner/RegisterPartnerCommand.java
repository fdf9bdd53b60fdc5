package org.relais.core.api.partner;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.relais.core.api.PartnerKind;

/** An administrator adds an organisation to the partner directory, before any agreement is signed. */
public record RegisterPartnerCommand(@TargetAggregateIdentifier String partnerId, String name, PartnerKind kind) {
}
