package org.relais.web.integrity;

import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Lets auditors check that no stored event was altered, removed or slipped in. */
@RestController
class IntegrityController {

    private final AuditChainVerifier verifier;

    IntegrityController(AuditChainVerifier verifier) {
        this.verifier = verifier;
    }

    @GetMapping(path = "/api/audit/verification", produces = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('AUDITOR')")
    ChainVerification verify() {
        return verifier.verify();
    }
}
