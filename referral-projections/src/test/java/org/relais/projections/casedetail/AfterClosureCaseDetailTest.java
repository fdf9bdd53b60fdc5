package org.relais.projections.casedetail;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.relais.core.api.referral.AgeBand;
import org.relais.core.api.Category;
import org.relais.core.api.referral.Channel;
import org.relais.core.api.referral.ClosureOutcome;
import org.relais.core.api.query.FindReferralQuery;
import org.relais.core.api.query.ReferralDetailView;
import org.relais.core.api.referral.ReferralStatus;
import org.relais.core.api.referral.RiskLevel;
import org.relais.core.api.ShareableField;
import org.relais.core.api.referral.TransferOutcome;
import org.relais.core.api.TransferPurpose;
import org.relais.core.api.referral.TransferState;
import org.relais.core.api.query.TransferView;
import org.relais.projections.support.CollectionSet;
import org.relais.projections.testing.Cases;
import org.relais.projections.testing.History;
import org.relais.projections.testing.ReadSide;

/**
 * What the case detail makes of re-routing, duplicates, outcomes reported after closure and reopening. The case list,
 * the dashboard and the trusted-flagger notices have their own such tests.
 */
class AfterClosureCaseDetailTest {

    private final ReadSide readSide = ReadSide.embedded();
    private final History history = new History(readSide.generations(), Instant.parse("2026-03-02T10:00:00Z"));
    private final CaseDetailProjection caseDetail = readSide.started(
            new CaseDetailProjection(readSide.context(), history.eventStore()));
    private final Cases cases = new Cases(history.feeding(caseDetail));

    @AfterEach
    void close() {
        readSide.close();
    }

    @Test
    void a_rerouted_transfer_and_its_replacement_link_both_ways() {
        String id = cases.withConsent(RiskLevel.MODERATE);
        cases.removal(id, "t-platform", Cases.PLATFORM);
        cases.decline(id, "t-platform", Cases.PLATFORM);
        long version = cases.reroute(id, "t-platform", cases.removalRequest(id, "t-helpline", Cases.HELPLINE));
        history.project();

        ReferralDetailView view = detail(id);
        assertThat(view.version()).isEqualTo(version);
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
        String original = cases.withConsent(RiskLevel.LOW);
        String duplicate = cases.intake(Channel.PHONE, AgeBand.ADULT, Category.CYBERHARASSMENT);
        cases.closeAsDuplicateOf(duplicate, original);
        history.project();
        String reference = detail(original).reference();

        ReferralDetailView closedView = detail(duplicate);
        assertThat(closedView.duplicateOf()).isEqualTo(original);
        assertThat(closedView.duplicateOfReference()).isEqualTo(reference);
        ReferralDetailView originalView = detail(original);
        assertThat(originalView.duplicates()).singleElement()
                .satisfies(link -> assertThat(link.referralId()).isEqualTo(duplicate));
        CollectionSet active = readSide.generations().active(caseDetail.name());
        caseDetail.apply(history.all(), active);
        history.all().forEach(event -> caseDetail.apply(List.of(event), active));
        assertThat(detail(original)).as("the link is listed once, however often it is delivered")
                .isEqualTo(originalView);

        cases.reopen(duplicate);
        history.project();
        assertThat(detail(duplicate).duplicateOf()).isNull();
        assertThat(detail(original).duplicates()).isEmpty();
    }

    @Test
    void an_outcome_reported_after_closure_is_kept_and_the_case_stays_closed() {
        String id = cases.withConsent(RiskLevel.HIGH);
        cases.removal(id, "t-late", Cases.PLATFORM);
        cases.acknowledge(id, "t-late", Cases.PLATFORM);
        cases.accept(id, "t-late", Cases.PLATFORM);
        cases.close(id, ClosureOutcome.REFERRED);
        long completed = cases.complete(id, "t-late", Cases.PLATFORM, TransferOutcome.CONTENT_REMOVED);
        history.project();

        ReferralDetailView view = detail(id);
        assertThat(view.version()).isEqualTo(completed);
        assertThat(view.status()).isEqualTo(ReferralStatus.CLOSED);
        assertThat(transfer(view, "t-late").state()).isEqualTo(TransferState.COMPLETED);
        assertThat(transfer(view, "t-late").outcome()).isEqualTo(TransferOutcome.CONTENT_REMOVED);
    }

    @Test
    void a_reopened_case_goes_back_to_received_in_progress_or_triaged() {
        String notTriaged = cases.intake(Channel.EMAIL, AgeBand.ADULT, Category.DISCRIMINATION);
        cases.close(notTriaged, ClosureOutcome.UNREACHABLE);
        String accepted = cases.withConsent(RiskLevel.IMMEDIATE_DANGER);
        cases.removal(accepted, "t-accepted", Cases.PLATFORM);
        cases.acknowledge(accepted, "t-accepted", Cases.PLATFORM);
        cases.accept(accepted, "t-accepted", Cases.PLATFORM);
        cases.close(accepted, ClosureOutcome.REFERRED);
        String noTransfer = cases.withConsent(RiskLevel.MODERATE);
        cases.close(noTransfer, ClosureOutcome.RESOLVED);
        history.project();
        for (String id : List.of(notTriaged, accepted, noTransfer)) {
            assertThat(detail(id).status()).isEqualTo(ReferralStatus.CLOSED);
            cases.reopen(id);
        }
        history.project();

        assertThat(detail(notTriaged).status()).isEqualTo(ReferralStatus.RECEIVED);
        assertThat(detail(accepted).status()).isEqualTo(ReferralStatus.IN_PROGRESS);
        assertThat(detail(noTransfer).status()).isEqualTo(ReferralStatus.TRIAGED);
    }

    private ReferralDetailView detail(String id) {
        return caseDetail.handle(new FindReferralQuery(id)).orElseThrow();
    }

    private static TransferView transfer(ReferralDetailView view, String transferId) {
        return view.transfers().stream().filter(t -> t.transferId().equals(transferId)).findFirst().orElseThrow();
    }
}
