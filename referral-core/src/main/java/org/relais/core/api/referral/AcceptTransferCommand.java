package org.relais.core.api.referral;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A liaison of the addressed partner takes the case on. */
public record AcceptTransferCommand(@TargetAggregateIdentifier String referralId, String transferId) {
}
