package org.relais.core.api.referral;

import org.axonframework.serialization.Revision;

/** The partner confirmed receipt; {@code wasOverdue} keeps the record of a deadline that had already passed. */
@Revision("1")
public record TransferAcknowledgedEvent(String referralId, String transferId, String partnerId, boolean wasOverdue) {
}
