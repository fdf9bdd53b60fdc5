package org.relais.app.audit;

import io.swagger.v3.oas.annotations.Operation;
import java.time.Instant;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.axonframework.queryhandling.QueryGateway;
import org.relais.core.api.query.AccessLogPageView;
import org.relais.core.api.query.AuditTrailPageView;
import org.relais.core.api.query.FindAccessLogQuery;
import org.relais.core.api.query.FindAuditTrailQuery;
import org.relais.app.consistency.ReadsFrom;
import org.relais.app.http.problem.InvalidParameterException;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * For auditors: the audit trail (every event with who, when and what) and the access log (every read of personal
 * data), filtered and paged.
 */
@RestController
@Validated
class AuditController {

    private final QueryGateway queries;

    AuditController(QueryGateway queries) {
        this.queries = queries;
    }

    @Operation(summary = "The audit trail: every event, who did it and when, filtered by case, actor and period "
            + "(auditor)")
    @ReadsFrom("audit-trail")
    @GetMapping(path = "/api/audit", produces = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('AUDITOR')")
    AuditTrailPageView trail(@RequestParam(required = false) String referralId,
                             @RequestParam(required = false) String actor,
                             @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
                             Instant from,
                             @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
                             Instant to,
                             @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
                             @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        if (from != null && to != null && !from.isBefore(to)) {
            throw new InvalidParameterException("from", "fromBeforeTo");
        }
        return queries.query(new FindAuditTrailQuery(referralId, actor, from, to, page, size),
                AuditTrailPageView.class).join();
    }

    @Operation(summary = "The access log: who was shown which personal fields of which case, when and why (auditor)")
    @ReadsFrom("access-log")
    @GetMapping(path = "/api/audit/access", produces = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('AUDITOR')")
    AccessLogPageView access(@RequestParam(required = false) String referralId,
                             @RequestParam(required = false) String actor,
                             @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
                             Instant from,
                             @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
                             Instant to,
                             @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
                             @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        if (from != null && to != null && !from.isBefore(to)) {
            throw new InvalidParameterException("from", "fromBeforeTo");
        }
        return queries.query(new FindAccessLogQuery(referralId, actor, from, to, page, size),
                AccessLogPageView.class).join();
    }
}
