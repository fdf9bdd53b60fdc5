package org.relais.core.api.partner;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Lets a user account act as the partner's liaison: see its transfers and answer them. */
public record AttachLiaisonCommand(@TargetAggregateIdentifier String partnerId, String username) {
}
