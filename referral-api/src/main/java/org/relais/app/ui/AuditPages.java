package org.relais.app.ui;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.relais.core.api.query.AccessLogPageView;
import org.relais.core.api.query.AccessRecordView;
import org.relais.core.api.query.AuditEntryView;
import org.relais.core.api.query.AuditTrailPageView;
import org.relais.core.api.query.FindAccessLogQuery;
import org.relais.core.api.query.FindAuditTrailQuery;
import org.relais.core.api.query.FindReferralByReferenceQuery;
import org.relais.core.api.query.FindReferralQuery;
import org.relais.core.api.query.ReferralDetailView;
import org.relais.core.api.query.ReferralPageView;
import org.relais.app.audit.CaseHistory;
import org.relais.app.config.RelaisProperties;
import org.relais.app.integrity.AuditChainVerifier;
import org.relais.app.http.problem.NotFoundException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The auditors' pages: a case's timeline and its state as of any instant (the same {@link CaseHistory} as the
 * API), the access log, the integrity check, and CSV exports of the timeline and the access log.
 */
@Controller
@PreAuthorize("hasRole('AUDITOR')")
class AuditPages {

    private static final int EXPORT_LIMIT = 500;
    private static final int HISTORY_PAGE = 50;
    private static final int ACCESS_PAGE = 50;

    private final CaseHistory history;
    private final QueryGateway queries;
    private final AuditChainVerifier verifier;
    private final ZoneId zone;
    private final CaseStory story;
    private final Labels labels;

    AuditPages(CaseHistory history, QueryGateway queries, AuditChainVerifier verifier, RelaisProperties properties,
               CaseStory story, Labels labels) {
        this.story = story;
        this.labels = labels;
        this.history = history;
        this.queries = queries;
        this.verifier = verifier;
        this.zone = properties.timeZone();
    }

    @GetMapping("/ui/cases/{referralId}/history")
    String history(@PathVariable String referralId, @RequestParam(required = false) String asOf,
                   @RequestParam(required = false) String actor, @RequestParam(required = false) LocalDate from,
                   @RequestParam(required = false) LocalDate to, @RequestParam(defaultValue = "0") int page,
                   Model model) {
        CasePages.requireId(referralId);
        String reference = story.reference(referralId);
        if (reference == null) {
            throw new NotFoundException();
        }
        int safePage = Math.max(0, Math.min(page, 100_000));
        AuditTrailPageView timeline = queries.query(new FindAuditTrailQuery(referralId, blank(actor), start(from),
                end(to), safePage, HISTORY_PAGE), AuditTrailPageView.class).join();
        Map<Long, CaseStory.Line> lines = new HashMap<>();
        story.of(referralId).forEach(line -> lines.put(line.sequence(), line));
        List<HistoryRow> rows = timeline.items().stream().map(entry -> new HistoryRow(entry.at(),
                labels.person(entry.actorUser(), entry.actorRole(), entry.actorPartner()),
                referralId.equals(entry.aggregateId()) && lines.containsKey(entry.sequence())
                        ? lines.get(entry.sequence()).what() : labels.message("story.other"))).toList();
        model.addAttribute("referralId", referralId);
        model.addAttribute("reference", reference);
        model.addAttribute("timeline", timeline);
        model.addAttribute("rows", rows);
        model.addAttribute("pages", (timeline.total() + HISTORY_PAGE - 1) / HISTORY_PAGE);
        model.addAttribute("actor", blank(actor));
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        model.addAttribute("zone", zone.getId());
        if (asOf != null && !asOf.isBlank()) {
            Instant instant = parse(asOf);
            model.addAttribute("asOf", LocalDateTime.ofInstant(instant, zone).withNano(0).toString());
            model.addAttribute("asOfInstant", instant);
            model.addAttribute("state", history.asOf(referralId, instant).orElse(null));
        }
        Options.addTo(model);
        return "history";
    }

    /** One event of the history as the auditor reads it. */
    record HistoryRow(Instant at, String who, String what) {
    }

    @GetMapping("/ui/cases/{referralId}/history.csv")
    void historyCsv(@PathVariable String referralId, HttpServletResponse response) throws IOException {
        CasePages.requireId(referralId);
        List<AuditEntryView> entries = history.timeline(referralId, 0, EXPORT_LIMIT).items();
        if (entries.isEmpty()) {
            throw new NotFoundException();
        }
        PrintWriter out = csv(response, "history-" + referralId + ".csv");
        out.print("at,globalIndex,eventType,actorUser,actorRole,actorPartner,description\r\n");
        for (AuditEntryView entry : entries) {
            out.print(String.join(",", cell(entry.at()), cell(entry.globalIndex()), cell(entry.eventType()),
                    cell(entry.actorUser()), cell(entry.actorRole()), cell(entry.actorPartner()),
                    cell(entry.description())) + "\r\n");
        }
        out.flush();
    }

