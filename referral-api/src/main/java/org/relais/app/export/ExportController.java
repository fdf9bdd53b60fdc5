package org.relais.app.export;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.validation.constraints.Pattern;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.relais.core.api.query.AuditEntryView;
import org.relais.core.api.query.AuditTrailPageView;
import org.relais.core.api.query.FindAuditTrailQuery;
import org.relais.core.api.query.FindFlaggerNoticesQuery;
import org.relais.core.api.query.FlaggerNoticeView;
import org.relais.core.api.referral.HostingService;
import org.relais.core.api.query.NoticeAnswerView;
import org.relais.core.api.access.PersonalDataAccessedEvent;
import org.relais.core.api.referral.SealedTextFields;
import org.relais.core.privacy.PersonalDataProtector;
import org.relais.app.consistency.ReadsFrom;
import org.relais.app.integrity.EventProof;
import org.relais.app.integrity.HistoryProofs;
import org.relais.app.privacy.AccessRecorder;
import org.relais.app.http.problem.NotFoundException;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Exports for auditors: a case's event history (no personal data: the audit trail's lines; in JSON each with the
 * proof that lets a third party check it offline, see {@link HistoryProofs}), and the trusted-flagger notices in the
 * shape a Digital Services Act transparency report asks for.
 */
@RestController
@Validated
class ExportController {

