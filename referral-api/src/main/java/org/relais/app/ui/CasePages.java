package org.relais.app.ui;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.relais.core.api.referral.AgeBand;
import org.relais.core.api.referral.CancelTransferCommand;
import org.relais.core.api.Category;
import org.relais.core.api.referral.Channel;
import org.relais.core.api.referral.CloseReferralCommand;
import org.relais.core.api.referral.ClosureOutcome;
import org.relais.core.api.CommandResult;
import org.relais.core.api.ErrorCode;
import org.relais.core.api.query.FindPartnersQuery;
import org.relais.core.api.query.FindReferralByReferenceQuery;
import org.relais.core.api.query.FindReferralQuery;
import org.relais.core.api.query.FindReferralsQuery;
import org.relais.core.api.referral.GiveConsentCommand;
import org.relais.core.api.referral.HostingService;
import org.relais.core.api.referral.LegalBasis;
import org.relais.core.api.partner.PartnerStatus;
import org.relais.core.api.query.PartnerView;
import org.relais.core.api.referral.PersonalDetails;
import org.relais.core.api.referral.ReceiveReferralCommand;
import org.relais.core.api.referral.RectifyPersonalDataCommand;
import org.relais.core.api.query.ReferralDetailView;
import org.relais.core.api.query.ReferralPageView;
import org.relais.core.api.referral.ReferralStatus;
import org.relais.core.api.referral.ReopenReferralCommand;
import org.relais.core.api.referral.ReporterRole;
import org.relais.core.api.referral.RequestTransferCommand;
import org.relais.core.api.referral.RerouteTransferCommand;
import org.relais.core.api.referral.RiskLevel;
import org.relais.core.api.ShareableField;
import org.relais.core.api.TransferPurpose;
import org.relais.core.api.referral.TransferState;
import org.relais.core.api.referral.TriageReferralCommand;
import org.relais.core.api.referral.WithdrawConsentCommand;
import org.relais.app.http.problem.NotFoundException;
import org.relais.app.referral.ReferralLookups;
import org.relais.app.referral.ReferralReader;
import org.relais.app.referral.ReferralResponse;
import org.relais.app.security.Actor;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The case list, the intake form and the case page with the coordinators' actions. Pages read through the same
 * query handlers and the same {@link ReferralReader} as the API (so a liaison sees exactly what the API would show
 * it), and act through the same commands; each action posts, then redirects back to the case (post-redirect-get).
 */
@Controller
@RequestMapping("/ui/cases")
class CasePages {

    private static final String ID = "[A-Za-z0-9-]{1,64}";
    private static final Set<TransferState> OPEN = EnumSet.of(TransferState.REQUESTED, TransferState.ACKNOWLEDGED,
            TransferState.ACCEPTED);

    private final QueryGateway queries;
    private final CommandGateway gateway;
    private final UiCommands commands;
    private final ReferralReader reader;
    private final Clock clock;
    private final ReferralLookups lookups;
    private final CaseStory story;

    CasePages(QueryGateway queries, CommandGateway gateway, UiCommands commands, ReferralReader reader, Clock clock,
              ReferralLookups lookups, CaseStory story) {
        this.story = story;
        this.queries = queries;
        this.gateway = gateway;
        this.commands = commands;
        this.reader = reader;
        this.clock = clock;
        this.lookups = lookups;
    }

