package org.relais.core.api.referral;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Sent by the deadline mechanism when a transfer's acknowledgement deadline may have passed. Safe to send more than
 * once: the referral flags the transfer only if it is still unacknowledged, due, and not flagged yet.
 */
public record MarkTransferOverdueCommand(@TargetAggregateIdentifier String referralId, String transferId) {
}
