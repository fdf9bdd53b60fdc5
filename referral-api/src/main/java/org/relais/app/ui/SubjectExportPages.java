package org.relais.app.ui;

import java.net.URI;
import java.time.Clock;
import java.util.Optional;

import org.relais.core.referral.CaseRegister;
import org.relais.core.referral.CaseRegister.RegisteredCase;
import org.relais.app.referral.SubjectExport;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The administrators' answer to a data subject's access request (GDPR Art. 15) in the browser: the case found by the
 * reference the person gives (or its id), its export downloaded as the API hands it out, and recorded in the access
 * log the same way. The form is posted, so the reference and the purpose never sit in an address or a server log.
 */
@Controller
@PreAuthorize("hasRole('ADMIN')")
class SubjectExportPages {

    private static final int LONGEST_REFERENCE = 64;
    private static final int LONGEST_PURPOSE = 200;

    private final CaseRegister cases;
    private final SubjectExport export;
    private final Clock clock;

    SubjectExportPages(CaseRegister cases, SubjectExport export, Clock clock) {
        this.cases = cases;
        this.export = export;
        this.clock = clock;
    }

    @GetMapping("/ui/admin/subject-export")
    String form(@RequestParam(required = false) String unknown, Model model) {
        model.addAttribute("unknown", unknown != null);
        return "subject-export";
    }

    /** The export as a JSON download; back to the form, saying so, when no case has this reference or id. */
    @PostMapping("/ui/admin/subject-export")
    ResponseEntity<?> download(@RequestParam(required = false) String reference,
                               @RequestParam(required = false) String purpose) {
        Optional<RegisteredCase> found = reference == null || reference.isBlank()
                || reference.length() > LONGEST_REFERENCE ? Optional.empty() : cases.find(reference.strip());
        if (found.isEmpty()) {
            return ResponseEntity.status(HttpStatus.SEE_OTHER)
                    .location(URI.create("/ui/admin/subject-export?unknown")).build();
        }
        String why = purpose == null || purpose.isBlank() ? null
                : purpose.strip().substring(0, Math.min(purpose.strip().length(), LONGEST_PURPOSE));
        RegisteredCase subject = found.get();
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        "attachment; filename=\"subject-export-" + subject.reference() + ".json\"")
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(export.export(subject.referralId(), why, clock.instant()));
    }
}