    @GetMapping
    @PreAuthorize("hasAnyRole('COORDINATOR', 'AUDITOR')")
    String list(@RequestParam(required = false) ReferralStatus status,
                @RequestParam(required = false) RiskLevel risk,
                @RequestParam(required = false) Category category,
                @RequestParam(required = false) Channel channel,
                @RequestParam(required = false) Boolean minor,
                @RequestParam(required = false) Boolean overdue,
                @RequestParam(defaultValue = "0") int page,
                @RequestParam(defaultValue = "20") int size,
                @RequestParam(defaultValue = "-receivedAt") String sort,
                @RequestParam(defaultValue = "all") String view,
                @RequestParam(required = false) LocalDate receivedFrom,
                @RequestParam(required = false) LocalDate receivedTo,
                Model model) {
        int safePage = Math.max(0, Math.min(page, 100_000));
        int safeSize = Math.max(5, Math.min(size, 100));
        String safeSort = FindReferralsQuery.isSupportedSort(sort) ? sort : "-receivedAt";
        String safeView = List.of("mine", "unassigned").contains(view) ? view : "all";
        ZoneId service = ZoneId.of("Europe/Paris");
        ReferralPageView cases = queries.query(new FindReferralsQuery(status, risk, category, channel, null, null,
                overdue, minor, safePage, safeSize, safeSort,
                "mine".equals(safeView) ? Actor.required().username() : null,
                "unassigned".equals(safeView) ? Boolean.TRUE : null,
                receivedFrom == null ? null : receivedFrom.atStartOfDay(service).toInstant(),
                receivedTo == null ? null : receivedTo.plusDays(1).atStartOfDay(service).toInstant(), null, null),
                ReferralPageView.class).join();
        Map<String, Object> filters = new LinkedHashMap<>();
        filters.put("status", status);
        filters.put("risk", risk);
        filters.put("category", category);
        filters.put("channel", channel);
        filters.put("minor", minor);
        filters.put("overdue", overdue);
        filters.put("sort", safeSort);
        filters.put("size", safeSize);
        filters.put("view", safeView);
        filters.put("receivedFrom", receivedFrom);
        filters.put("receivedTo", receivedTo);
        model.addAttribute("cases", cases);
        model.addAttribute("filters", filters);
        model.addAttribute("pages", (cases.total() + safeSize - 1) / safeSize);
        model.addAttribute("sorts", List.of("-receivedAt", "receivedAt", "-updatedAt", "-riskLevel", "reference"));
        Options.addTo(model);
        return "cases";
    }

    /**
     * The search box of the header and the case list: a reference read out on the phone opens its case at once;
     * anything else comes back to the list saying that no case has it.
     */
    /**
     * The repeat-caller hint followed: the earlier cases sharing a contact with this one (coordinators only, each
     * recorded in the access log as a lookup of the contact it shares).
     */
    @GetMapping("/{referralId}/earlier")
    @PreAuthorize("hasRole('COORDINATOR')")
    String earlierCases(@PathVariable String referralId, Model model) {
        requireId(referralId);
        String reference = queries.query(new FindReferralQuery(referralId),
                        ResponseTypes.optionalInstanceOf(ReferralDetailView.class)).join()
                .map(ReferralDetailView::reference).orElseThrow(NotFoundException::new);
        ReferralPageView cases = lookups.earlierCasesOf(referralId, "repeat caller of " + reference);
        Map<String, Object> filters = new LinkedHashMap<>();
        filters.put("view", "earlier");
        filters.put("sort", "-receivedAt");
        filters.put("size", Math.max(1, cases.items().size()));
        model.addAttribute("cases", cases);
        model.addAttribute("filters", filters);
        model.addAttribute("pages", 1);
        model.addAttribute("earlierThan", reference);
        model.addAttribute("sorts", List.of("-receivedAt"));
        Options.addTo(model);
        return "cases";
    }

    /**
     * A caller's phone number or address typed into the list's second search box: the cases whose victim or reporter
     * has it, each recorded in the access log. Posted rather than sent in the query string, so that the contact stays
     * out of the address bar, the browser's history and any proxy's log.
     */
    @PostMapping("/contact-lookup")
    @PreAuthorize("hasRole('COORDINATOR')")
    String contactLookup(@RequestParam(defaultValue = "") String contact,
                         @RequestParam(defaultValue = "") String purpose,
                         Model model, RedirectAttributes redirect) {
        if (contact.isBlank() || contact.length() > 500) {
            UiCommands.invalid(redirect, "find.contactMissing");
            return "redirect:/ui/cases";
        }
        ReferralPageView cases = lookups.byContact(contact, blankToNull(purpose, 200));
        Map<String, Object> filters = new LinkedHashMap<>();
        filters.put("view", "contact");
        filters.put("sort", "-receivedAt");
        filters.put("size", Math.max(1, cases.items().size()));
        model.addAttribute("cases", cases);
        model.addAttribute("filters", filters);
        model.addAttribute("pages", 1);
        model.addAttribute("contactLookup", Boolean.TRUE);
        model.addAttribute("sorts", List.of("-receivedAt"));
        Options.addTo(model);
        return "cases";
    }

