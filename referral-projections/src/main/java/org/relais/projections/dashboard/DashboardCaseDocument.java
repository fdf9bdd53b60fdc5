package org.relais.projections.dashboard;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.relais.core.api.ReferralStatus;
import org.relais.core.api.RiskLevel;
import org.relais.core.api.TransferPurpose;
import org.relais.core.api.TransferState;
import org.springframework.data.annotation.Id;

/** What the dashboard must remember of one case to turn its next event into changes of the figures. */
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
    List<Transfer> transfers = new ArrayList<>();

    static class Transfer {
        String transferId;
        String partnerId;
        TransferPurpose purpose;
        TransferState state;
        Instant requestedAt;
    }

    Transfer transfer(String transferId) {
        return transfers.stream().filter(t -> t.transferId.equals(transferId)).findFirst()
                .orElseThrow(() -> new IllegalStateException("event for an unknown transfer"));
    }
}
