package org.relais.core.api.referral;

import java.time.Instant;

import org.axonframework.serialization.Revision;

/** The partner let the acknowledgement deadline pass: the coordinators are to be told. */
@Revision("1")
public record TransferAcknowledgementOverdueEvent(String referralId, String transferId, String partnerId,
                                                  Instant deadline) {
}