    @GetMapping("/find")
    @PreAuthorize("hasAnyRole('COORDINATOR', 'AUDITOR')")
    String find(@RequestParam(defaultValue = "") String q, RedirectAttributes redirect) {
        String typed = q.strip().toUpperCase(Locale.ROOT);
        if (typed.matches("(R-)?\\d{4}-\\d{6,12}")) {
            ReferralPageView found = queries.query(new FindReferralByReferenceQuery(
                    typed.startsWith("R-") ? typed : "R-" + typed), ReferralPageView.class).join();
            if (!found.items().isEmpty()) {
                return "redirect:/ui/cases/" + found.items().get(0).referralId();
            }
        }
        UiCommands.invalid(redirect, "find.none");
        return "redirect:/ui/cases";
    }

    @PostMapping("/{referralId}/personal-data")
    @PreAuthorize("hasRole('COORDINATOR')")
    String rectify(@PathVariable String referralId,
                   @RequestParam(defaultValue = "") String victimName,
                   @RequestParam(defaultValue = "") String victimContact,
                   @RequestParam(defaultValue = "") String reporterName,
                   @RequestParam(defaultValue = "") String reporterContact,
                   @RequestParam(defaultValue = "") String contentUrls,
                   @RequestParam(defaultValue = "") String narrativeAddendum,
                   RedirectAttributes redirect) {
        requireId(referralId);
        List<String> urls = contentUrls.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
        if (urls.size() > 50 || urls.stream().anyMatch(url -> !url.matches("https?://\\S{1,2040}"))) {
            UiCommands.invalid(redirect, "rectification.badUrls");
            return back(referralId);
        }
        commands.send(new RectifyPersonalDataCommand(referralId, blankToNull(victimName, 200),
                blankToNull(victimContact, 500), blankToNull(reporterName, 200), blankToNull(reporterContact, 500),
                urls.isEmpty() ? null : urls, blankToNull(narrativeAddendum, 20_000)), redirect, "rectification.done");
        return back(referralId);
    }

    @GetMapping("/new")
    @PreAuthorize("hasRole('COORDINATOR')")
    String intakeForm(Model model) {
        Options.addTo(model);
        return "intake";
    }

