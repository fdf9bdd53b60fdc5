package org.relais.app.referral;

import java.net.URI;
import java.time.Clock;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.axonframework.queryhandling.QueryGateway;
import org.relais.core.api.referral.AgeBand;
import org.relais.core.api.referral.AssignCoordinatorCommand;
import org.relais.core.api.Category;
import org.relais.core.api.referral.Channel;
import org.relais.core.api.referral.CloseReferralCommand;
import org.relais.core.api.referral.ErasureGround;
import org.relais.core.api.query.FindReferralsQuery;
import org.relais.core.api.referral.GiveConsentCommand;
import org.relais.core.api.referral.ReceiveReferralCommand;
import org.relais.core.api.referral.RectifyPersonalDataCommand;
import org.relais.core.api.query.ReferralPageView;
import org.relais.core.api.referral.ReferralReceivedEvent;
import org.relais.core.api.referral.ReferralStatus;
import org.relais.core.api.referral.ReopenReferralCommand;
import org.relais.core.api.referral.RequestErasureCommand;
import org.relais.core.api.referral.RiskLevel;
import org.relais.core.api.Role;
import org.relais.core.api.referral.TriageReferralCommand;
import org.relais.core.api.referral.WithdrawConsentCommand;
import org.relais.app.consistency.ReadsFrom;
import org.relais.app.http.idempotency.IdempotentCommands;
import org.relais.app.http.problem.InvalidParameterException;
import org.relais.app.security.Actor;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Intake, reading, and the coordinators' and administrators' commands on a referral. Every command is answered once
 * its events are stored, with the referral's new version (also as the ETag, for a later If-Match).
 */
@RestController
@Tag(name = "Referrals")
@RequestMapping(path = "/api/referrals", produces = MediaType.APPLICATION_JSON_VALUE)
class ReferralController {

    private final IdempotentCommands commands;
    private final QueryGateway queries;
    private final ReferralReader reader;
    private final ReferralLookups lookups;
    private final SubjectExport subjectExport;
    private final Clock clock;

    ReferralController(IdempotentCommands commands, QueryGateway queries, ReferralReader reader,
                       ReferralLookups lookups, SubjectExport subjectExport, Clock clock) {
        this.commands = commands;
        this.queries = queries;
        this.reader = reader;
        this.lookups = lookups;
        this.subjectExport = subjectExport;
        this.clock = clock;
    }

    @Operation(summary = "Take in a case (coordinator)")
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('COORDINATOR')")
    ResponseEntity<CommandResponses.Intake> receive(@Valid @RequestBody IntakeRequest body, HttpServletRequest request) {
        String referralId = UUID.randomUUID().toString();
        return commands.send(request, new ReceiveReferralCommand(referralId, body.channel(), body.reporterRole(),
                body.ageBand(), body.categories(), body.personalDetails()), false, outcome ->
                ResponseEntity.created(URI.create("/api/referrals/" + outcome.aggregateId()))
                        .eTag(Long.toString(outcome.version()))
                        .body(new CommandResponses.Intake(outcome.aggregateId(),
                                outcome.lastEvent(ReferralReceivedEvent.class).reference(), outcome.version(), outcome.position())));
    }

