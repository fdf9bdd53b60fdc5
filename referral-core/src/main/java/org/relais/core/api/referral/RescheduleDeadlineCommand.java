package org.relais.core.api.referral;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Sent by the deadline mechanism when a partner's agreement changed in a way that moves the deadlines of its open
 * transfers. Safe to send more than once and in any order: the referral compares the transfer's deadline with the
 * partner's current status and calendar and records a change only when there is one.
 */
public record RescheduleDeadlineCommand(@TargetAggregateIdentifier String referralId,
                                        String transferId,
                                        DeadlineRescheduleReason reason) {
}
