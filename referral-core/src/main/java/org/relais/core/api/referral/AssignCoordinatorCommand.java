package org.relais.core.api.referral;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Names the coordinator (a user id of the service, not personal data of the case) who follows the case. */
public record AssignCoordinatorCommand(@TargetAggregateIdentifier String referralId, String coordinator) {
}
