package org.relais.app.export;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.relais.app.consistency.ReadsFrom;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The trusted-flagger transparency report of a year, for the auditor who publishes it. */
@RestController
@Validated
@Tag(name = "Audit")
class TrustedFlaggerReportController {

    private final TrustedFlaggerReports reports;

    TrustedFlaggerReportController(TrustedFlaggerReports reports) {
        this.reports = reports;
    }

    @Operation(summary = "The trusted-flagger report of a year (DSA Art. 22): notices by hosting service, category "
            + "and outcome, time from notice to action, refused notices with their reasons, unanswered notices "
            + "(auditor)")
    @ReadsFrom("flagger-notices")
    @GetMapping("/api/audit/reports/trusted-flagger")
    @PreAuthorize("hasRole('AUDITOR')")
    ResponseEntity<?> report(@RequestParam(required = false) @Min(2000) @Max(2999) Integer year,
                             @RequestParam(defaultValue = "json") @Pattern(regexp = "json|csv") String format) {
        TrustedFlaggerReport report = reports.of(year);
        if (format.equals("json")) {
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(report);
        }
        return ResponseEntity.ok().contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("trusted-flagger-report-" + report.year() + ".csv").build().toString())
                .body(report.toCsv());
    }
}
