package org.relais.app.referral;

import java.time.Instant;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.relais.core.api.referral.NoticeOutcome;

/**
 * What the hosting service did with one notice: when (left out: now) and the reference of its statement of reasons
 * (left out: not provided).
 */
record NoticeOutcomeRequest(@NotNull NoticeOutcome outcome,
                            Instant actedAt,
                            @Size(max = 200) String statementOfReasons) {
}
