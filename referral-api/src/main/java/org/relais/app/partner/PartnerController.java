package org.relais.app.partner;

import java.net.URI;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.queryhandling.QueryGateway;
import org.relais.core.api.partner.AgreementSignedEvent;
import org.relais.core.api.partner.AmendAgreementCommand;
import org.relais.core.api.partner.AttachLiaisonCommand;
import org.relais.core.api.partner.DetachLiaisonCommand;
import org.relais.core.api.ErrorCode;
import org.relais.core.api.query.FindPartnerQuery;
import org.relais.core.api.query.FindPartnersQuery;
import org.relais.core.api.query.PartnerView;
import org.relais.core.api.partner.RegisterPartnerCommand;
import org.relais.core.api.partner.ResumeAgreementCommand;
import org.relais.core.api.RuleViolationException;
import org.relais.core.api.partner.SignAgreementCommand;
import org.relais.core.api.partner.SuspendAgreementCommand;
import org.relais.core.api.partner.TerminateAgreementCommand;
import org.relais.app.consistency.ReadsFrom;
import org.relais.app.http.idempotency.CommandOutcome;
import org.relais.app.http.idempotency.IdempotentCommands;
import org.relais.app.http.problem.NotFoundException;
import org.relais.app.security.Actor;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The partner directory: every role reads it; administrators register partners, sign and amend their agreements,
 * suspend, resume and terminate them, and attach or detach liaison accounts.
 */
@RestController
@Tag(name = "Partners")
@RequestMapping(path = "/api/partners", produces = MediaType.APPLICATION_JSON_VALUE)
class PartnerController {

    static final String ID_PATTERN = "[a-z0-9][a-z0-9-]{0,63}";
    /** A configured user's name, or a JWT identity {@code subject@issuer} (colons, and | as in some subjects). */
    static final String USERNAME_PATTERN = "[A-Za-z0-9._@:|+=~-]{1,320}";
    private static final String ANY_ROLE = "hasAnyRole('COORDINATOR', 'LIAISON', 'AUDITOR', 'ADMIN')";

    private final IdempotentCommands commands;
    private final QueryGateway queries;

    PartnerController(IdempotentCommands commands, QueryGateway queries) {
        this.commands = commands;
        this.queries = queries;
    }

    @Operation(summary = "The partner directory, by name (every role; liaison accounts: administrators only)")
    @ReadsFrom("partner-directory")
    @GetMapping
    @PreAuthorize(ANY_ROLE)
    List<PartnerResponse> list() {
        Actor reader = Actor.required();
        return queries.query(new FindPartnersQuery(), ResponseTypes.multipleInstancesOf(PartnerView.class)).join()
                .stream().map(partner -> PartnerResponse.shownTo(reader, partner)).toList();
    }

    @Operation(summary = "One partner with its agreement (every role; liaison accounts: administrators only)")
    @ReadsFrom("partner-directory")
    @GetMapping("/{partnerId}")
    @PreAuthorize(ANY_ROLE)
    ResponseEntity<PartnerResponse> one(@PathVariable @Pattern(regexp = ID_PATTERN) String partnerId) {
        PartnerView partner = queries.query(new FindPartnerQuery(partnerId),
                        ResponseTypes.optionalInstanceOf(PartnerView.class)).join()
                .orElseThrow(NotFoundException::new);
        return ResponseEntity.ok().eTag(Long.toString(partner.version()))
                .body(PartnerResponse.shownTo(Actor.required(), partner));
    }

    @Operation(summary = "Add a partner to the directory, before any agreement (administrator)")
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('ADMIN')")
    ResponseEntity<PartnerResponses.PartnerChanged> register(@Valid @RequestBody RegisterPartnerRequest body,
                                                             HttpServletRequest request) {
        try {
            return commands.send(request, new RegisterPartnerCommand(body.partnerId(), body.name(), body.kind()),
                    false, outcome -> ResponseEntity.created(URI.create("/api/partners/" + outcome.aggregateId()))
                            .eTag(Long.toString(outcome.version()))
                            .body(new PartnerResponses.PartnerChanged(outcome.aggregateId(), outcome.version(),
                        outcome.position())));
        } catch (RuntimeException e) {
            if (causedBy(e, AggregateStreamCreationException.class)) {
                throw RuleViolationException.of(ErrorCode.PARTNER_ALREADY_EXISTS, "A partner with this id exists.");
            }
            throw e;
        }
    }

