package org.relais.web.ui;

import java.util.List;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.relais.core.api.FindPartnersQuery;
import org.relais.core.api.FindProjectionsQuery;
import org.relais.core.api.PartnerView;
import org.relais.core.api.ProjectionStatusView;
import org.relais.projections.rebuild.ProjectionRebuilder;
import org.relais.web.problem.NotFoundException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The administrators' pages: the partner directory with each agreement's terms, and the read models' state. */
@Controller
@PreAuthorize("hasRole('ADMIN')")
class AdminPages {

    private final QueryGateway queries;
    private final ProjectionRebuilder rebuilder;

    AdminPages(QueryGateway queries, ProjectionRebuilder rebuilder) {
        this.queries = queries;
        this.rebuilder = rebuilder;
    }

    @GetMapping("/ui/admin/partners")
    String partners(Model model) {
        model.addAttribute("partners", queries.query(new FindPartnersQuery(),
                ResponseTypes.multipleInstancesOf(PartnerView.class)).join());
        return "partners";
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