    /**
     * {@code reference} and {@code contact} are lookups: they answer the cases they find (one at most for a
     * reference), without the other filters; {@code contact} is for coordinators only and recorded in the access log
     * (see {@link ReferralLookups}). {@code assignee=me} is the reader.
     */
    @Operation(summary = "A page of the case list, without personal data, or the cases with a reference or "
            + "(coordinator only) a victim's or reporter's contact; filters on assignee and dates (coordinator, auditor)")
    @ReadsFrom("case-list")
    @GetMapping
    @PreAuthorize("hasAnyRole('COORDINATOR', 'AUDITOR')")
    ReferralPageView list(@RequestParam(required = false) @Size(max = 40) String reference,
                          @RequestParam(required = false) @Size(max = 500) String contact,
                          @RequestParam(required = false) @Size(max = 200) String purpose,
                          @RequestParam(required = false) @Size(max = 255) String assignee,
                          @RequestParam(required = false) Boolean unassigned,
                          @RequestParam(required = false) String receivedFrom,
                          @RequestParam(required = false) String receivedTo,
                          @RequestParam(required = false) String updatedFrom,
                          @RequestParam(required = false) String updatedTo,
                          @RequestParam(required = false) ReferralStatus status,
                          @RequestParam(required = false) RiskLevel risk,
                          @RequestParam(required = false) Category category,
                          @RequestParam(required = false) Channel channel,
                          @RequestParam(required = false) AgeBand ageBand,
                          @RequestParam(required = false) @Pattern(regexp = Ids.PATTERN) String partnerId,
                          @RequestParam(required = false) Boolean overdue,
                          @RequestParam(required = false) Boolean minor,
                          @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
                          @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size,
                          @RequestParam(defaultValue = "-receivedAt") String sort) {
        if (!FindReferralsQuery.isSupportedSort(sort)) {
            throw InvalidParameterException.sort("sort", FindReferralsQuery.SORTS);
        }
        if (reference != null && contact != null) {
            throw new InvalidParameterException("contact", "referenceOrContact");
        }
        if (reference != null) {
            return lookups.byReference(reference);
        }
        if (contact != null) {
            if (Actor.required().role() != Role.COORDINATOR) {
                throw new AccessDeniedException("contact lookups are for coordinators");
            }
            if (contact.isBlank()) {
                throw new InvalidParameterException("contact", "contact");
            }
            return lookups.byContact(contact, purpose);
        }
        return queries.query(new FindReferralsQuery(status, risk, category, channel, ageBand, partnerId, overdue, minor,
                page, size, sort, "me".equals(assignee) ? Actor.required().username() : blankToNull(assignee),
                unassigned, ListDates.from("receivedFrom", receivedFrom), ListDates.to("receivedTo", receivedTo),
                ListDates.from("updatedFrom", updatedFrom), ListDates.to("updatedTo", updatedTo)),
                ReferralPageView.class).join();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    @Operation(summary = "A case with its transfers (coordinator, auditor; a liaison: only a case transferred to "
            + "its partner, with only the fields shared with it, else 404)")
    @ReadsFrom({"case-detail", "conversations"})
    @GetMapping("/{referralId}")
    @PreAuthorize("hasAnyRole('COORDINATOR', 'AUDITOR', 'LIAISON')")
    ResponseEntity<ReferralResponse> detail(@PathVariable @Pattern(regexp = Ids.PATTERN) String referralId,
                                            @RequestParam(required = false) @Size(max = 200) String purpose) {
        ReferralResponse response = reader.find(referralId, Actor.required(), purpose);
        return ResponseEntity.ok().eTag(Long.toString(response.version())).body(response);
    }

    @Operation(summary = "Assess the risk, correcting categories or age band if needed (coordinator)")
    @PostMapping(path = "/{referralId}/triage", consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('COORDINATOR')")
    ResponseEntity<CommandResponses.ReferralChanged> triage(
            @PathVariable @Pattern(regexp = Ids.PATTERN) String referralId,
            @Valid @RequestBody TriageRequest body, HttpServletRequest request) {
        return changed(request, new TriageReferralCommand(referralId, body.riskLevel(), body.categories(),
                body.ageBand()));
    }

    @Operation(summary = "Name the coordinator who follows the case (coordinator)")
    @PostMapping(path = "/{referralId}/assignment", consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('COORDINATOR')")
    ResponseEntity<CommandResponses.ReferralChanged> assign(
            @PathVariable @Pattern(regexp = Ids.PATTERN) String referralId,
            @Valid @RequestBody AssignmentRequest body, HttpServletRequest request) {
        return changed(request, new AssignCoordinatorCommand(referralId, body.coordinator()));
    }

    @Operation(summary = "Record the consent to share with partners (coordinator)")
    @PostMapping(path = "/{referralId}/consent", consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('COORDINATOR')")
    ResponseEntity<CommandResponses.ReferralChanged> giveConsent(
            @PathVariable @Pattern(regexp = Ids.PATTERN) String referralId,
            @Valid @RequestBody ConsentRequest body, HttpServletRequest request) {
        return changed(request, new GiveConsentCommand(referralId, body.givenBy()));
    }

    @Operation(summary = "Record that the consent was withdrawn (coordinator)")
    @PostMapping(path = "/{referralId}/consent/withdrawal", consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('COORDINATOR')")
    ResponseEntity<CommandResponses.ReferralChanged> withdrawConsent(
            @PathVariable @Pattern(regexp = Ids.PATTERN) String referralId,
            @Valid @RequestBody ConsentRequest body, HttpServletRequest request) {
        return changed(request, new WithdrawConsentCommand(referralId, body.givenBy()));
    }

    @Operation(summary = "Close the case with an outcome; refused while a transfer awaits an answer; a DUPLICATE names "
            + "the case it repeats in duplicateOf (coordinator)")
    @PostMapping(path = "/{referralId}/closure", consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('COORDINATOR')")
    ResponseEntity<CommandResponses.ReferralChanged> close(
            @PathVariable @Pattern(regexp = Ids.PATTERN) String referralId,
            @Valid @RequestBody ClosureRequest body, HttpServletRequest request) {
        return changed(request, new CloseReferralCommand(referralId, body.outcome(), body.note(), body.duplicateOf()));
    }

    @Operation(summary = "Take a closed case up again (coordinator)")
    @PostMapping(path = "/{referralId}/reopening", consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('COORDINATOR')")
    ResponseEntity<CommandResponses.ReferralChanged> reopen(
            @PathVariable @Pattern(regexp = Ids.PATTERN) String referralId,
            @Valid @RequestBody ReasonRequest body, HttpServletRequest request) {
        return changed(request, new ReopenReferralCommand(referralId, body.reason()));
    }

    @Operation(summary = "Request the erasure of the case's personal data (administrator)")
    @PostMapping(path = "/{referralId}/erasure")
    @PreAuthorize("hasRole('ADMIN')")
    ResponseEntity<CommandResponses.ReferralChanged> erase(
            @PathVariable @Pattern(regexp = Ids.PATTERN) String referralId,
            @Valid @RequestBody(required = false) ErasureRequest body, HttpServletRequest request) {
        // An administrator acts on the data subject's behalf: allowed at any time, unlike erasure at retention expiry.
        return changed(request, new RequestErasureCommand(referralId, body == null ? null : body.reason(),
                ErasureGround.DATA_SUBJECT_REQUEST));
    }

    @Operation(summary = "Correct or complete the personal data: victim, reporter, content URLs, an addendum to the "
            + "narrative (coordinator; GDPR Art. 16)")
    @PostMapping(path = "/{referralId}/personal-data", consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('COORDINATOR')")
    ResponseEntity<CommandResponses.ReferralChanged> rectify(
            @PathVariable @Pattern(regexp = Ids.PATTERN) String referralId,
            @Valid @RequestBody RectificationRequest body, HttpServletRequest request) {
        return changed(request, new RectifyPersonalDataCommand(referralId,
                body.victim() == null ? null : body.victim().name(),
                body.victim() == null ? null : body.victim().contact(),
                body.reporter() == null ? null : body.reporter().name(),
                body.reporter() == null ? null : body.reporter().contact(),
                body.contentUrls(), body.narrativeAddendum()));
    }

    @Operation(summary = "Every piece of personal data of the case, opened, and its whole history in one document, "
            + "recorded in the access log (administrator; GDPR Art. 15)")
    @ReadsFrom({"case-detail", "audit-trail"})
    @GetMapping("/{referralId}/subject-export")
    @PreAuthorize("hasRole('ADMIN')")
    ResponseEntity<SubjectExport.Document> subjectExport(
            @PathVariable @Pattern(regexp = Ids.PATTERN) String referralId,
            @RequestParam(required = false) @Size(max = 200) String purpose) {
        return ResponseEntity.ok()
                .header("Content-Disposition", "attachment; filename=\"subject-export-" + referralId + ".json\"")
                .header("Cache-Control", "no-store")
                .body(subjectExport.export(referralId, purpose, clock.instant()));
    }

    private ResponseEntity<CommandResponses.ReferralChanged> changed(HttpServletRequest request, Object command) {
        return commands.send(request, command, true, outcome -> ResponseEntity.ok()
                .eTag(Long.toString(outcome.version()))
                .body(new CommandResponses.ReferralChanged(outcome.aggregateId(), outcome.version(),
                        outcome.position())));
    }
}
