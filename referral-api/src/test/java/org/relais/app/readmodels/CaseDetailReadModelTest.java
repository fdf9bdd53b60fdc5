package org.relais.app.readmodels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;
import org.relais.core.api.referral.AcceptTransferCommand;
import org.relais.core.api.referral.AcknowledgeTransferCommand;
import org.relais.core.api.referral.AgeBand;
import org.relais.core.api.referral.AssignCoordinatorCommand;
import org.relais.core.api.referral.CancelTransferCommand;
import org.relais.core.api.Category;
import org.relais.core.api.referral.Channel;
import org.relais.core.api.referral.CloseReferralCommand;
import org.relais.core.api.referral.ClosureOutcome;
import org.relais.core.api.referral.CompleteTransferCommand;
import org.relais.core.api.query.FindReferralAsOfQuery;
import org.relais.core.api.query.FindReferralQuery;
import org.relais.core.api.referral.GiveConsentCommand;
import org.relais.core.api.referral.LegalBasis;
import org.relais.core.api.referral.MarkTransferOverdueCommand;
import org.relais.core.api.query.ReferralDetailView;
import org.relais.core.api.referral.ReferralStatus;
import org.relais.core.api.referral.RequestTransferCommand;
import org.relais.core.api.referral.RiskLevel;
import org.relais.core.api.ShareableField;
import org.relais.core.api.referral.TransferOutcome;
import org.relais.core.api.TransferPurpose;
import org.relais.core.api.referral.TransferState;
import org.relais.core.api.query.TransferView;
import org.relais.core.api.referral.TriageReferralCommand;
import org.relais.app.support.TestDataDirs;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The case detail read model fed through the real bus and event store, read through its query handler. */
@SpringBootTest
@ActiveProfiles("demo")
class CaseDetailReadModelTest {

    @TestConfiguration
    static class Clocks {
        @Bean
        @Primary
        MutableClock testClock() {
            return new MutableClock(ZoneId.of("Europe/Paris"));
        }
    }

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("relais.data-dir", () -> TestDataDirs.create("case-detail").toString());
    }

    @Autowired
    CommandGateway commandGateway;

    @Autowired
    QueryGateway queries;

    @Autowired
    Clock clock;

    @Test
    void the_detail_follows_transfers_consent_assignment_overdue_and_closure() {
        Actors actors = new Actors(commandGateway);
        MutableClock time = (MutableClock) clock;
        String id = UUID.randomUUID().toString();
        actors.intake(id, Channel.CHAT, AgeBand.AGE_15_17, Category.CYBERHARASSMENT);
        actors.send(new TriageReferralCommand(id, RiskLevel.HIGH, Set.of(Category.CYBERHARASSMENT,
                Category.HATE_SPEECH), AgeBand.AGE_11_14), Actors.COORDINATOR);
        actors.send(new AssignCoordinatorCommand(id, "coordinator"), Actors.COORDINATOR);
        actors.send(new GiveConsentCommand(id, "Parent"), Actors.COORDINATOR);
        actors.send(new RequestTransferCommand(id, "t-police", "demo-police-minors", TransferPurpose.INVESTIGATION,
                LegalBasis.CONSENT, Set.of(ShareableField.VICTIM_NAME), "Please call"), Actors.COORDINATOR);
        actors.send(new RequestTransferCommand(id, "t-helpline", "demo-helpline", TransferPurpose.CONTENT_REMOVAL,
                LegalBasis.CONSENT, Set.of(ShareableField.CONTENT_URLS), null,
                new org.relais.core.api.referral.HostingService("Social Example", null)), Actors.COORDINATOR);
        Instant beforeOverdue = Instant.now();
        time.advance(Duration.ofDays(2));
        // the deadline poller may flag the transfers on its own once the clock moved: versions come from the answers
        long flagged = actors.send(new MarkTransferOverdueCommand(id, "t-police"), Actors.SYSTEM).version();
        ReferralDetailView overdue = awaitVersion(id, flagged);
        assertThat(transfer(overdue, "t-police").overdue()).isTrue();
        assertThat(overdue.status()).isEqualTo(ReferralStatus.IN_PROGRESS);

        actors.send(new AcknowledgeTransferCommand(id, "t-police"), Actors.POLICE);
        actors.send(new AcceptTransferCommand(id, "t-police"), Actors.POLICE);
        actors.send(new CompleteTransferCommand(id, "t-police", TransferOutcome.INVESTIGATION_OPENED, null, "Case 42"),
                Actors.POLICE);
        actors.send(new CancelTransferCommand(id, "t-helpline", "Content already gone"), Actors.COORDINATOR);
        long closed = actors.send(new CloseReferralCommand(id, ClosureOutcome.REFERRED, null), Actors.COORDINATOR)
                .version();

        ReferralDetailView view = awaitVersion(id, closed);
        assertThat(view.status()).isEqualTo(ReferralStatus.CLOSED);
        assertThat(view.closureOutcome()).isEqualTo(ClosureOutcome.REFERRED);
        assertThat(view.riskLevel()).isEqualTo(RiskLevel.HIGH);
        assertThat(view.ageBand()).isEqualTo(AgeBand.AGE_11_14);
        assertThat(view.categories()).containsExactlyInAnyOrder(Category.CYBERHARASSMENT, Category.HATE_SPEECH);
        assertThat(view.consentGiven()).isTrue();
        assertThat(view.assignedCoordinator()).isEqualTo("coordinator");
        assertThat(view.receivedBy()).isEqualTo("coordinator");
        assertThat(view.personalData().victimName()).startsWith("v1:");
        TransferView police = transfer(view, "t-police");
        assertThat(police.state()).isEqualTo(TransferState.COMPLETED);
        assertThat(police.overdue()).isFalse();
        assertThat(police.wasOverdue()).isTrue();
        assertThat(police.outcome()).isEqualTo(TransferOutcome.INVESTIGATION_OPENED);
        assertThat(police.sealedNote()).startsWith("v2:");
        assertThat(police.sealedMessage()).startsWith("v2:");
        assertThat(police.acknowledgedAt()).isNotNull();
        assertThat(police.acceptedAt()).isNotNull();
        assertThat(police.endedAt()).isNotNull();
        assertThat(police.deadline()).isAfter(police.requestedAt());
        assertThat(police.sharedFields()).containsExactly(ShareableField.VICTIM_NAME);
        TransferView helpline = transfer(view, "t-helpline");
        assertThat(helpline.state()).isEqualTo(TransferState.CANCELLED);
        assertThat(helpline.sealedReason()).startsWith("v2:");

        ReferralDetailView asOf = queries.query(new FindReferralAsOfQuery(id, beforeOverdue),
                ResponseTypes.optionalInstanceOf(ReferralDetailView.class)).join().orElseThrow();
        assertThat(asOf.version()).isEqualTo(5);
        assertThat(asOf.status()).isEqualTo(ReferralStatus.IN_PROGRESS);
        assertThat(transfer(asOf, "t-police").overdue()).isFalse();
    }

    private ReferralDetailView awaitVersion(String id, long version) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> queries.query(new FindReferralQuery(id),
                        ResponseTypes.optionalInstanceOf(ReferralDetailView.class)).join(),
                view -> view.isPresent() && view.get().version() >= version).orElseThrow();
    }

    private static TransferView transfer(ReferralDetailView view, String transferId) {
        return view.transfers().stream().filter(t -> t.transferId().equals(transferId)).findFirst().orElseThrow();
    }
}
