package org.relais.core.api.referral;

import java.time.Duration;
import java.time.Instant;

import org.axonframework.serialization.Revision;

/**
 * A transfer's acknowledgement deadline moved. {@code deadline} is the new deadline, null while the deadline is
 * paused (the partner is suspended); {@code openTimeLeft} is the partner's open time that was left when the deadline
 * was paused or restarted, null when the deadline was computed anew from the request on an amended calendar.
 */
@Revision("1")
public record DeadlineRescheduledEvent(String referralId,
                                       String transferId,
                                       String partnerId,
                                       DeadlineRescheduleReason reason,
                                       Instant deadline,
                                       Duration openTimeLeft) {
}
