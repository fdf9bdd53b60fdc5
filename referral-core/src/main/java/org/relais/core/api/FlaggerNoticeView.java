package org.relais.core.api;

import java.time.Instant;

/**
 * One content-removal notice as a trusted flagger reports it: when it was sent, acknowledged and decided, what the
 * platform decided, and its statement of reasons (still sealed here).
 */
public record FlaggerNoticeView(String referralId,
                                String transferId,
                                String partnerId,
                                TransferState state,
                                Instant sentAt,
                                Instant deadline,
                                Instant acknowledgedAt,
                                Instant decidedAt,
                                TransferOutcome decision,
                                String sealedStatementOfReasons) {
}
