package org.relais.app.ui;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.DayOfWeek;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.relais.core.api.partner.AgreementTerms;
import org.relais.core.api.partner.AmendAgreementCommand;
import org.relais.core.api.Category;
import org.relais.core.api.ErrorCode;
import org.relais.core.api.query.FindPartnersQuery;
import org.relais.core.api.admin.FindProjectionsQuery;
import org.relais.core.api.query.PartnerView;
import org.relais.core.api.admin.ProjectionStatusView;
import org.relais.core.api.RuleViolationException;
import org.relais.core.api.ShareableField;
import org.relais.core.api.partner.SignAgreementCommand;
import org.relais.core.api.partner.SlaKind;
import org.relais.core.api.TransferPurpose;
import org.relais.projections.rebuild.ProjectionRebuilder;
import org.relais.app.http.problem.NotFoundException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The administrators' pages: the partner directory with each agreement's terms and the form that signs or amends
 * them, and the read models' state.
 */
@Controller
@PreAuthorize("hasRole('ADMIN')")
class AdminPages {

    private final QueryGateway queries;
    private final ProjectionRebuilder rebuilder;
    private final CommandGateway commands;
    private final ReadYourWrites readYourWrites;
    private final Clock clock;

    AdminPages(QueryGateway queries, ProjectionRebuilder rebuilder, CommandGateway commands,
               ReadYourWrites readYourWrites, Clock clock) {
        this.queries = queries;
        this.rebuilder = rebuilder;
        this.commands = commands;
        this.readYourWrites = readYourWrites;
        this.clock = clock;
    }

    @GetMapping("/ui/admin/partners")
    String partners(Model model) {
        model.addAttribute("partners", queries.query(new FindPartnersQuery(),
                ResponseTypes.multipleInstancesOf(PartnerView.class)).join());
        return "partners";
    }

    /** The agreement's form, filled with the current terms (or today's signature for a first agreement). */
    @GetMapping("/ui/admin/partners/{partnerId}/agreement")
    String agreementForm(@PathVariable String partnerId, Model model) {
        PartnerView partner = partner(partnerId);
        AgreementTerms current = partner.agreement();
        ZoneId zone = current == null ? ZoneId.of("Europe/Paris") : ZoneId.of(current.serviceHours().zoneId());
        return agreementPage(partner, AgreementForm.of(current, LocalDate.now(clock.withZone(zone))), Map.of(), null,
                model);
    }

    /**
     * Signs the agreement, or amends it once signed, through the same commands as the API. A form that does not read,
     * or that the partner's rules refuse, comes back as typed with the message next to its field (or above the form
     * for a rule of the whole agreement).
     */
    @PostMapping("/ui/admin/partners/{partnerId}/agreement")
    String agreement(@PathVariable String partnerId, @ModelAttribute("form") AgreementForm form, Model model,
                     RedirectAttributes redirect) {
        PartnerView partner = partner(partnerId);
        AgreementForm.Reading reading = form.terms(clock.instant(), partner.agreement());
        if (!reading.errors().isEmpty()) {
            return agreementPage(partner, form, reading.errors(), null, model);
        }
        try {
            try {
                commands.sendAndWait(new SignAgreementCommand(partnerId, reading.terms()));
                redirect.addFlashAttribute(UiCommands.SUCCESS, "agreementForm.signed");
            } catch (RuleViolationException e) {
                if (e.code() != ErrorCode.AGREEMENT_ALREADY_SIGNED) {
                    throw e;
                }
                commands.sendAndWait(new AmendAgreementCommand(partnerId, reading.terms()));
                redirect.addFlashAttribute(UiCommands.SUCCESS, "agreementForm.amended");
            }
        } catch (RuleViolationException e) {
            return agreementPage(partner, form, Map.of(), UiCommands.messageKey(e.code()), model);
        }
        readYourWrites.await(Set.of("partner-directory"));
        return "redirect:/ui/admin/partners#partner-" + partnerId;
    }

    private String agreementPage(PartnerView partner, AgreementForm form, Map<String, String> errors,
                                 String refusal, Model model) {
        model.addAttribute("partner", partner);
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("refusal", refusal);
        model.addAttribute("categories", Category.values());
        model.addAttribute("purposes", TransferPurpose.values());
        model.addAttribute("shareableFields", ShareableField.values());
        model.addAttribute("slaKinds", SlaKind.values());
        model.addAttribute("holidayCalendars", AgreementForm.HOLIDAY_CALENDARS);
        model.addAttribute("days", DayOfWeek.values());
        return "agreement-form";
    }

    private PartnerView partner(String partnerId) {
        return queries.query(new FindPartnersQuery(), ResponseTypes.multipleInstancesOf(PartnerView.class)).join()
                .stream().filter(p -> p.partnerId().equals(partnerId)).findFirst()
                .orElseThrow(NotFoundException::new);
    }

    @GetMapping("/ui/admin/projections")
    String projections(Model model) {
        model.addAttribute("projections", projections());
        return "projections";
    }

    /** The status table alone, which the page fetches every second or two to move its progress bars. */
    @GetMapping("/ui/admin/projections/status")
    String status(Model model) {
        model.addAttribute("projections", projections());
        return "projections :: status";
    }

    @PostMapping("/ui/admin/projections/{name}/rebuild")
    String rebuild(@PathVariable String name, RedirectAttributes redirect) {
        if (!rebuilder.exists(name)) {
            throw new NotFoundException();
        }
        rebuilder.start(name);
        redirect.addFlashAttribute(UiCommands.SUCCESS, "projections.started");
        return "redirect:/ui/admin/projections";
    }

    private List<ProjectionStatusView> projections() {
        return queries.query(new FindProjectionsQuery(),
                ResponseTypes.multipleInstancesOf(ProjectionStatusView.class)).join();
    }
}
