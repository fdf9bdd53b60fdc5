package org.relais.core.api.referral;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A liaison of the addressed partner confirms the transfer reached them. */
public record AcknowledgeTransferCommand(@TargetAggregateIdentifier String referralId, String transferId) {
}
