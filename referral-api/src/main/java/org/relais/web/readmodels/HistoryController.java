package org.relais.web.readmodels;

import java.time.Instant;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.relais.core.api.AuditTrailPageView;
import org.relais.core.api.FindAuditTrailQuery;
import org.relais.core.api.FindReferralAsOfQuery;
import org.relais.core.api.ReferralDetailView;
import org.relais.core.api.TransferView;
import org.relais.core.api.Role;
import org.relais.web.problem.NotFoundException;
import org.relais.web.referral.ReferralReader;
import org.relais.web.security.Actor;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A case's history for auditors: the event timeline from the audit trail, or with {@code asOf} the case as it
 * stood then, replayed from the event store (personal data and sealed free texts left out), or with {@code asOf} and
 * {@code partnerId} the case exactly as that partner was shown it then (opened, and the access recorded).
 */
@RestController
@Validated
class HistoryController {

    private final QueryGateway queries;
    private final ReferralReader reader;

    HistoryController(QueryGateway queries, ReferralReader reader) {
        this.queries = queries;
        this.reader = reader;
    }

    @GetMapping(path = "/api/referrals/{referralId}/history", produces = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('AUDITOR')")
    Object history(@PathVariable String referralId,
                   @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant asOf,
                   @RequestParam(required = false) @Pattern(regexp = "[A-Za-z0-9._-]{1,128}") String partnerId,
                   @RequestParam(required = false) @Size(max = 200) String purpose,
                   @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
                   @RequestParam(defaultValue = "100") @Min(1) @Max(500) int size) {
        if (partnerId != null && asOf == null) {
            throw new IllegalArgumentException("partnerId goes with asOf");
        }
        if (asOf != null && partnerId != null) {
            // What that partner's liaison was shown then: the same reader the API uses, as that partner. The
            // auditor is the one who reads it now, so the access is recorded under the auditor's name.
            ReferralDetailView then = queries.query(new FindReferralAsOfQuery(referralId, asOf),
                    ResponseTypes.optionalInstanceOf(ReferralDetailView.class)).join().orElseThrow(NotFoundException::new);
            return reader.read(then, new Actor("as-shown-to:" + partnerId, Role.LIAISON, partnerId), purpose);
        }
        if (asOf != null) {
            return queries.query(new FindReferralAsOfQuery(referralId, asOf),
                            ResponseTypes.optionalInstanceOf(ReferralDetailView.class)).join()
                    .map(HistoryController::withoutSealedData).orElseThrow(NotFoundException::new);
        }
        AuditTrailPageView timeline = queries.query(new FindAuditTrailQuery(referralId, null, null, null, page, size),
                AuditTrailPageView.class).join();
        if (timeline.total() == 0) {
            throw new NotFoundException();
        }
        return timeline;
    }

    private static ReferralDetailView withoutSealedData(ReferralDetailView view) {
        return new ReferralDetailView(view.referralId(), view.reference(), view.status(), view.riskLevel(),
                view.channel(), view.reporterRole(), view.ageBand(), view.categories(), null, view.consentGiven(),
                view.assignedCoordinator(), view.transfers().stream().map(HistoryController::withoutSealedData)
                .toList(), view.closureOutcome(), view.erasureRequested(), view.receivedAt(), view.receivedBy(),
                view.updatedAt(), view.version());
    }

    private static TransferView withoutSealedData(TransferView transfer) {
        return new TransferView(transfer.transferId(), transfer.partnerId(), transfer.partnerKind(),
                transfer.purpose(), transfer.legalBasis(), transfer.state(), transfer.sharedFields(), null,
                transfer.requestedAt(), transfer.deadline(), transfer.overdue(), transfer.wasOverdue(),
                transfer.acknowledgedAt(), transfer.acceptedAt(), transfer.endedAt(), transfer.outcome(), null, null);
    }
}
