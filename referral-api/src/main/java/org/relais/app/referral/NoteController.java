package org.relais.app.referral;

import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import org.relais.core.api.referral.AddNoteCommand;
import org.relais.core.api.referral.NoteAddedEvent;
import org.relais.app.http.idempotency.IdempotentCommands;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Internal notes: what the coordination writes on a case after intake (a call back, an agreement made by phone).
 * They are shown in the case to coordinators and auditors, never to partners.
 */
@RestController
@Tag(name = "Referrals")
class NoteController {

    private final IdempotentCommands commands;

    NoteController(IdempotentCommands commands) {
        this.commands = commands;
    }

    record NoteAdded(String referralId, String noteId, long version, long position) {
    }

    @Operation(summary = "Write an internal note on the case, never shown to partners (coordinator)")
    @PostMapping(path = "/api/referrals/{referralId}/notes", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('COORDINATOR')")
    ResponseEntity<NoteAdded> add(@PathVariable @Pattern(regexp = Ids.PATTERN) String referralId,
                                  @Valid @RequestBody TextRequest body, HttpServletRequest request) {
        return commands.send(request, new AddNoteCommand(referralId, UUID.randomUUID().toString(), body.text()),
                true, outcome -> ResponseEntity.status(HttpStatus.CREATED).eTag(Long.toString(outcome.version()))
                        .body(new NoteAdded(outcome.aggregateId(),
                                outcome.lastEvent(NoteAddedEvent.class).noteId(), outcome.version(), outcome.position())));
    }
}
