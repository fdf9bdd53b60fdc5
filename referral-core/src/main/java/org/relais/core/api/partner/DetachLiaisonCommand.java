package org.relais.core.api.partner;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Withdraws a user account's liaison rights for the partner, also after the agreement is terminated. */
public record DetachLiaisonCommand(@TargetAggregateIdentifier String partnerId, String username) {
}
