package org.relais.core.api.referral;

import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A liaison of the addressed partner reports what the hosting service did with one notice of a content-removal
 * transfer: notice {@code noticeIndex} is the content URL at that position (from 0) when the transfer was requested,
 * so the URL itself never travels. {@code actedAt} is when the service acted (null: now);
 * {@code statementOfReasons} is the reference of the service's statement of reasons (an identifier, not a text),
 * null when it gave none.
 */
public record RecordNoticeOutcomeCommand(@TargetAggregateIdentifier String referralId,
                                         String transferId,
                                         Integer noticeIndex,
                                         NoticeOutcome outcome,
                                         Instant actedAt,
                                         String statementOfReasons) {
}
