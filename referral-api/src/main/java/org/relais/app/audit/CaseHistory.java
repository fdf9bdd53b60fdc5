package org.relais.app.audit;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.relais.core.api.query.AuditTrailPageView;
import org.relais.core.api.ErrorCode;
import org.relais.core.api.query.FindAuditTrailQuery;
import org.relais.core.api.query.FindReferralAsOfQuery;
import org.relais.core.api.query.ReferralDetailView;
import org.relais.core.api.query.TransferView;
import org.relais.app.http.problem.NotFoundException;
import org.relais.app.referral.ReferralReader;
import org.relais.app.referral.ReferralResponse;
import org.relais.app.security.Actor;
import org.springframework.stereotype.Component;

/**
 * A case's history for auditors, for the API and the web UI: the event timeline from the audit trail, or the case
 * as it stood at an instant, replayed from the event store. The API's view of an instant is the case view, opened
 * by the case reader for whom may see it and recorded in its access log; the pages' replayed state leaves personal
 * data and sealed free texts out.
 */
@Component
public class CaseHistory {

    private final QueryGateway queries;
    private final ReferralReader reader;

    CaseHistory(QueryGateway queries, ReferralReader reader) {
        this.queries = queries;
        this.reader = reader;
    }

    /**
     * What a partner's liaison was shown at an instant: the case as it stood then, read by the same reader the API
     * uses, as that partner (404 if it had no transfer then). The auditor is the one who reads it now, so the
     * access is recorded under the auditor's name.
     */
    public ReferralResponse asShownTo(String referralId, Instant asOf, String partnerId, String purpose) {
        ReferralDetailView then = queries.query(new FindReferralAsOfQuery(referralId, asOf),
                ResponseTypes.optionalInstanceOf(ReferralDetailView.class)).join()
                .orElseThrow(() -> notThen(referralId));
        return reader.asShownTo(then, partnerId, asOf, purpose);
    }

    /**
     * The case as it stood at {@code asOf}, shaped and opened like the case view for {@code actor} and recorded like
     * it; "not yet received" when the case exists but was received after that instant.
     */
    public ReferralResponse caseAsOf(String referralId, Instant asOf, Actor actor, String purpose) {
        ReferralDetailView then = queries.query(new FindReferralAsOfQuery(referralId, asOf),
                ResponseTypes.optionalInstanceOf(ReferralDetailView.class)).join()
                .orElseThrow(() -> notThen(referralId));
        return reader.readAsOf(then, actor, asOf, purpose);
    }

    /** Whether the case exists at all is read from its events, like the replay, never from a read model behind. */
    private NotFoundException notThen(String referralId) {
        boolean existsNow = queries.query(new FindReferralAsOfQuery(referralId, Instant.MAX),
                ResponseTypes.optionalInstanceOf(ReferralDetailView.class)).join().isPresent();
        return existsNow ? new NotFoundException(ErrorCode.REFERRAL_NOT_YET_RECEIVED) : new NotFoundException();
    }

    public AuditTrailPageView timeline(String referralId, int page, int size) {
        return queries.query(new FindAuditTrailQuery(referralId, null, null, null, page, size),
                AuditTrailPageView.class).join();
    }

    public Optional<ReferralDetailView> asOf(String referralId, Instant asOf) {
        return queries.query(new FindReferralAsOfQuery(referralId, asOf),
                        ResponseTypes.optionalInstanceOf(ReferralDetailView.class)).join()
                .map(CaseHistory::withoutSealedData);
    }

    private static ReferralDetailView withoutSealedData(ReferralDetailView view) {
        return new ReferralDetailView(view.referralId(), view.reference(), view.status(), view.riskLevel(),
                view.channel(), view.reporterRole(), view.ageBand(), view.categories(), null, view.consentGiven(),
                view.assignedCoordinator(), view.transfers().stream().map(CaseHistory::withoutSealedData)
                .toList(), view.closureOutcome(), view.erasureRequested(), view.receivedAt(), view.receivedBy(),
                view.updatedAt(), view.version(), view.duplicateOf(), view.duplicateOfReference(), view.duplicates(),
                List.of());
    }

    private static TransferView withoutSealedData(TransferView transfer) {
        return new TransferView(transfer.transferId(), transfer.partnerId(), transfer.partnerKind(),
                transfer.purpose(), transfer.legalBasis(), transfer.state(), transfer.sharedFields(), null,
                transfer.requestedAt(), transfer.deadline(), transfer.overdue(), transfer.wasOverdue(),
                transfer.acknowledgedAt(), transfer.acceptedAt(), transfer.endedAt(), transfer.outcome(), null, null,
                transfer.consentWithdrawn(), transfer.reroutedFrom(), transfer.reroutedTo(), transfer.hostingService(),
                transfer.noticeCount(), transfer.noticeAnswers());
    }
}
