package org.relais.app.readmodels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;
import org.relais.core.api.referral.AcceptTransferCommand;
import org.relais.core.api.referral.AcknowledgeTransferCommand;
import org.relais.core.api.referral.AgeBand;
import org.relais.core.api.Category;
import org.relais.core.api.referral.Channel;
import org.relais.core.api.referral.CloseReferralCommand;
import org.relais.core.api.referral.ClosureOutcome;
import org.relais.core.api.referral.CompleteTransferCommand;
import org.relais.core.api.query.DashboardView;
import org.relais.core.api.referral.DeclineTransferCommand;
import org.relais.core.api.query.FindDashboardQuery;
import org.relais.core.api.query.FindFlaggerNoticesQuery;
import org.relais.core.api.query.FindReferralQuery;
import org.relais.core.api.query.FlaggerNoticeView;
import org.relais.core.api.referral.GiveConsentCommand;
import org.relais.core.api.referral.LegalBasis;
import org.relais.core.api.query.OpenCasesView;
import org.relais.core.api.query.ReferralDetailView;
import org.relais.core.api.referral.ReferralStatus;
import org.relais.core.api.referral.ReopenReferralCommand;
import org.relais.core.api.referral.RequestTransferCommand;
import org.relais.core.api.referral.RerouteTransferCommand;
import org.relais.core.api.referral.RiskLevel;
import org.relais.core.api.ShareableField;
import org.relais.core.api.referral.TransferOutcome;
import org.relais.core.api.TransferPurpose;
import org.relais.core.api.referral.TransferState;
import org.relais.core.api.query.TransferView;
import org.relais.core.api.referral.TriageReferralCommand;
import org.relais.projections.support.BatchProjection;
import org.relais.projections.support.CollectionSet;
import org.relais.projections.support.ProjectionGenerations;
import org.relais.app.support.ApiClient;
import org.relais.app.support.TestDataDirs;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What the read models make of re-routing, duplicates, outcomes reported after closure and reopening, fed through
 * the real bus and event store: the case detail, the case list (through its endpoint), the dashboard and the
 * trusted-flagger notices.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "fast-passwords"})
