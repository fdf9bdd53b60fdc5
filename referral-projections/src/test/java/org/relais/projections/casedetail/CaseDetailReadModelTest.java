package org.relais.projections.casedetail;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.relais.core.api.referral.AgeBand;
import org.relais.core.api.Category;
import org.relais.core.api.referral.Channel;
import org.relais.core.api.referral.ClosureOutcome;
import org.relais.core.api.referral.ConsentGivenEvent;
import org.relais.core.api.referral.CoordinatorAssignedEvent;
import org.relais.core.api.query.FindReferralAsOfQuery;
import org.relais.core.api.query.FindReferralQuery;
import org.relais.core.api.referral.HostingService;
import org.relais.core.api.referral.LegalBasis;
import org.relais.core.api.PartnerKind;
import org.relais.core.api.referral.ReferralClosedEvent;
import org.relais.core.api.query.ReferralDetailView;
import org.relais.core.api.referral.ReferralReceivedEvent;
import org.relais.core.api.referral.ReferralStatus;
import org.relais.core.api.referral.ReferralTriagedEvent;
import org.relais.core.api.referral.ReporterRole;
import org.relais.core.api.referral.RiskLevel;
import org.relais.core.api.referral.SealedPersonalDetails;
import org.relais.core.api.ShareableField;
import org.relais.core.api.referral.TransferAcceptedEvent;
import org.relais.core.api.referral.TransferAcknowledgedEvent;
import org.relais.core.api.referral.TransferAcknowledgementOverdueEvent;
import org.relais.core.api.referral.TransferCancelledEvent;
import org.relais.core.api.referral.TransferCompletedEvent;
import org.relais.core.api.referral.TransferOutcome;
import org.relais.core.api.TransferPurpose;
import org.relais.core.api.referral.TransferRequestedEvent;
import org.relais.core.api.referral.TransferState;
import org.relais.core.api.query.TransferView;
import org.relais.projections.testing.History;
import org.relais.projections.testing.ReadSide;

/**
 * The case detail fed with a case's events over the embedded read side, read through its query handlers: the
 * current case, and the case as of an instant replayed from the event store.
 */
class CaseDetailReadModelTest {

    private static final Instant START = Instant.parse("2026-03-02T10:00:00Z");
    private static final Set<Category> TRIAGED = EnumSet.of(Category.CYBERHARASSMENT, Category.HATE_SPEECH);

    private final ReadSide readSide = ReadSide.embedded();
    private final History history = new History(readSide.generations(), START);
    private final CaseDetailProjection caseDetail = readSide.started(
            new CaseDetailProjection(readSide.context(), history.eventStore()));

    @AfterEach
    void close() {
        readSide.close();
    }