    /**
     * A refused intake comes back as the form itself, with everything typed during the call still there and the
     * refused fields named: rendered in the answer to the POST, never redirected, so that what was typed stays out
     * of addresses, the browser's history and the logs.
     */
    @PostMapping
    @PreAuthorize("hasRole('COORDINATOR')")
    String intake(@RequestParam(required = false) Channel channel,
                  @RequestParam(required = false) ReporterRole reporterRole,
                  @RequestParam(required = false) AgeBand ageBand,
                  @RequestParam(name = "categories", required = false) Set<Category> categories,
                  @RequestParam(defaultValue = "") String contentUrls,
                  @RequestParam(defaultValue = "") String victimName,
                  @RequestParam(defaultValue = "") String victimContact,
                  @RequestParam(defaultValue = "") String reporterName,
                  @RequestParam(defaultValue = "") String reporterContact,
                  @RequestParam(defaultValue = "") String narrative,
                  Model model, HttpServletResponse response, RedirectAttributes redirect) {
        FormErrors errors = FormErrors.of("intake");
        if (channel == null) {
            errors.field("channel", "intake.channelRequired");
        }
        if (reporterRole == null) {
            errors.field("reporterRole", "intake.reporterRoleRequired");
        }
        if (ageBand == null) {
            errors.field("ageBand", "intake.ageBandRequired");
        }
        if (categories == null || categories.isEmpty()) {
            errors.field("categories", "intake.categoryRequired");
        }
        List<String> urls = contentUrls.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
        if (urls.stream().anyMatch(url -> !url.matches("https?://\\S{1,2040}")) || urls.size() > 50) {
            errors.field("contentUrls", "intake.badUrls");
        }
        tooLong(errors, "victimName", victimName, 200);
        tooLong(errors, "victimContact", victimContact, 500);
        tooLong(errors, "reporterName", reporterName, 200);
        tooLong(errors, "reporterContact", reporterContact, 500);
        tooLong(errors, "narrative", narrative, 20_000);
        ErrorCode refused = null;
        String referralId = UUID.randomUUID().toString();
        if (errors.isEmpty()) {
            PersonalDetails details = new PersonalDetails(blankToNull(victimName, 200),
                    blankToNull(victimContact, 500), blankToNull(reporterName, 200),
                    blankToNull(reporterContact, 500), blankToNull(narrative, 20_000), urls);
            refused = commands.refusal(() -> gateway.sendAndWait(new ReceiveReferralCommand(referralId, channel,
                    reporterRole, ageBand, categories, details)));
            if (refused == null) {
                redirect.addFlashAttribute(UiCommands.SUCCESS, "intake.done");
                return "redirect:/ui/cases/" + referralId;
            }
        }
        Map<String, Object> typed = new HashMap<>();
        typed.put("channel", channel);
        typed.put("reporterRole", reporterRole);
        typed.put("ageBand", ageBand);
        typed.put("categories", categories == null ? Set.of() : categories);
        typed.put("contentUrls", contentUrls);
        typed.put("victimName", victimName);
        typed.put("victimContact", victimContact);
        typed.put("reporterName", reporterName);
        typed.put("reporterContact", reporterContact);
        typed.put("narrative", narrative);
        model.addAttribute("typed", typed);
        model.addAttribute(FormErrors.MODEL, refused == null ? errors : errors.general(UiCommands.messageKey(refused)));
        response.setStatus(refused == null ? HttpStatus.UNPROCESSABLE_ENTITY.value() : HttpStatus.CONFLICT.value());
        Options.addTo(model);
        return "intake";
    }

    private static void tooLong(FormErrors errors, String field, String value, int max) {
        if (value != null && value.strip().length() > max) {
            errors.field(field, "form.tooLong");
        }
    }

    @GetMapping("/{referralId}")
    @PreAuthorize("hasAnyRole('COORDINATOR', 'AUDITOR', 'LIAISON')")
    String detail(@PathVariable String referralId, Model model) {
        requireId(referralId);
        return casePage(referralId, model);
    }

    private String casePage(String referralId, Model model) {
        Actor me = Actor.required();
        ReferralResponse referral = reader.find(referralId, me, null);
        model.addAttribute("referral", referral);
        model.addAttribute("timeline", me.role() == org.relais.core.api.Role.LIAISON
                ? story.asSeenByPartner(referralId, me.partnerId()) : story.of(referralId));
        model.addAttribute("transfersInThreads", TransferThreads.ordered(referral.transfers()));
        model.addAttribute("partnerOfTransfer", TransferThreads.partners(referral.transfers()));
        model.addAttribute("now", clock.instant());
        Options.addTo(model);
        if (me.role() == org.relais.core.api.Role.COORDINATOR) {
            model.addAttribute("destinations", destinations(referral));
            model.addAttribute("openTransfers", referral.transfers().stream()
                    .filter(transfer -> OPEN.contains(transfer.state())).toList());
        }
        return "case";
    }

