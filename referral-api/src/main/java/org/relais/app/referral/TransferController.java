package org.relais.app.referral;

import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.relais.core.api.referral.AcceptTransferCommand;
import org.relais.core.api.referral.AcknowledgeTransferCommand;
import org.relais.core.api.referral.CancelTransferCommand;
import org.relais.core.api.referral.CompleteTransferCommand;
import org.relais.core.api.referral.DeclineTransferCommand;
import org.relais.core.api.ErrorCode;
import org.relais.core.api.referral.RecordNoticeOutcomeCommand;
import org.relais.core.api.referral.RequestTransferCommand;
import org.relais.core.api.referral.RerouteTransferCommand;
import org.relais.core.api.RuleViolationException;
import org.relais.core.api.referral.TransferRequestedEvent;
import org.relais.app.http.idempotency.CommandOutcome;
import org.relais.app.http.idempotency.IdempotentCommands;
import org.relais.app.http.problem.NotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Transfers of a case to partners: the coordinator requests and cancels them; a liaison of the addressed partner
 * acknowledges, accepts, declines and completes them. The referral itself checks that the liaison speaks for the
 * addressed partner; a liaison of another partner is told the transfer does not exist (404), as for a case it may
 * not read, so that no liaison learns of other partners' cases.
 */
@RestController
@Tag(name = "Transfers")
@RequestMapping(path = "/api/referrals/{referralId}/transfers", produces = MediaType.APPLICATION_JSON_VALUE)
class TransferController {

    private final IdempotentCommands commands;

    TransferController(IdempotentCommands commands) {
        this.commands = commands;
    }

    @Operation(summary = "Hand the case to a partner for one purpose, sharing the named fields (coordinator)")
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('COORDINATOR')")
    ResponseEntity<CommandResponses.TransferRequested> request(
            @PathVariable @Pattern(regexp = Ids.PATTERN) String referralId,
            @Valid @RequestBody TransferRequest body, HttpServletRequest request) {
        String transferId = UUID.randomUUID().toString();
        return commands.send(request, new RequestTransferCommand(referralId, transferId, body.partnerId(),
                body.purpose(), body.legalBasis(), body.sharedFields(), body.message(),
                HostingServiceRequest.toHostingService(body.hostingService())), true,
                this::transferRequested);
    }

    private ResponseEntity<CommandResponses.TransferRequested> transferRequested(CommandOutcome outcome) {
        TransferRequestedEvent requested = outcome.lastEvent(TransferRequestedEvent.class);
        return ResponseEntity.status(HttpStatus.CREATED).eTag(Long.toString(outcome.version()))
                .body(new CommandResponses.TransferRequested(outcome.aggregateId(), requested.transferId(),
                        requested.deadline(), outcome.version(), outcome.position()));
    }

