package org.relais.core.api.query;

import java.time.Instant;
import org.relais.core.api.referral.NoticeOutcome;

/**
 * The hosting service's answer to one notice of a content removal, by the notice's index (never its URL):
 * {@code statementOfReasons} is the reference it gave, null when it gave none.
 */
public record NoticeAnswerView(int noticeIndex, NoticeOutcome outcome, Instant actedAt, String statementOfReasons) {
}
