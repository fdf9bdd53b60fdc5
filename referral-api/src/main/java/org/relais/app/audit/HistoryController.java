package org.relais.app.audit;

import io.swagger.v3.oas.annotations.Operation;
import java.time.Instant;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.relais.core.api.query.AuditTrailPageView;
import org.relais.app.consistency.ReadsFrom;
import org.relais.app.http.problem.InvalidParameterException;
import org.relais.app.http.problem.NotFoundException;
import org.relais.app.security.Actor;
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
 * stood then, replayed from the event store, in the shape of the case view and opened and recorded like it, or with {@code asOf} and {@code partnerId} the case exactly as that
 * partner was shown it then (see {@link CaseHistory}).
 */
@RestController
@Validated
class HistoryController {

    private final CaseHistory history;

    HistoryController(CaseHistory history) {
        this.history = history;
    }

    @Operation(summary = "A case's history: its timeline, or with asOf the case view as it stood then, or with "
            + "asOf and partnerId what that partner was shown then (auditor)")
    @ReadsFrom("audit-trail") // the timeline; a view as of an instant reads the event store
    @GetMapping(path = "/api/referrals/{referralId}/history", produces = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('AUDITOR')")
    Object history(@PathVariable String referralId,
                   @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant asOf,
                   @RequestParam(required = false) @Pattern(regexp = "[A-Za-z0-9._-]{1,128}") String partnerId,
                   @RequestParam(required = false) @Size(max = 200) String purpose,
                   @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
                   @RequestParam(defaultValue = "100") @Min(1) @Max(500) int size) {
        if (partnerId != null && asOf == null) {
            throw new InvalidParameterException("partnerId", "withAsOf");
        }
        if (asOf != null && partnerId != null) {
            return history.asShownTo(referralId, asOf, partnerId, purpose);
        }
        if (asOf != null) {
            return history.caseAsOf(referralId, asOf, Actor.required(), purpose);
        }
        AuditTrailPageView timeline = history.timeline(referralId, page, size);
        if (timeline.total() == 0) {
            throw new NotFoundException();
        }
        return timeline;
    }
}
