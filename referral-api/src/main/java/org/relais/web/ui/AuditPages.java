package org.relais.web.ui;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;

import jakarta.servlet.http.HttpServletResponse;
import org.axonframework.queryhandling.QueryGateway;
import org.relais.core.api.AccessLogPageView;
import org.relais.core.api.AccessRecordView;
import org.relais.core.api.AuditEntryView;
import org.relais.core.api.AuditTrailPageView;
import org.relais.core.api.FindAccessLogQuery;
import org.relais.web.config.RelaisProperties;
import org.relais.web.integrity.AuditChainVerifier;
import org.relais.web.problem.NotFoundException;
import org.relais.web.readmodels.CaseHistory;
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

    private final CaseHistory history;
    private final QueryGateway queries;
    private final AuditChainVerifier verifier;
    private final ZoneId zone;

    AuditPages(CaseHistory history, QueryGateway queries, AuditChainVerifier verifier, RelaisProperties properties) {
        this.history = history;
        this.queries = queries;
        this.verifier = verifier;
        this.zone = properties.timeZone();
    }

    @GetMapping("/ui/cases/{referralId}/history")
    String history(@PathVariable String referralId, @RequestParam(required = false) String asOf,
                   @RequestParam(defaultValue = "0") int page, Model model) {
        CasePages.requireId(referralId);
        AuditTrailPageView timeline = history.timeline(referralId, Math.max(0, Math.min(page, 100_000)), 100);
        if (timeline.total() == 0) {
            throw new NotFoundException();
        }
        model.addAttribute("referralId", referralId);
        model.addAttribute("timeline", timeline);
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
                  @RequestParam(defaultValue = "0") int page, Model model) {
        int safePage = Math.max(0, Math.min(page, 100_000));
        AccessLogPageView log = queries.query(new FindAccessLogQuery(blank(referralId), blank(actor), null, null,
                safePage, 50), AccessLogPageView.class).join();
        model.addAttribute("log", log);
        model.addAttribute("referralId", blank(referralId));
        model.addAttribute("actor", blank(actor));
        model.addAttribute("pages", (log.total() + 49) / 50);
        return "access-log";
    }

    @GetMapping("/ui/audit/access.csv")
    void accessCsv(@RequestParam(required = false) String referralId, @RequestParam(required = false) String actor,
                   HttpServletResponse response) throws IOException {
        AccessLogPageView log = queries.query(new FindAccessLogQuery(blank(referralId), blank(actor), null, null, 0,
                EXPORT_LIMIT), AccessLogPageView.class).join();
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
