package org.relais.projections.caselist;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.relais.core.api.referral.AgeBand;
import org.relais.core.api.Category;
import org.relais.core.api.referral.Channel;
import org.relais.core.api.referral.CoordinatorAssignedEvent;
import org.relais.core.api.referral.ReferralClosedEvent;
import org.relais.core.api.referral.ReferralReceivedEvent;
import org.relais.core.api.referral.ReferralReopenedEvent;
import org.relais.core.api.referral.ReferralStatus;
import org.relais.core.api.query.ReferralSummaryView;
import org.relais.core.api.referral.ReferralTriagedEvent;
import org.relais.core.api.referral.ReporterRole;
import org.relais.core.api.referral.RiskLevel;
import org.relais.core.api.referral.TransferAcceptedEvent;
import org.relais.core.api.referral.TransferAcknowledgedEvent;
import org.relais.core.api.referral.TransferAcknowledgementOverdueEvent;
import org.relais.core.api.referral.TransferCancelledEvent;
import org.relais.core.api.referral.TransferCompletedEvent;
import org.relais.core.api.referral.TransferDeclinedEvent;
import org.relais.core.api.referral.TransferRequestedEvent;
import org.relais.core.api.referral.TransferState;
import org.relais.projections.support.ReferralEvents;
import org.springframework.data.annotation.Id;

/**
 * One case in the list, without personal data. {@code riskRank} orders by urgency (0 = immediate danger, 4 = not
 * triaged yet) so that sorting by risk puts immediate danger first; {@code version} is the sequence number of the
 * last event applied. {@code facets} holds every value the list can be filtered by, as {@code name:value} (see
 * {@link Facets}): one multikey index on it, followed by a sort, serves every filter.
 */
class CaseSummaryDocument {

    static final String COLLECTION = "case_list";
    static final int UNTRIAGED_RANK = RiskLevel.values().length;

    @Id
    String id;
    String reference;
    ReferralStatus status;
    RiskLevel riskLevel;
    int riskRank = UNTRIAGED_RANK;
    Channel channel;
    ReporterRole reporterRole;
    AgeBand ageBand;
    boolean minor;
    Set<Category> categories;
    List<String> partnerIds = new ArrayList<>();
    boolean overdue;
    Instant receivedAt;
    Instant updatedAt;
    long version;
    boolean triaged;
    boolean closed;
    List<TransferLine> transfers = new ArrayList<>();
    List<String> facets = new ArrayList<>();
    /** The coordinator who follows the case (its last assignment), null while nobody does. */
    String assignee;

    static class TransferLine {
        String transferId;
        TransferState state;
        boolean overdue;
    }

    static CaseSummaryDocument received(ReferralReceivedEvent event, Instant at, long sequence) {
        CaseSummaryDocument document = new CaseSummaryDocument();
        document.id = event.referralId();
        document.reference = event.reference();
        document.status = ReferralStatus.RECEIVED;
        document.channel = event.channel();
        document.reporterRole = event.reporterRole();
        document.ageBand = event.ageBand();
        document.minor = event.ageBand().isMinor();
        document.categories = EnumSet.noneOf(Category.class);
        document.categories.addAll(event.categories());
        document.receivedAt = at;
        document.updatedAt = at;
        document.version = sequence;
        document.facets = Facets.of(document);
        return document;
    }

    /** Applies a later event; false if it changes nothing the list shows. */
    boolean apply(Object payload, Instant at) {
        if (payload instanceof ReferralTriagedEvent e) {
            triaged = true;
            riskLevel = e.riskLevel();
            riskRank = e.riskLevel().ordinal();
            categories = EnumSet.noneOf(Category.class);
            categories.addAll(e.categories());
            ageBand = e.ageBand();
            minor = e.ageBand().isMinor();
        } else if (payload instanceof TransferRequestedEvent e) {
            TransferLine line = new TransferLine();
            line.transferId = e.transferId();
            line.state = TransferState.REQUESTED;
            transfers.add(line);
            if (!partnerIds.contains(e.partnerId())) {
                partnerIds.add(e.partnerId());
            }
        } else if (payload instanceof TransferAcknowledgedEvent e) {
            move(e.transferId(), TransferState.ACKNOWLEDGED);
        } else if (payload instanceof TransferAcceptedEvent e) {
            move(e.transferId(), TransferState.ACCEPTED);
        } else if (payload instanceof TransferDeclinedEvent e) {
            move(e.transferId(), TransferState.DECLINED);
        } else if (payload instanceof TransferCancelledEvent e) {
            move(e.transferId(), TransferState.CANCELLED);
        } else if (payload instanceof TransferCompletedEvent e) {
            move(e.transferId(), TransferState.COMPLETED);
        } else if (payload instanceof TransferAcknowledgementOverdueEvent e) {
            TransferLine line = line(e.transferId());
            line.overdue = line.state == TransferState.REQUESTED;
        } else if (payload instanceof CoordinatorAssignedEvent e) {
            assignee = e.coordinator();
        } else if (payload instanceof ReferralClosedEvent) {
            closed = true;
        } else if (payload instanceof ReferralReopenedEvent) {
            closed = false;
        } else if (ReferralEvents.referralId(payload) == null) {
            return false;
        }
        status = ReferralEvents.status(closed, triaged, transfers.stream().map(line -> line.state).toList());
        overdue = transfers.stream().anyMatch(line -> line.overdue);
        updatedAt = at;
        facets = Facets.of(this);
        return true;
    }

    private void move(String transferId, TransferState state) {
        TransferLine line = line(transferId);
        line.state = state;
        line.overdue = false;
    }

    private TransferLine line(String transferId) {
        return transfers.stream().filter(line -> line.transferId.equals(transferId)).findFirst()
                .orElseThrow(() -> new IllegalStateException("event for an unknown transfer"));
    }

    ReferralSummaryView toView() {
        return new ReferralSummaryView(id, reference, status, riskLevel, channel, reporterRole, ageBand, minor,
                categories, List.copyOf(partnerIds), overdue, receivedAt, updatedAt, version, assignee);
    }
}