class AfterClosureReadModelTest {

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("relais.data-dir", () -> TestDataDirs.create("after-closure").toString());
    }

    @LocalServerPort
    int port;

    @Autowired
    CommandGateway commandGateway;

    @Autowired
    QueryGateway queries;

    @Autowired
    EventStore eventStore;

    @Autowired
    List<BatchProjection> projections;

    @Autowired
    ProjectionGenerations generations;

    @Test
    void a_rerouted_transfer_and_its_replacement_link_both_ways() {
        Actors actors = new Actors(commandGateway);
        String id = withConsent(actors, RiskLevel.MODERATE);
        actors.send(platformTransfer(id, "t-platform"), Actors.COORDINATOR);
        actors.send(new DeclineTransferCommand(id, "t-platform", "Not hosted by us"), Actors.PLATFORM);
        long version = actors.send(new RerouteTransferCommand(id, "t-platform", "t-helpline", "demo-helpline", null,
                null, null, null), Actors.COORDINATOR).version();

        ReferralDetailView view = detail(id, v -> v.version() >= version);
        assertThat(transfer(view, "t-platform").reroutedTo()).isEqualTo("t-helpline");
        assertThat(transfer(view, "t-platform").reroutedFrom()).isNull();
        TransferView replacement = transfer(view, "t-helpline");
        assertThat(replacement.reroutedFrom()).isEqualTo("t-platform");
        assertThat(replacement.reroutedTo()).isNull();
        assertThat(replacement.purpose()).isEqualTo(TransferPurpose.CONTENT_REMOVAL);
        assertThat(replacement.sharedFields()).containsExactly(ShareableField.CONTENT_URLS);
        assertThat(view.status()).isEqualTo(ReferralStatus.IN_PROGRESS);
    }

    @Test
    void a_duplicate_and_the_case_it_repeats_link_each_other_until_the_duplicate_is_reopened() {
        Actors actors = new Actors(commandGateway);
        String original = withConsent(actors, RiskLevel.LOW);
        String reference = detail(original, v -> true).reference();
        String duplicate = UUID.randomUUID().toString();
        actors.intake(duplicate, Channel.PHONE, AgeBand.ADULT, Category.CYBERHARASSMENT);
        long closed = actors.send(new CloseReferralCommand(duplicate, ClosureOutcome.DUPLICATE, null, reference),
                Actors.COORDINATOR).version();

        ReferralDetailView closedView = detail(duplicate, v -> v.version() >= closed);
        assertThat(closedView.duplicateOf()).isEqualTo(original);
        assertThat(closedView.duplicateOfReference()).isEqualTo(reference);
        ReferralDetailView originalView = detail(original, v -> !v.duplicates().isEmpty());
        assertThat(originalView.duplicates()).singleElement()
                .satisfies(link -> assertThat(link.referralId()).isEqualTo(duplicate));
        deliverEveryEventAgainToTheCaseDetail();
        assertThat(detail(original, v -> true)).as("the link is listed once, however often it is delivered")
                .isEqualTo(originalView);

        long reopened = actors.send(new ReopenReferralCommand(duplicate, "Another incident after all"),
                Actors.COORDINATOR).version();
        assertThat(detail(duplicate, v -> v.version() >= reopened).duplicateOf()).isNull();
        assertThat(detail(original, v -> v.duplicates().isEmpty()).duplicates()).isEmpty();
    }

    @Test
    void an_outcome_reported_after_closure_is_counted_and_the_case_stays_closed() {
        Actors actors = new Actors(commandGateway);
        String id = withConsent(actors, RiskLevel.HIGH);
        actors.send(platformTransfer(id, "t-late"), Actors.COORDINATOR);
        actors.send(new AcknowledgeTransferCommand(id, "t-late"), Actors.PLATFORM);
        actors.send(new AcceptTransferCommand(id, "t-late"), Actors.PLATFORM);
        long closed = actors.send(new CloseReferralCommand(id, ClosureOutcome.REFERRED, null), Actors.COORDINATOR)
                .version();
        detail(id, v -> v.version() >= closed);
        DashboardView before = awaitDashboard(d -> true);

        long completed = actors.send(new CompleteTransferCommand(id, "t-late", TransferOutcome.CONTENT_REMOVED, null,
                null), Actors.PLATFORM).version();

        ReferralDetailView view = detail(id, v -> v.version() >= completed);
        assertThat(view.status()).isEqualTo(ReferralStatus.CLOSED);
        assertThat(transfer(view, "t-late").state()).isEqualTo(TransferState.COMPLETED);
        assertThat(transfer(view, "t-late").outcome()).isEqualTo(TransferOutcome.CONTENT_REMOVED);
        DashboardView after = awaitDashboard(d -> d.timeToContentRemoval().count()
                == before.timeToContentRemoval().count() + 1);
        assertThat(openCases(after)).as("the case is still closed: no open case more").isEqualTo(openCases(before));
        assertThat(after.closuresByOutcome()).isEqualTo(before.closuresByOutcome());
        List<FlaggerNoticeView> notices = await().atMost(Duration.ofSeconds(10)).until(() -> queries.query(
                        new FindFlaggerNoticesQuery(null, null), ResponseTypes.multipleInstancesOf(FlaggerNoticeView.class))
                .join(), all -> all.stream().anyMatch(n -> n.transferId().equals("t-late") && n.decision() != null));
        FlaggerNoticeView notice = notices.stream().filter(n -> n.transferId().equals("t-late")).findFirst()
                .orElseThrow();
        assertThat(notice.decision()).isEqualTo(TransferOutcome.CONTENT_REMOVED);
        assertThat(notice.state()).isEqualTo(TransferState.COMPLETED);
    }

    @Test
    void a_reopened_case_goes_back_to_received_in_progress_or_triaged_in_every_read_model() {
        Actors actors = new Actors(commandGateway);
        String notTriaged = UUID.randomUUID().toString();
        actors.intake(notTriaged, Channel.EMAIL, AgeBand.ADULT, Category.DISCRIMINATION);
        actors.send(new CloseReferralCommand(notTriaged, ClosureOutcome.UNREACHABLE, null), Actors.COORDINATOR);
        String accepted = withConsent(actors, RiskLevel.IMMEDIATE_DANGER);
        actors.send(platformTransfer(accepted, "t-accepted"), Actors.COORDINATOR);
        actors.send(new AcknowledgeTransferCommand(accepted, "t-accepted"), Actors.PLATFORM);
        actors.send(new AcceptTransferCommand(accepted, "t-accepted"), Actors.PLATFORM);
        actors.send(new CloseReferralCommand(accepted, ClosureOutcome.REFERRED, null), Actors.COORDINATOR);
        String noTransfer = withConsent(actors, RiskLevel.MODERATE);
        long last = actors.send(new CloseReferralCommand(noTransfer, ClosureOutcome.RESOLVED, null),
                Actors.COORDINATOR).version();
        detail(noTransfer, v -> v.version() >= last);
        DashboardView before = awaitDashboard(d -> true);

        for (String id : List.of(notTriaged, accepted, noTransfer)) {
            actors.send(new ReopenReferralCommand(id, "The caller rang again"), Actors.COORDINATOR);
        }

        assertThat(detail(notTriaged, v -> v.status() != ReferralStatus.CLOSED).status())
                .isEqualTo(ReferralStatus.RECEIVED);
        assertThat(detail(accepted, v -> v.status() != ReferralStatus.CLOSED).status())
                .isEqualTo(ReferralStatus.IN_PROGRESS);
        assertThat(detail(noTransfer, v -> v.status() != ReferralStatus.CLOSED).status())
                .isEqualTo(ReferralStatus.TRIAGED);
        ApiClient api = new ApiClient(port);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(listed(api, "RECEIVED")).contains(notTriaged).doesNotContain(accepted, noTransfer);
            assertThat(listed(api, "IN_PROGRESS")).contains(accepted).doesNotContain(notTriaged, noTransfer);
            assertThat(listed(api, "TRIAGED")).contains(noTransfer).doesNotContain(notTriaged, accepted);
            assertThat(listed(api, "CLOSED")).doesNotContain(notTriaged, accepted, noTransfer);
        });
        DashboardView after = awaitDashboard(d -> openCases(d) == openCases(before) + 3);
        assertThat(cell(after, ReferralStatus.RECEIVED, null)).isEqualTo(cell(before, ReferralStatus.RECEIVED, null) + 1);
        assertThat(cell(after, ReferralStatus.IN_PROGRESS, RiskLevel.IMMEDIATE_DANGER))
                .isEqualTo(cell(before, ReferralStatus.IN_PROGRESS, RiskLevel.IMMEDIATE_DANGER) + 1);
        assertThat(cell(after, ReferralStatus.TRIAGED, RiskLevel.MODERATE))
                .isEqualTo(cell(before, ReferralStatus.TRIAGED, RiskLevel.MODERATE) + 1);
    }

    /** The case detail is idempotent: the link another case's closure adds is not added twice. */
    private void deliverEveryEventAgainToTheCaseDetail() {
        List<TrackedEventMessage<?>> events = new ArrayList<>();
        try (BlockingStream<TrackedEventMessage<?>> stream = eventStore.openStream(null)) {
            while (stream.hasNextAvailable()) {
                events.add(stream.nextAvailable());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        BatchProjection caseDetail = projections.stream().filter(p -> p.name().equals("case-detail")).findFirst()
                .orElseThrow();
        CollectionSet active = generations.active(caseDetail.name());
        caseDetail.apply(events, active);
        events.forEach(event -> caseDetail.apply(List.of(event), active));
    }

    private static String withConsent(Actors actors, RiskLevel risk) {
        String id = UUID.randomUUID().toString();
        actors.intake(id, Channel.CHAT, AgeBand.AGE_15_17, Category.CYBERHARASSMENT);
        actors.send(new TriageReferralCommand(id, risk, null, null), Actors.COORDINATOR);
        actors.send(new GiveConsentCommand(id, "the victim"), Actors.COORDINATOR);
        return id;
    }

    private static RequestTransferCommand platformTransfer(String id, String transferId) {
        return new RequestTransferCommand(id, transferId, "demo-platform", TransferPurpose.CONTENT_REMOVAL,
                LegalBasis.CONSENT, Set.of(ShareableField.CONTENT_URLS), null);
    }

    private static String listed(ApiClient api, String status) {
        return api.get("/api/referrals?status=" + status + "&size=200", "coordinator").body();
    }

    private ReferralDetailView detail(String id, Predicate<ReferralDetailView> ready) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> queries.query(new FindReferralQuery(id),
                        ResponseTypes.optionalInstanceOf(ReferralDetailView.class)).join(),
                view -> view.isPresent() && ready.test(view.get())).orElseThrow();
    }

    private DashboardView awaitDashboard(Predicate<DashboardView> ready) {
        return await().atMost(Duration.ofSeconds(10)).until(
                () -> queries.query(new FindDashboardQuery(), DashboardView.class).join(), ready::test);
    }

    private static long openCases(DashboardView dashboard) {
        return dashboard.openCases().stream().mapToLong(OpenCasesView::count).sum();
    }

    private static long cell(DashboardView dashboard, ReferralStatus status, RiskLevel risk) {
        return dashboard.openCases().stream().filter(c -> c.status() == status && c.riskLevel() == risk)
                .mapToLong(OpenCasesView::count).sum();
    }

    private static TransferView transfer(ReferralDetailView view, String transferId) {
        return view.transfers().stream().filter(t -> t.transferId().equals(transferId)).findFirst().orElseThrow();
    }
}