    @PostMapping("/{referralId}/triage")
    @PreAuthorize("hasRole('COORDINATOR')")
    String triage(@PathVariable String referralId, @RequestParam(required = false) RiskLevel riskLevel,
                  @RequestParam(name = "categories", required = false) Set<Category> categories,
                  @RequestParam(required = false) AgeBand ageBand, RedirectAttributes redirect) {
        requireId(referralId);
        if (riskLevel == null) {
            UiCommands.invalid(redirect, "triage.riskRequired");
        } else {
            commands.send(new TriageReferralCommand(referralId, riskLevel,
                    categories == null || categories.isEmpty() ? null : categories, ageBand), redirect, "triage.done");
        }
        return back(referralId);
    }

    @PostMapping("/{referralId}/consent")
    @PreAuthorize("hasRole('COORDINATOR')")
    String consent(@PathVariable String referralId, @RequestParam(defaultValue = "") String givenBy,
                   RedirectAttributes redirect) {
        requireId(referralId);
        if (givenBy.isBlank() || givenBy.length() > 200) {
            UiCommands.invalid(redirect, "consent.givenByRequired");
        } else {
            commands.send(new GiveConsentCommand(referralId, givenBy.strip()), redirect, "consent.done");
        }
        return back(referralId);
    }

    @PostMapping("/{referralId}/consent/withdrawal")
    @PreAuthorize("hasRole('COORDINATOR')")
    String withdrawConsent(@PathVariable String referralId, @RequestParam(defaultValue = "") String givenBy,
                           RedirectAttributes redirect) {
        requireId(referralId);
        if (givenBy.isBlank() || givenBy.length() > 200) {
            UiCommands.invalid(redirect, "consent.givenByRequired");
        } else {
            commands.send(new WithdrawConsentCommand(referralId, givenBy.strip()), redirect, "consent.withdrawn");
        }
        return back(referralId);
    }

    @PostMapping("/{referralId}/transfers")
    @PreAuthorize("hasRole('COORDINATOR')")
    String transfer(@PathVariable String referralId, @RequestParam(defaultValue = "") String destination,
                    @RequestParam(required = false) LegalBasis legalBasis,
                    @RequestParam(name = "sharedFields", required = false) Set<ShareableField> sharedFields,
                    @RequestParam(defaultValue = "") String message,
                    @RequestParam(defaultValue = "") String hostingService, Model model,
                    HttpServletResponse response, RedirectAttributes redirect) {
        requireId(referralId);
        FormErrors errors = FormErrors.of("transfer");
        String[] parts = destination.split("\\|", 2);
        boolean known = parts.length == 2 && parts[0].matches("[a-z0-9][a-z0-9-]{0,63}")
                && Arrays.stream(TransferPurpose.values()).anyMatch(p -> p.name().equals(parts[1]));
        if (!known) {
            errors.field("destination", "transfer.destinationRequired");
        }
        if (legalBasis == null) {
            errors.field("legalBasis", "transfer.legalBasisRequired");
        }
        tooLong(errors, "message", message, 5_000);
        tooLong(errors, "hostingService", hostingService, 200);
        ErrorCode refused = null;
        if (errors.isEmpty()) {
            Set<ShareableField> shared = sharedFields == null ? Set.of() : sharedFields;
            refused = commands.refusal(() -> gateway.sendAndWait(new RequestTransferCommand(referralId,
                    UUID.randomUUID().toString(), parts[0], TransferPurpose.valueOf(parts[1]), legalBasis, shared,
                    blankToNull(message, 5_000), hostingService.isBlank() ? null
                    : new HostingService(blankToNull(hostingService, 200), null))));
            if (refused == null) {
                redirect.addFlashAttribute(UiCommands.SUCCESS, "transfer.done");
                return back(referralId);
            }
            errors = errors.refusedBy(refused, TRANSFER_FIELDS);
        }
        Map<String, Object> typed = new HashMap<>();
        typed.put("destination", destination);
        typed.put("legalBasis", legalBasis);
        typed.put("sharedFields", sharedFields == null ? Set.of() : sharedFields);
        typed.put("message", message);
        typed.put("hostingService", hostingService);
        return refusedForm(referralId, errors, typed, refused, model, response);
    }

