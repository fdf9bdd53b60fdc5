package org.relais.core.api.referral;

import java.time.Instant;

import org.axonframework.serialization.Revision;

/**
 * The hosting service's answer to one notice of a content-removal transfer. The notice is named by its index among
 * the content URLs sent, never by its URL. {@code statementOfReasons} is the reference the service gave (not personal
 * data, so not sealed), null when none was provided.
 */
@Revision("1")
public record NoticeOutcomeRecordedEvent(String referralId,
                                         String transferId,
                                         String partnerId,
                                         int noticeIndex,
                                         NoticeOutcome outcome,
                                         Instant actedAt,
                                         String statementOfReasons) {
}