    @Test
    void the_detail_follows_transfers_consent_assignment_overdue_and_closure() {
        history.feeding(caseDetail);
        String id = UUID.randomUUID().toString();
        history.referral(id, new ReferralReceivedEvent(id, "R-2026-000001", Channel.CHAT, ReporterRole.VICTIM,
                AgeBand.AGE_15_17, Set.of(Category.CYBERHARASSMENT), new SealedPersonalDetails(id, "v1:name",
                "v1:phone", null, null, "v1:narrative", List.of("v1:url"))), History.COORDINATOR);
        history.referral(id, new ReferralTriagedEvent(id, RiskLevel.HIGH, TRIAGED, AgeBand.AGE_11_14),
                History.COORDINATOR);
        history.referral(id, new CoordinatorAssignedEvent(id, "coordinator"), History.COORDINATOR);
        history.referral(id, new ConsentGivenEvent(id, "v1:parent"), History.COORDINATOR);
        Instant deadline = history.now().plus(Duration.ofDays(1));
        history.referral(id, new TransferRequestedEvent(id, "t-police", "demo-police-minors", PartnerKind.POLICE,
                TransferPurpose.INVESTIGATION, LegalBasis.CONSENT, Set.of(ShareableField.VICTIM_NAME),
                "v2:please-call", deadline, Duration.ofDays(1), null, null), History.COORDINATOR);
        history.referral(id, new TransferRequestedEvent(id, "t-helpline", "demo-helpline",
                PartnerKind.VICTIM_SUPPORT_ASSOCIATION, TransferPurpose.CONTENT_REMOVAL, LegalBasis.CONSENT,
                Set.of(ShareableField.CONTENT_URLS), null, deadline, Duration.ofDays(1),
                new HostingService("Social Example", null), 1), History.COORDINATOR);
        Instant beforeOverdue = history.now();
        history.advance(Duration.ofDays(2));
        long flagged = history.referral(id, new TransferAcknowledgementOverdueEvent(id, "t-police",
                "demo-police-minors", deadline), History.SYSTEM);
        history.project();
        ReferralDetailView overdue = detail(id);
        assertThat(overdue.version()).isEqualTo(flagged);
        assertThat(transfer(overdue, "t-police").overdue()).isTrue();
        assertThat(overdue.status()).isEqualTo(ReferralStatus.IN_PROGRESS);

        var police = History.liaison("police", "demo-police-minors");
        history.referral(id, new TransferAcknowledgedEvent(id, "t-police", "demo-police-minors", true), police);
        history.referral(id, new TransferAcceptedEvent(id, "t-police", "demo-police-minors"), police);
        history.referral(id, new TransferCompletedEvent(id, "t-police", "demo-police-minors",
                TransferOutcome.INVESTIGATION_OPENED, null, "v2:case-42"), police);
        history.referral(id, new TransferCancelledEvent(id, "t-helpline", "demo-helpline", "v2:gone"),
                History.COORDINATOR);
        long closed = history.referral(id, new ReferralClosedEvent(id, ClosureOutcome.REFERRED, null),
                History.COORDINATOR);
        history.project();

        ReferralDetailView view = detail(id);
        assertThat(view.version()).isEqualTo(closed);
        assertThat(view.status()).isEqualTo(ReferralStatus.CLOSED);
        assertThat(view.closureOutcome()).isEqualTo(ClosureOutcome.REFERRED);
        assertThat(view.riskLevel()).isEqualTo(RiskLevel.HIGH);
        assertThat(view.ageBand()).isEqualTo(AgeBand.AGE_11_14);
        assertThat(view.categories()).containsExactlyInAnyOrder(Category.CYBERHARASSMENT, Category.HATE_SPEECH);
        assertThat(view.consentGiven()).isTrue();
        assertThat(view.assignedCoordinator()).isEqualTo("coordinator");
        assertThat(view.receivedBy()).isEqualTo("coordinator");
        assertThat(view.personalData().victimName()).startsWith("v1:");
        TransferView completed = transfer(view, "t-police");
        assertThat(completed.state()).isEqualTo(TransferState.COMPLETED);
        assertThat(completed.overdue()).isFalse();
        assertThat(completed.wasOverdue()).isTrue();
        assertThat(completed.outcome()).isEqualTo(TransferOutcome.INVESTIGATION_OPENED);
        assertThat(completed.sealedNote()).startsWith("v2:");
        assertThat(completed.sealedMessage()).startsWith("v2:");
        assertThat(completed.acknowledgedAt()).isNotNull();
        assertThat(completed.acceptedAt()).isNotNull();
        assertThat(completed.endedAt()).isNotNull();
        assertThat(completed.deadline()).isAfter(completed.requestedAt());
        assertThat(completed.sharedFields()).containsExactly(ShareableField.VICTIM_NAME);
        TransferView helpline = transfer(view, "t-helpline");
        assertThat(helpline.state()).isEqualTo(TransferState.CANCELLED);
        assertThat(helpline.sealedReason()).startsWith("v2:");

        ReferralDetailView asOf = caseDetail.handle(new FindReferralAsOfQuery(id, beforeOverdue)).orElseThrow();
        assertThat(asOf.version()).isEqualTo(5);
        assertThat(asOf.status()).isEqualTo(ReferralStatus.IN_PROGRESS);
        assertThat(transfer(asOf, "t-police").overdue()).isFalse();
    }

    @Test
    void every_event_delivered_again_alone_or_in_a_batch_changes_nothing() {
        history.feeding(caseDetail);
        String id = UUID.randomUUID().toString();
        history.referral(id, new ReferralReceivedEvent(id, "R-2026-000002", Channel.PHONE, ReporterRole.VICTIM,
                AgeBand.ADULT, Set.of(Category.CYBERHARASSMENT), new SealedPersonalDetails(id, "v1:name", null,
                null, null, null, List.of())), History.COORDINATOR);
        history.referral(id, new ReferralTriagedEvent(id, RiskLevel.LOW, TRIAGED, AgeBand.ADULT),
                History.COORDINATOR);
        history.referral(id, new ReferralClosedEvent(id, ClosureOutcome.RESOLVED, null), History.COORDINATOR);
        history.project();
        ReferralDetailView once = detail(id);

        var active = readSide.generations().active(caseDetail.name());
        caseDetail.apply(history.all(), active);
        history.all().forEach(event -> caseDetail.apply(List.of(event), active));

        assertThat(detail(id)).isEqualTo(once);
    }

    private ReferralDetailView detail(String id) {
        return caseDetail.handle(new FindReferralQuery(id)).orElseThrow();
    }

    private static TransferView transfer(ReferralDetailView view, String transferId) {
        return view.transfers().stream().filter(t -> t.transferId().equals(transferId)).findFirst().orElseThrow();
    }
}