    /** The fields that the rules of a refused transfer are about, to name them next to the form's field. */
    private static final Map<ErrorCode, String> TRANSFER_FIELDS = Map.ofEntries(
            Map.entry(ErrorCode.CONSENT_REQUIRED, "legalBasis"),
            Map.entry(ErrorCode.MANDATORY_REPORT_NOT_JUSTIFIED, "legalBasis"),
            Map.entry(ErrorCode.MANDATORY_REPORT_PARTNER_KIND, "legalBasis"),
            Map.entry(ErrorCode.AGREEMENT_FIELD_NOT_ALLOWED, "sharedFields"),
            Map.entry(ErrorCode.HOSTING_SERVICE_REQUIRED, "hostingService"),
            Map.entry(ErrorCode.PARTNER_NOT_FOUND, "destination"),
            Map.entry(ErrorCode.PARTNER_NOT_ACTIVE, "destination"),
            Map.entry(ErrorCode.PARTNER_TERMINATED, "destination"),
            Map.entry(ErrorCode.AGREEMENT_MISSING, "destination"),
            Map.entry(ErrorCode.AGREEMENT_NOT_IN_FORCE, "destination"),
            Map.entry(ErrorCode.AGREEMENT_CATEGORY_NOT_COVERED, "destination"),
            Map.entry(ErrorCode.AGREEMENT_PURPOSE_NOT_COVERED, "destination"),
            Map.entry(ErrorCode.TRANSFER_ALREADY_OPEN, "destination"));

    private static final Map<ErrorCode, String> CLOSURE_FIELDS = Map.of(
            ErrorCode.DUPLICATE_OF_REQUIRED, "duplicateOf",
            ErrorCode.DUPLICATE_OF_UNKNOWN, "duplicateOf",
            ErrorCode.DUPLICATE_OF_ITSELF, "duplicateOf",
            ErrorCode.DUPLICATE_OF_ERASED, "duplicateOf");

    /** The case page again, its refused form filled with what was typed, in the answer to the POST. */
    private String refusedForm(String referralId, FormErrors errors, Map<String, Object> typed, ErrorCode refused,
                               Model model, HttpServletResponse response) {
        model.addAttribute("typed", typed);
        model.addAttribute(FormErrors.MODEL, errors);
        response.setStatus(refused == null ? HttpStatus.UNPROCESSABLE_ENTITY.value() : HttpStatus.CONFLICT.value());
        return casePage(referralId, model);
    }

    @PostMapping("/{referralId}/transfers/{transferId}/cancellation")
    @PreAuthorize("hasRole('COORDINATOR')")
    String cancel(@PathVariable String referralId, @PathVariable String transferId,
                  @RequestParam(defaultValue = "") String reason, RedirectAttributes redirect) {
        requireId(referralId);
        requireId(transferId);
        commands.send(new CancelTransferCommand(referralId, transferId, blankToNull(reason, 2_000)), redirect,
                "transfer.cancelled");
        return back(referralId);
    }

    /** The purpose comes with the chosen partner; the legal basis and the shared fields stay the replaced one's. */
    @PostMapping("/{referralId}/transfers/{transferId}/reroute")
    @PreAuthorize("hasRole('COORDINATOR')")
    String reroute(@PathVariable String referralId, @PathVariable String transferId,
                   @RequestParam(defaultValue = "") String destination, @RequestParam(defaultValue = "") String message,
                   RedirectAttributes redirect) {
        requireId(referralId);
        requireId(transferId);
        String[] parts = destination.split("\\|", 2);
        if (parts.length != 2 || !parts[0].matches("[a-z0-9][a-z0-9-]{0,63}")
                || Arrays.stream(TransferPurpose.values()).noneMatch(p -> p.name().equals(parts[1]))) {
            UiCommands.invalid(redirect, "reroute.incomplete");
            return back(referralId);
        }
        commands.send(new RerouteTransferCommand(referralId, transferId, UUID.randomUUID().toString(), parts[0],
                TransferPurpose.valueOf(parts[1]), null, null, blankToNull(message, 5_000)), redirect, "reroute.done");
        return back(referralId);
    }