    private static final int PAGE = 500;
    private static final MediaType CSV = new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8);

    private final QueryGateway queries;
    private final PersonalDataProtector protector;
    private final AccessRecorder access;
    private final HistoryProofs proofs;

    ExportController(QueryGateway queries, PersonalDataProtector protector, AccessRecorder access,
                     HistoryProofs proofs) {
        this.queries = queries;
        this.protector = protector;
        this.access = access;
        this.proofs = proofs;
    }

    @Operation(summary = "Export a case's history without personal data, as JSON or CSV (auditor)")
    @ApiResponse(responseCode = "200", description = "Each event with its proof, oldest first", content = {
            @Content(mediaType = "application/json", array = @ArraySchema(schema = @Schema(
                    implementation = ProvenEntry.class))),
            @Content(mediaType = "text/csv", schema = @Schema(type = "string"))})
    @ReadsFrom("audit-trail")
    @GetMapping("/api/referrals/{referralId}/history/export")
    @PreAuthorize("hasRole('AUDITOR')")
    ResponseEntity<?> history(@PathVariable @Pattern(regexp = "[A-Za-z0-9-]{1,64}") String referralId,
                              @RequestParam(defaultValue = "json") @Pattern(regexp = "json|csv") String format) {
        List<AuditEntryView> entries = new ArrayList<>();
        for (int page = 0; ; page++) {
            AuditTrailPageView slice = queries.query(new FindAuditTrailQuery(referralId, null, null, null, page, PAGE),
                    AuditTrailPageView.class).join();
            entries.addAll(slice.items());
            if (slice.items().size() < PAGE) {
                break;
            }
        }
        if (entries.isEmpty()) {
            throw new NotFoundException();
        }
        access.recordExport(referralId, Set.of(), "history export (" + format + ")");
        if (format.equals("json")) {
            Map<String, EventProof> proven = proofs.of(entries.stream().map(AuditEntryView::eventId).toList());
            return attachment(ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON), "history-" + referralId
                    + ".json").body(entries.stream().map(entry -> ProvenEntry.of(entry, proven.get(entry.eventId())))
                    .toList());
        }
        List<List<Object>> rows = entries.stream().map(entry -> List.<Object>of(
                String.valueOf(entry.at()), String.valueOf(entry.globalIndex()), String.valueOf(entry.eventType()),
                String.valueOf(entry.actorUser()), String.valueOf(entry.actorRole()),
                entry.actorPartner() == null ? "" : entry.actorPartner(), String.valueOf(entry.description())))
                .toList();
        return attachment(ResponseEntity.ok().contentType(CSV), "history-" + referralId + ".csv").body(Csv.of(
                List.of("at", "globalIndex", "event", "actorUser", "actorRole", "actorPartner", "description"), rows));
    }

    @Operation(summary = "Export the notices sent as a trusted flagger with their outcomes, as JSON or CSV (auditor)")
    @ApiResponse(responseCode = "200", description = "Each notice with the outcome of each of its links", content = {
            @Content(mediaType = "application/json", array = @ArraySchema(schema = @Schema(
                    implementation = Notice.class))),
            @Content(mediaType = "text/csv", schema = @Schema(type = "string"))})
    @ReadsFrom("flagger-notices")
    @GetMapping("/api/audit/exports/trusted-flagger-notices")
    @PreAuthorize("hasRole('AUDITOR')")
    ResponseEntity<?> flaggerNotices(@RequestParam(required = false)
                                     @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
                                     @RequestParam(required = false)
                                     @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
                                     @RequestParam(defaultValue = "json") @Pattern(regexp = "json|csv") String format) {
        List<Notice> notices = queries.query(new FindFlaggerNoticesQuery(from, to),
                        ResponseTypes.multipleInstancesOf(FlaggerNoticeView.class)).join().stream()
                .map(this::notice).toList();
        if (format.equals("json")) {
            return attachment(ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON),
                    "trusted-flagger-notices.json").body(notices);
        }
        List<List<Object>> rows = new ArrayList<>();
        for (Notice n : notices) {
            for (Notice.Url url : n.notices()) {
                rows.add(java.util.Arrays.<Object>asList(n.referralId(), n.transferId(), url.noticeIndex(),
                        n.partnerId(), n.hostingService(), n.hostingServicePartnerId(),
                        String.join(" ", n.categories()), n.state(), n.sentAt(), n.deadline(), n.acknowledgedAt(),
                        n.decidedAt(), n.decision(), n.statementOfReasons(), n.declineReason(), url.outcome(),
                        url.actedAt(), url.statementOfReasons()));
            }
        }
        return attachment(ResponseEntity.ok().contentType(CSV), "trusted-flagger-notices.csv").body(Csv.of(
                List.of("referralId", "transferId", "noticeIndex", "partnerId", "hostingService",
                        "hostingServicePartnerId", "categories", "state", "sentAt", "deadline", "acknowledgedAt",
                        "decidedAt", "decision", "statementOfReasons", "declineReason", "noticeOutcome",
                        "noticeActedAt", "noticeStatementOfReasons"), rows));
    }

    /**
     * Each statement of reasons and decline reason opened for the export is recorded in the access log before it is
     * handed out; the notices' statement-of-reasons references are no personal data and are not sealed.
     */
    private Notice notice(FlaggerNoticeView view) {
        Set<String> opened = new java.util.LinkedHashSet<>();
        String statement = open(view, SealedTextFields.STATEMENT_OF_REASONS, view.sealedStatementOfReasons(), opened);
        String declineReason = open(view, SealedTextFields.DECLINE_REASON, view.sealedDeclineReason(), opened);
        if (!opened.isEmpty()) {
            access.recordExport(view.referralId(), opened, "trusted-flagger notices export");
        }
        List<Notice.Url> urls = new ArrayList<>();
        for (int index = 0; index < view.noticeCount(); index++) {
            int i = index;
            NoticeAnswerView answer = view.answers().stream().filter(a -> a.noticeIndex() == i).findFirst()
                    .orElse(null);
            urls.add(answer == null ? new Notice.Url(i, null, null, null) : new Notice.Url(i,
                    answer.outcome().name(), answer.actedAt(), answer.statementOfReasons() == null
                    ? TrustedFlaggerReport.NOT_PROVIDED : answer.statementOfReasons()));
        }
        HostingService service = view.hostingService();
        return new Notice(view.referralId(), view.transferId(), view.partnerId(),
                service == null ? TrustedFlaggerReport.UNKNOWN_HOSTING_SERVICE : service.name(),
                service == null ? null : service.partnerId(),
                view.categories().stream().map(Enum::name).toList(), String.valueOf(view.state()),
                view.sentAt(), view.deadline(), view.acknowledgedAt(), view.decidedAt(),
                view.decision() == null ? null : view.decision().name(), statement, declineReason, urls);
    }

    private String open(FlaggerNoticeView view, String field, String sealed, Set<String> opened) {
        if (sealed == null) {
            return null;
        }
        Optional<String> text = protector.openTransferText(view.referralId(), view.transferId(), field, sealed);
        text.ifPresent(t -> opened.add(PersonalDataAccessedEvent.textOf(field, view.transferId())));
        return text.orElse("[erased]");
    }

    private static ResponseEntity.BodyBuilder attachment(ResponseEntity.BodyBuilder builder, String name) {
        return builder.header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name).build()
                .toString());
    }

    /**
     * One line of a case's history with the proof of its event (null while the event is not chained yet). The line
     * is the audit trail's; the proof holds the event as stored, which is what a verifier checks the line against.
     */
    record ProvenEntry(String eventId, Long globalIndex, Instant at, String aggregateType, String aggregateId,
                       long sequence, String referralId, String eventType, String actorUser, String actorRole,
                       String actorPartner, String description, EventProof proof) {

        static ProvenEntry of(AuditEntryView entry, EventProof proof) {
            return new ProvenEntry(entry.eventId(), entry.globalIndex(), entry.at(), entry.aggregateType(),
                    entry.aggregateId(), entry.sequence(), entry.referralId(), entry.eventType(), entry.actorUser(),
                    entry.actorRole(), entry.actorPartner(), entry.description(), proof);
        }
    }

    /**
     * A content removal as exported: the partner it went to, the hosting service its notices were addressed to, the
     * partner's statement of reasons and decline reason opened (they are the partner's texts), and each notice (one per
     * content URL, by index) with the hosting service's answer.
     */
    record Notice(String referralId, String transferId, String partnerId, String hostingService,
                  String hostingServicePartnerId, List<String> categories, String state, Instant sentAt,
                  Instant deadline, Instant acknowledgedAt, Instant decidedAt, String decision,
                  String statementOfReasons, String declineReason, List<Url> notices) {

        /** One notice: null outcome while unanswered. */
        record Url(int noticeIndex, String outcome, Instant actedAt, String statementOfReasons) {
        }
    }
}
