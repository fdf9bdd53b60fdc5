package org.relais.app.referral;

import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import org.relais.core.api.ErrorCode;
import org.relais.core.api.referral.PostTransferMessageCommand;
import org.relais.core.api.RuleViolationException;
import org.relais.core.api.referral.TransferMessagePostedEvent;
import org.relais.app.access.PartnerAccess;
import org.relais.app.http.idempotency.IdempotentCommands;
import org.relais.app.http.problem.NotFoundException;
import org.relais.app.security.Actor;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The conversation of one transfer, between the coordination and the addressed partner's liaisons. The referral
 * decides who may write and while when; what it cannot know, how long a completed transfer still opens the case
 * ({@code relais.access.after-completion}), is checked here from the referral's own events, as for every read
 * ({@link PartnerAccess#requireConversationOpen}). A
 * liaison of another partner is told the transfer does not exist, as for every liaison answer.
 */
@RestController
@Tag(name = "Transfers")
class ConversationController {

    private final IdempotentCommands commands;
    private final PartnerAccess access;

    ConversationController(IdempotentCommands commands, PartnerAccess access) {
        this.commands = commands;
        this.access = access;
    }

    record MessagePosted(String referralId, String transferId, String messageId, long version, long position) {
    }

    @Operation(summary = "Write in the transfer's conversation (coordinator, or liaison of the addressed partner)")
    @PostMapping(path = "/api/referrals/{referralId}/transfers/{transferId}/messages",
            consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasAnyRole('COORDINATOR', 'LIAISON')")
    ResponseEntity<MessagePosted> post(@PathVariable @Pattern(regexp = Ids.PATTERN) String referralId,
                                       @PathVariable @Pattern(regexp = Ids.PATTERN) String transferId,
                                       @Valid @RequestBody TextRequest body, HttpServletRequest request) {
        access.requireConversationOpen(Actor.required(), referralId, transferId);
        try {
            return commands.send(request, new PostTransferMessageCommand(referralId, transferId,
                    UUID.randomUUID().toString(), body.text()), true, outcome -> ResponseEntity
                    .status(HttpStatus.CREATED).eTag(Long.toString(outcome.version()))
                    .body(new MessagePosted(outcome.aggregateId(), transferId,
                            outcome.lastEvent(TransferMessagePostedEvent.class).messageId(), outcome.version(), outcome.position())));
        } catch (RuleViolationException e) {
            if (e.code() == ErrorCode.NOT_LIAISON_OF_PARTNER) {
                throw new NotFoundException();
            }
            throw e;
        }
    }
}