    @PostMapping("/{referralId}/closure")
    @PreAuthorize("hasRole('COORDINATOR')")
    String close(@PathVariable String referralId, @RequestParam(required = false) ClosureOutcome outcome,
                 @RequestParam(defaultValue = "") String note, @RequestParam(defaultValue = "") String duplicateOf,
                 Model model, HttpServletResponse response, RedirectAttributes redirect) {
        requireId(referralId);
        FormErrors errors = FormErrors.of("closure");
        if (outcome == null) {
            errors.field("outcome", "closure.outcomeRequired");
        }
        tooLong(errors, "duplicateOf", duplicateOf, 64);
        tooLong(errors, "note", note, 5_000);
        ErrorCode refused = null;
        if (errors.isEmpty()) {
            refused = commands.refusal(() -> gateway.sendAndWait(new CloseReferralCommand(referralId, outcome,
                    blankToNull(note, 5_000), blankToNull(duplicateOf, 64))));
            if (refused == null) {
                redirect.addFlashAttribute(UiCommands.SUCCESS, "closure.done");
                return back(referralId);
            }
            errors = errors.refusedBy(refused, CLOSURE_FIELDS);
        }
        Map<String, Object> typed = new HashMap<>();
        typed.put("outcome", outcome);
        typed.put("note", note);
        typed.put("duplicateOf", duplicateOf);
        return refusedForm(referralId, errors, typed, refused, model, response);
    }

    @PostMapping("/{referralId}/reopening")
    @PreAuthorize("hasRole('COORDINATOR')")
    String reopen(@PathVariable String referralId, @RequestParam(defaultValue = "") String reason,
                  RedirectAttributes redirect) {
        requireId(referralId);
        commands.send(new ReopenReferralCommand(referralId, blankToNull(reason, 2_000)), redirect, "reopening.done");
        return back(referralId);
    }

    /**
     * The partner picker: every (partner, purpose) pair that the transfer gate would let through for this case
     * today, decided by the agreement's own {@link org.relais.core.api.partner.AgreementTerms#admits} (the command side
     * checks the same terms again, from the partner's events, when the transfer is requested).
     */
    private List<Destination> destinations(ReferralResponse referral) {
        Instant now = clock.instant();
        List<Destination> destinations = new ArrayList<>();
        List<PartnerView> partners = queries.query(new FindPartnersQuery(),
                ResponseTypes.multipleInstancesOf(PartnerView.class)).join();
        for (PartnerView partner : partners) {
            if (partner.status() != PartnerStatus.ACTIVE || partner.agreement() == null) {
                continue;
            }
            for (TransferPurpose purpose : TransferPurpose.values()) {
                if (partner.agreement().admits(referral.categories(), purpose, now)) {
                    destinations.add(new Destination(partner.partnerId() + "|" + purpose.name(), partner.name(),
                            purpose, partner.agreement().shareableFields()));
                }
            }
        }
        destinations.sort(Comparator.comparing(Destination::partnerName).thenComparing(Destination::purpose));
        return destinations;
    }

    record Destination(String value, String partnerName, TransferPurpose purpose, Set<ShareableField> fields) {
    }

    static void requireId(String id) {
        if (id == null || !id.matches(ID)) {
            throw new org.relais.app.http.problem.NotFoundException();
        }
    }

    private static String back(String referralId) {
        return "redirect:/ui/cases/" + referralId;
    }

    static String blankToNull(String value, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String stripped = value.strip();
        if (stripped.length() > max) {
            throw new IllegalArgumentException("too long");
        }
        return stripped;
    }
}
