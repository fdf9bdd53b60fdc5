package org.relais.app.referral;

import java.time.Instant;

/** What the referral commands answer, once their events are stored: always the referral's new version. */
final class CommandResponses {

    private CommandResponses() {
    }

    record Intake(String referralId, String reference, long version, long position) {
    }

    record ReferralChanged(String referralId, long version, long position) {
    }

    record TransferRequested(String referralId, String transferId, Instant deadline, long version, long position) {
    }

    record TransferChanged(String referralId, String transferId, long version, long position) {
    }
}
