package org.relais.app.partner;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.axonframework.queryhandling.QueryGateway;
import org.relais.core.api.query.FindPartnerInboxQuery;
import org.relais.core.api.query.NoticeAnswerView;
import org.relais.core.api.query.PartnerInboxItemView;
import org.relais.core.api.query.PartnerInboxPageView;
import org.relais.core.api.referral.TransferState;
import org.relais.app.access.PartnerAccess;
import org.relais.app.consistency.ReadsFrom;
import org.relais.app.export.TrustedFlaggerReport;
import org.relais.app.security.Actor;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A partner's inbox: coordinators see any; a liaison sees its partner's while the directory has it attached and the
 * partner is not terminated (a suspended partner's inbox shows no personal data, and holds none). A content removal
 * gives its hosting service, its notice count and the answers recorded so far, by notice index (never a URL), each
 * with its statement-of-reasons reference or "not provided".
 */
@RestController
@Validated
class PartnerInboxController {

    private final QueryGateway queries;
    private final PartnerAccess access;

    PartnerInboxController(QueryGateway queries, PartnerAccess access) {
        this.queries = queries;
        this.access = access;
    }

    @Operation(summary = "A partner's inbox: the transfers addressed to it, newest first (its liaisons; "
            + "coordinator, auditor)")
    @ReadsFrom("partner-inbox")
    @GetMapping(path = "/api/partners/{partnerId}/inbox", produces = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasAnyRole('COORDINATOR', 'LIAISON')")
    PartnerInboxPageView inbox(@PathVariable String partnerId,
                               @RequestParam(required = false) TransferState state,
                               @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
                               @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
        access.requireInbox(Actor.required(), partnerId);
        PartnerInboxPageView inbox = queries.query(new FindPartnerInboxQuery(partnerId, state, page, size),
                PartnerInboxPageView.class).join();
        return new PartnerInboxPageView(inbox.items().stream().map(PartnerInboxController::withReferences).toList(),
                inbox.total(), inbox.page(), inbox.size());
    }

    private static PartnerInboxItemView withReferences(PartnerInboxItemView item) {
        return item.withNoticeAnswers(item.noticeAnswers().stream().map(answer -> answer.statementOfReasons() != null
                ? answer : new NoticeAnswerView(answer.noticeIndex(), answer.outcome(), answer.actedAt(),
                TrustedFlaggerReport.NOT_PROVIDED)).toList());
    }
}
