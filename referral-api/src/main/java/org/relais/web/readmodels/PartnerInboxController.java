package org.relais.web.readmodels;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.axonframework.queryhandling.QueryGateway;
import org.relais.core.api.FindPartnerInboxQuery;
import org.relais.core.api.PartnerInboxPageView;
import org.relais.core.api.TransferState;
import org.relais.web.access.PartnerAccess;
import org.relais.web.consistency.ReadsFrom;
import org.relais.web.security.Actor;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A partner's inbox: coordinators see any; a liaison sees its partner's while the directory has it attached and the
 * partner is not terminated (a suspended partner's inbox shows no personal data, and holds none).
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

    @ReadsFrom("partner-inbox")
    @GetMapping(path = "/api/partners/{partnerId}/inbox", produces = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasAnyRole('COORDINATOR', 'LIAISON')")
    PartnerInboxPageView inbox(@PathVariable String partnerId,
                               @RequestParam(required = false) TransferState state,
                               @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
                               @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
        access.requireInbox(Actor.required(), partnerId);
        return queries.query(new FindPartnerInboxQuery(partnerId, state, page, size), PartnerInboxPageView.class)
                .join();
    }
}
