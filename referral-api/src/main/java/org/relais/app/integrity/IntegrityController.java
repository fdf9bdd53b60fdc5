package org.relais.app.integrity;

import io.swagger.v3.oas.annotations.Operation;
import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.relais.app.consistency.ReadsFrom;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Lets auditors check that no stored event was altered, removed or slipped in, and take the signed checkpoints. */
@RestController
@Validated
class IntegrityController {

    private final AuditChainVerifier verifier;
    private final CheckpointLog checkpoints;
    private final SigningKey key;

    IntegrityController(AuditChainVerifier verifier, CheckpointLog checkpoints, SigningKey key) {
        this.verifier = verifier;
        this.checkpoints = checkpoints;
        this.key = key;
    }

    @Operation(summary = "Verify the audit chain and the event seals from the first event (auditor)")
    @ReadsFrom({})
    @GetMapping(path = "/api/audit/verification", produces = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('AUDITOR')")
    ChainVerification verify() {
        return verifier.verify();
    }

    /**
     * The latest {@code limit} checkpoints of this instance's log, oldest first, with the public key that checks
     * them. Keep them, or the application log lines that print them, where this service cannot reach.
     */
    @Operation(summary = "The signed checkpoints of the audit chain, with the public key to check them (auditor)")
    @ReadsFrom({})
    @GetMapping(path = "/api/audit/checkpoints", produces = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('AUDITOR')")
    CheckpointsView checkpoints(@RequestParam(defaultValue = "1000") @Min(1) @Max(100_000) int limit) {
        List<Checkpoint> all = checkpoints.readAll();
        return new CheckpointsView("Ed25519", CheckpointSignatures.publicKeyBase64(key.publicKey()),
                CheckpointSignatures.keyId(key.publicKey()), all.size(),
                all.subList(Math.max(0, all.size() - limit), all.size()));
    }

    /**
     * @param publicKey base64 of the X.509 encoding of the Ed25519 public key
     * @param total     how many checkpoints the log holds
     */
    record CheckpointsView(String algorithm, String publicKey, String keyId, int total,
                           List<Checkpoint> checkpoints) {
    }
}
