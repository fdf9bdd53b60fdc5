package org.relais.projections.dashboard;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.relais.core.api.referral.ReferralStatus;
import org.relais.core.api.referral.RiskLevel;
import org.relais.core.api.TransferPurpose;
import org.relais.core.api.referral.TransferState;
import org.springframework.data.annotation.Id;

/**
 * One case as the dashboard counts it: the instants that place it in a period (received, each closure, each transfer's
 * acknowledgement, breach and removal), indexed, so that a period's figures are read from the cases of that period
 * only, each case once whatever the number of its events; and the state that turns its next event into a change of
 * the open-cases snapshot.
 */
class DashboardCaseDocument {

    static final String COLLECTION = "dashboard_cases";

    @Id
    String id;
    long version;
    ReferralStatus status;
    RiskLevel riskLevel;
    boolean triaged;
    boolean closed;
    boolean minor;
    Instant receivedAt;
    String channel;
    List<String> categories = new ArrayList<>();
    /** Every closure, in order: a period counts the case once, by the outcome of its last closure in the period. */
    List<Closure> closures = new ArrayList<>();
    List<Transfer> transfers = new ArrayList<>();

    static class Closure {
        Instant at;
        String outcome;
    }

    static class Transfer {
        String transferId;
        String partnerId;
        TransferPurpose purpose;
        TransferState state;
        Instant requestedAt;
        Instant deadline;
        /** The partner's service hours at request time, kept until the acknowledgement measures open time on them. */
        PartnerHoursDocument.Hours hours;
        Instant acknowledgedAt;
        long acknowledgementMillis;
        /** Null when the hours were unknown or unusable: the transfer is then left out of the open-time figures. */
        Long acknowledgementOpenMillis;
        /** The deadline, once the transfer was marked overdue or acknowledged after it: the breach's instant. */
        Instant breachedAt;
        Instant contentRemovedAt;
        long contentRemovalMillis;
    }

    Transfer transfer(String transferId) {
        return transfers.stream().filter(t -> t.transferId.equals(transferId)).findFirst()
                .orElseThrow(() -> new IllegalStateException("event for an unknown transfer"));
    }
}
