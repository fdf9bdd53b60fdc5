package org.relais.core.referral;

import static org.relais.core.referral.Rejections.require;

import java.time.Instant;
import java.util.Set;

import org.relais.core.api.ErrorCode;
import org.relais.core.api.referral.RecordNoticeOutcomeCommand;
import org.relais.core.api.TransferPurpose;
import org.relais.core.api.referral.TransferState;

/**
 * A hosting service answers each notice of a content removal on its own, once, after the partner took the transfer
 * on: while it is ACCEPTED, and after its completion too (a platform may decide on a URL later than on the others).
 * The time of action cannot precede the notice or lie in the future, so that times to action are never negative. A
 * statement of reasons is a reference (DSA transparency database id or the platform's own), a single short line.
 */
final class NoticeOutcomePolicy {

    static final int MAX_REFERENCE_LENGTH = 200;

    private NoticeOutcomePolicy() {
    }

    static void check(RecordNoticeOutcomeCommand command, TransferPurpose purpose, TransferState state,
                      int noticeCount, Set<Integer> answered, Instant sentAt, Instant actedAt, Instant now) {
        require(command.noticeIndex() != null && command.outcome() != null, ErrorCode.INVALID_INPUT,
                "A notice's outcome names the notice and the outcome.");
        require(purpose == TransferPurpose.CONTENT_REMOVAL, ErrorCode.OUTCOME_NOT_ALLOWED_FOR_PURPOSE,
                "Only a content removal has notices.");
        require(state == TransferState.ACCEPTED || state == TransferState.COMPLETED, ErrorCode.TRANSFER_STATE_INVALID,
                "A notice's outcome is recorded once the transfer is accepted.");
        require(command.noticeIndex() >= 0 && command.noticeIndex() < noticeCount, ErrorCode.NOTICE_NOT_FOUND,
                "No notice with this index on this transfer.");
        require(!answered.contains(command.noticeIndex()), ErrorCode.NOTICE_OUTCOME_ALREADY_RECORDED,
                "This notice's outcome was already recorded.");
        require(!actedAt.isAfter(now), ErrorCode.INVALID_INPUT, "The time of action cannot lie in the future.");
        require(!actedAt.isBefore(sentAt), ErrorCode.NOTICE_ACTED_BEFORE_SENT,
                "The time of action cannot precede the notice.");
        String reference = command.statementOfReasons();
        require(reference == null || (reference.strip().length() <= MAX_REFERENCE_LENGTH
                        && reference.chars().noneMatch(Character::isISOControl)), ErrorCode.INVALID_INPUT,
                "A statement of reasons is given by its reference, one line of at most 200 characters.");
    }
}
