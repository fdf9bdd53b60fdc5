package org.relais.app.ui;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.relais.core.api.query.DashboardView;
import org.relais.core.api.query.FindDashboardQuery;
import org.relais.core.api.query.FindPartnersQuery;
import org.relais.core.api.query.PartnerView;
import org.relais.app.dashboard.DashboardPeriod;
import org.relais.app.dashboard.DashboardStream;
import org.relais.app.http.problem.InvalidParameterException;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;

/**
 * The dashboard over a period chosen in a form (the last 30 days by default). On the current period, the same Axon
 * subscription as the API's stream sends each new state of the figures, rendered here into the charts' HTML in the
 * reader's language, as a server-sent event on this session-authenticated URL, so that the browser never calls the
 * API; a past period is a fixed picture and opens no stream.
 */
@Controller
@PreAuthorize("hasAnyRole('COORDINATOR', 'AUDITOR')")
class DashboardPages {

    private final DashboardStream dashboard;
    private final QueryGateway queries;
    private final SpringTemplateEngine templates;
    private final MessageSource messages;

    DashboardPages(DashboardStream dashboard, QueryGateway queries, SpringTemplateEngine templates,
                   MessageSource messages) {
        this.dashboard = dashboard;
        this.queries = queries;
        this.templates = templates;
        this.messages = messages;
    }

    @GetMapping("/ui/dashboard")
    String page(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                Model model) {
        FindDashboardQuery period;
        try {
            period = DashboardPeriod.of(from, to);
        } catch (InvalidParameterException e) {
            model.addAttribute("periodError", e.parameter());
            period = new FindDashboardQuery();
        }
        model.addAttribute("charts", charts(dashboard.current(period), period.currentPeriod(),
                LocaleContextHolder.getLocale()));
        return "dashboard";
    }

    @GetMapping(path = "/ui/dashboard/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter stream() {
        Locale locale = LocaleContextHolder.getLocale();
        Function<DashboardView, Object> render = view -> {
            Context context = new Context(locale);
            context.setVariable("charts", charts(view, true, locale));
            return templates.process("dashboard", Set.of("charts"), context);
        };
        return dashboard.open(render, MediaType.TEXT_HTML);
    }

    private DashboardCharts charts(DashboardView view, boolean live, Locale locale) {
        return DashboardCharts.of(view, partnerNames(), live,
                code -> messages.getMessage(code, null, code, locale));
    }

    private Map<String, String> partnerNames() {
        return queries.query(new FindPartnersQuery(), ResponseTypes.multipleInstancesOf(PartnerView.class)).join()
                .stream().sorted(Comparator.comparing(PartnerView::name))
                .collect(Collectors.toMap(PartnerView::partnerId, PartnerView::name, (a, b) -> a,
                        LinkedHashMap::new));
    }
}