    @GetMapping("/ui/audit/access")
    String access(@RequestParam(required = false) String referralId, @RequestParam(required = false) String actor,
                  @RequestParam(required = false) LocalDate from, @RequestParam(required = false) LocalDate to,
                  @RequestParam(defaultValue = "0") int page, Model model) {
        int safePage = Math.max(0, Math.min(page, 100_000));
        String caseId = caseOf(blank(referralId));
        AccessLogPageView log = queries.query(new FindAccessLogQuery(caseId, blank(actor), start(from), end(to),
                safePage, ACCESS_PAGE), AccessLogPageView.class).join();
        Map<String, String> references = new HashMap<>();
        log.items().forEach(record -> references.computeIfAbsent(record.referralId(), this::referenceOf));
        model.addAttribute("log", log);
        model.addAttribute("references", references);
        model.addAttribute("referralId", caseId);
        model.addAttribute("caseFilter", caseId == null || "-".equals(caseId) ? blank(referralId)
                : references.computeIfAbsent(caseId, this::referenceOf));
        model.addAttribute("actor", blank(actor));
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        model.addAttribute("pages", (log.total() + ACCESS_PAGE - 1) / ACCESS_PAGE);
        return "access-log";
    }

    /** A case typed as its reference (as auditors know it) or given by its id (from a link). */
    private String caseOf(String typed) {
        if (typed == null) {
            return null;
        }
        String upper = typed.toUpperCase(Locale.ROOT);
        if (upper.matches("(R-)?\\d{4}-\\d{6,12}")) {
            ReferralPageView found = queries.query(new FindReferralByReferenceQuery(
                    upper.startsWith("R-") ? upper : "R-" + upper), ReferralPageView.class).join();
            return found.items().isEmpty() ? "-" : found.items().get(0).referralId();
        }
        CasePages.requireId(typed);
        return typed;
    }

    private String referenceOf(String referralId) {
        return queries.query(new FindReferralQuery(referralId),
                        ResponseTypes.optionalInstanceOf(ReferralDetailView.class)).join()
                .map(ReferralDetailView::reference).orElse(referralId);
    }

    private Instant start(LocalDate day) {
        return day == null ? null : day.atStartOfDay(zone).toInstant();
    }

    private Instant end(LocalDate day) {
        return day == null ? null : day.plusDays(1).atStartOfDay(zone).toInstant();
    }

    @GetMapping("/ui/audit/access.csv")
    void accessCsv(@RequestParam(required = false) String referralId, @RequestParam(required = false) String actor,
                   @RequestParam(required = false) LocalDate from, @RequestParam(required = false) LocalDate to,
                   HttpServletResponse response) throws IOException {
        AccessLogPageView log = queries.query(new FindAccessLogQuery(caseOf(blank(referralId)), blank(actor),
                start(from), end(to), 0, EXPORT_LIMIT), AccessLogPageView.class).join();
        PrintWriter out = csv(response, "access-log.csv");
        out.print("at,referralId,actorUser,actorRole,actorPartner,fields,purpose\r\n");
        for (AccessRecordView record : log.items()) {
            out.print(String.join(",", cell(record.at()), cell(record.referralId()), cell(record.actorUser()),
                    cell(record.actorRole()), cell(record.actorPartner()),
                    cell(record.fields() == null ? "" : record.fields().stream().map(Enum::name).sorted()
                            .reduce((a, b) -> a + " " + b).orElse("")), cell(record.purpose())) + "\r\n");
        }
        out.flush();
    }

    @GetMapping("/ui/audit/verification")
    String verification(Model model) {
        model.addAttribute("verification", verifier.verify());
        return "verification";
    }

    private Instant parse(String asOf) {
        try {
            return Instant.parse(asOf);
        } catch (DateTimeParseException notAnInstant) {
            try {
                return LocalDateTime.parse(asOf).atZone(zone).toInstant();
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("not a date and time");
            }
        }
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static PrintWriter csv(HttpServletResponse response, String name) throws IOException {
        response.setContentType("text/csv;charset=UTF-8");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader("Content-Disposition", "attachment; filename=\"" + name.replaceAll("[^A-Za-z0-9._-]", "")
                + "\"");
        response.setHeader("Cache-Control", "no-store");
        return response.getWriter();
    }

    /** A CSV cell, quoted, and never read by a spreadsheet as a formula. */
    static String cell(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        return "\"" + text.replace("\"", "\"\"") + "\"";
    }
}
