package org.relais.core.referral;

import static org.relais.core.referral.Rejections.require;

import java.time.Instant;

import org.relais.core.api.referral.ErasureGround;
import org.relais.core.api.ErrorCode;
import org.relais.core.privacy.RetentionPeriod;

/**
 * A data subject may have their data erased at any time; erasure at retention expiry, which nobody asked for, only
 * once the case has been closed for the whole retention period. The retention job's schedule is a hint read before
 * the command is sent: a case reopened (or reopened and closed again) in between must not lose its data.
 */
final class RetentionPolicy {

    private RetentionPolicy() {
    }

    /**
     * @param closedAt when the case was last closed, null while it is open
     */
    static void check(ErasureGround ground, Instant closedAt, RetentionPeriod retention, Instant now) {
        require(ground != null, ErrorCode.INVALID_INPUT, "An erasure needs its ground.");
        if (ground == ErasureGround.DATA_SUBJECT_REQUEST) {
            return;
        }
        require(closedAt != null && !now.isBefore(closedAt.plus(retention.afterClosure())),
                ErrorCode.RETENTION_NOT_EXPIRED, "The case has not been closed for the whole retention period.");
    }
}
