package org.relais.web.readmodels;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.axonframework.queryhandling.QueryGateway;
import org.relais.core.api.FindPartnerInboxQuery;
import org.relais.core.api.PartnerInboxPageView;
import org.relais.core.api.TransferState;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A partner's inbox: its liaisons see their own, coordinators any. */
@RestController
@Validated
class PartnerInboxController {

    private final QueryGateway queries;

    PartnerInboxController(QueryGateway queries) {
        this.queries = queries;
    }

    @GetMapping(path = "/api/partners/{partnerId}/inbox", produces = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('COORDINATOR') or (hasRole('LIAISON') and principal.partnerId() == #partnerId)")
    PartnerInboxPageView inbox(@PathVariable String partnerId,
                               @RequestParam(required = false) TransferState state,
                               @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
                               @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
        return queries.query(new FindPartnerInboxQuery(partnerId, state, page, size), PartnerInboxPageView.class)
                .join();
    }
}
