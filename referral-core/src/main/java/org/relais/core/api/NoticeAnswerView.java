package org.relais.core.api;

import java.time.Instant;

/**
 * The hosting service's answer to one notice of a content removal, by the notice's index (never its URL):
 * {@code statementOfReasons} is the reference it gave, null when it gave none.
 */
public record NoticeAnswerView(int noticeIndex, NoticeOutcome outcome, Instant actedAt, String statementOfReasons) {
}