    @Operation(summary = "Send a DECLINED or CANCELLED transfer on to a partner, through the same checks as a request "
            + "and linked to it; at most once per transfer (coordinator)")
    @PostMapping(path = "/{transferId}/reroute", consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('COORDINATOR')")
    ResponseEntity<CommandResponses.TransferRequested> reroute(
            @PathVariable @Pattern(regexp = Ids.PATTERN) String referralId,
            @PathVariable @Pattern(regexp = Ids.PATTERN) String transferId,
            @Valid @RequestBody RerouteRequest body, HttpServletRequest request) {
        String newTransferId = UUID.randomUUID().toString();
        return commands.send(request, new RerouteTransferCommand(referralId, transferId, newTransferId,
                body.partnerId(), body.purpose(), body.legalBasis(), body.sharedFields(), body.message(),
                HostingServiceRequest.toHostingService(body.hostingService())), true,
                this::transferRequested);
    }

    @Operation(summary = "Confirm the transfer reached the partner (liaison of the addressed partner)")
    @PostMapping("/{transferId}/acknowledgement")
    @PreAuthorize("hasRole('LIAISON')")
    ResponseEntity<CommandResponses.TransferChanged> acknowledge(
            @PathVariable @Pattern(regexp = Ids.PATTERN) String referralId,
            @PathVariable @Pattern(regexp = Ids.PATTERN) String transferId, HttpServletRequest request) {
        return liaisonAnswer(request, transferId, new AcknowledgeTransferCommand(referralId, transferId));
    }

    @Operation(summary = "Take the case on (liaison of the addressed partner)")
    @PostMapping("/{transferId}/acceptance")
    @PreAuthorize("hasRole('LIAISON')")
    ResponseEntity<CommandResponses.TransferChanged> accept(
            @PathVariable @Pattern(regexp = Ids.PATTERN) String referralId,
            @PathVariable @Pattern(regexp = Ids.PATTERN) String transferId, HttpServletRequest request) {
        return liaisonAnswer(request, transferId, new AcceptTransferCommand(referralId, transferId));
    }

    @Operation(summary = "Turn the transfer down, saying why (liaison of the addressed partner)")
    @PostMapping(path = "/{transferId}/decline", consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('LIAISON')")
    ResponseEntity<CommandResponses.TransferChanged> decline(
            @PathVariable @Pattern(regexp = Ids.PATTERN) String referralId,
            @PathVariable @Pattern(regexp = Ids.PATTERN) String transferId,
            @Valid @RequestBody ReasonRequest body, HttpServletRequest request) {
        return liaisonAnswer(request, transferId, new DeclineTransferCommand(referralId, transferId, body.reason()));
    }

    @Operation(summary = "Report what came of an accepted transfer (liaison of the addressed partner)")
    @PostMapping(path = "/{transferId}/completion", consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('LIAISON')")
    ResponseEntity<CommandResponses.TransferChanged> complete(
            @PathVariable @Pattern(regexp = Ids.PATTERN) String referralId,
            @PathVariable @Pattern(regexp = Ids.PATTERN) String transferId,
            @Valid @RequestBody CompletionRequest body, HttpServletRequest request) {
        return liaisonAnswer(request, transferId, new CompleteTransferCommand(referralId, transferId, body.outcome(),
                body.statementOfReasons(), body.note()));
    }

    @Operation(summary = "Report what the hosting service did with one notice (content URL, by its index from 0) of "
            + "an accepted or completed content removal, also after the case closed (liaison of the addressed partner)")
    @PostMapping(path = "/{transferId}/notices/{noticeIndex}/outcome", consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('LIAISON')")
    ResponseEntity<CommandResponses.TransferChanged> noticeOutcome(
            @PathVariable @Pattern(regexp = Ids.PATTERN) String referralId,
            @PathVariable @Pattern(regexp = Ids.PATTERN) String transferId,
            @PathVariable @Min(0) @Max(10_000) int noticeIndex,
            @Valid @RequestBody NoticeOutcomeRequest body, HttpServletRequest request) {
        return liaisonAnswer(request, transferId, new RecordNoticeOutcomeCommand(referralId, transferId, noticeIndex,
                body.outcome(), body.actedAt(), body.statementOfReasons()));
    }

    @Operation(summary = "Withdraw a transfer still under way, saying why (coordinator)")
    @PostMapping(path = "/{transferId}/cancellation", consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('COORDINATOR')")
    ResponseEntity<CommandResponses.TransferChanged> cancel(
            @PathVariable @Pattern(regexp = Ids.PATTERN) String referralId,
            @PathVariable @Pattern(regexp = Ids.PATTERN) String transferId,
            @Valid @RequestBody ReasonRequest body, HttpServletRequest request) {
        return changed(request, transferId, new CancelTransferCommand(referralId, transferId, body.reason()));
    }

    private ResponseEntity<CommandResponses.TransferChanged> liaisonAnswer(HttpServletRequest request,
                                                                          String transferId, Object command) {
        try {
            return changed(request, transferId, command);
        } catch (RuleViolationException e) {
            if (e.code() == ErrorCode.NOT_LIAISON_OF_PARTNER) {
                throw new NotFoundException();
            }
            throw e;
        }
    }

    private ResponseEntity<CommandResponses.TransferChanged> changed(HttpServletRequest request, String transferId,
                                                                    Object command) {
        return commands.send(request, command, true, outcome -> ResponseEntity.ok()
                .eTag(Long.toString(outcome.version()))
                .body(new CommandResponses.TransferChanged(outcome.aggregateId(), transferId, outcome.version(),
                        outcome.position())));
    }
}
