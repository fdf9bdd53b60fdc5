package org.relais.app.dashboard;

import org.relais.core.api.query.DashboardView;
import org.relais.app.consistency.ReadsFrom;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;

/**
 * The coordinators' figures over a period, or the current period's as a stream: the stream is an Axon subscription
 * query, so each change of the read model reaches every open dashboard as a server-sent event named
 * {@code dashboard}.
 */
@RestController
@RequestMapping("/api/dashboard")
@PreAuthorize("hasAnyRole('COORDINATOR', 'AUDITOR')")
class DashboardController {

    private final DashboardStream dashboard;

    DashboardController(DashboardStream dashboard) {
        this.dashboard = dashboard;
    }

    @Operation(summary = "The dashboard's figures over a period of at most 366 days, the last 30 by default "
            + "(coordinator, auditor)")
    @ReadsFrom("dashboard")
    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    DashboardView dashboard(
            @Parameter(description = "first day, ISO date in the service's time zone, included")
            @RequestParam(required = false) String from,
            @Parameter(description = "last day, ISO date in the service's time zone, included")
            @RequestParam(required = false) String to) {
        return dashboard.current(DashboardPeriod.of(from, to));
    }

    @Operation(summary = "The current period's figures (the last 30 days), again after every change "
            + "(server-sent events; coordinator, auditor)")
    @ReadsFrom("dashboard")
    @GetMapping(path = "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter stream() {
        return dashboard.open(view -> view, MediaType.APPLICATION_JSON);
    }
}