    /**
     * One endpoint for the agreement's terms, as the contract names one: the first call signs the agreement, later
     * calls amend it (the complete terms each time). Sign is tried first and refused by the partner once an agreement
     * exists, so the choice is made by the aggregate under its lock, never on a stale read.
     */
    @Operation(summary = "Sign the partner's agreement, or amend it when one exists (administrator)")
    @PostMapping(path = "/{partnerId}/agreement", consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('ADMIN')")
    ResponseEntity<PartnerResponses.AgreementChanged> agreement(
            @PathVariable @Pattern(regexp = ID_PATTERN) String partnerId,
            @Valid @RequestBody AgreementRequest body, HttpServletRequest request) {
        try {
            return commands.send(request, new SignAgreementCommand(partnerId, body.terms()), true,
                    PartnerController::agreementChanged);
        } catch (RuleViolationException e) {
            if (e.code() != ErrorCode.AGREEMENT_ALREADY_SIGNED) {
                throw e;
            }
            return commands.send(request, new AmendAgreementCommand(partnerId, body.terms()), true,
                    PartnerController::agreementChanged);
        }
    }

    @Operation(summary = "Stop new transfers to the partner until resumed (administrator)")
    @PostMapping(path = "/{partnerId}/suspension", consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('ADMIN')")
    ResponseEntity<PartnerResponses.PartnerChanged> suspend(
            @PathVariable @Pattern(regexp = ID_PATTERN) String partnerId,
            @Valid @RequestBody PartnerReasonRequest body, HttpServletRequest request) {
        return changed(request, new SuspendAgreementCommand(partnerId, body.reason()));
    }

    @Operation(summary = "Lift a suspension (administrator)")
    @PostMapping(path = "/{partnerId}/resumption")
    @PreAuthorize("hasRole('ADMIN')")
    ResponseEntity<PartnerResponses.PartnerChanged> resume(
            @PathVariable @Pattern(regexp = ID_PATTERN) String partnerId,
            @Valid @RequestBody(required = false) PartnerReasonRequest body, HttpServletRequest request) {
        return changed(request, new ResumeAgreementCommand(partnerId, body == null ? null : body.reason()));
    }

    @Operation(summary = "End the partnership for good (administrator)")
    @PostMapping(path = "/{partnerId}/termination", consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('ADMIN')")
    ResponseEntity<PartnerResponses.PartnerChanged> terminate(
            @PathVariable @Pattern(regexp = ID_PATTERN) String partnerId,
            @Valid @RequestBody PartnerReasonRequest body, HttpServletRequest request) {
        return changed(request, new TerminateAgreementCommand(partnerId, body.reason()));
    }

    @Operation(summary = "Let a user account act as the partner's liaison (administrator)")
    @PostMapping(path = "/{partnerId}/liaisons", consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('ADMIN')")
    ResponseEntity<PartnerResponses.PartnerChanged> attachLiaison(
            @PathVariable @Pattern(regexp = ID_PATTERN) String partnerId,
            @Valid @RequestBody LiaisonRequest body, HttpServletRequest request) {
        return changed(request, new AttachLiaisonCommand(partnerId, body.username()));
    }

    @Operation(summary = "Withdraw a user account's liaison rights (administrator)")
    @PostMapping(path = "/{partnerId}/liaisons/{username}/detachment")
    @PreAuthorize("hasRole('ADMIN')")
    ResponseEntity<PartnerResponses.PartnerChanged> detachLiaison(
            @PathVariable @Pattern(regexp = ID_PATTERN) String partnerId,
            @PathVariable @Pattern(regexp = USERNAME_PATTERN) String username, HttpServletRequest request) {
        return changed(request, new DetachLiaisonCommand(partnerId, username));
    }

    private ResponseEntity<PartnerResponses.PartnerChanged> changed(HttpServletRequest request, Object command) {
        return commands.send(request, command, true, outcome -> ResponseEntity.ok()
                .eTag(Long.toString(outcome.version()))
                .body(new PartnerResponses.PartnerChanged(outcome.aggregateId(), outcome.version(),
                        outcome.position())));
    }

    private static ResponseEntity<PartnerResponses.AgreementChanged> agreementChanged(CommandOutcome outcome) {
        PartnerResponses.AgreementChange change = outcome.lastEvent().get() instanceof AgreementSignedEvent
                ? PartnerResponses.AgreementChange.SIGNED : PartnerResponses.AgreementChange.AMENDED;
        return ResponseEntity.ok().eTag(Long.toString(outcome.version()))
                .body(new PartnerResponses.AgreementChanged(outcome.aggregateId(), change, outcome.version(),
                        outcome.position()));
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }
}
