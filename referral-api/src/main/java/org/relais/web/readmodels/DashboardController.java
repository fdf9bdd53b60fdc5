package org.relais.web.readmodels;

import org.relais.core.api.DashboardView;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The coordinators' KPIs, once or as a stream: the stream is an Axon subscription query, so each change of the
 * figures reaches every open dashboard as a server-sent event named {@code dashboard}.
 */
@RestController
@RequestMapping("/api/dashboard")
@PreAuthorize("hasAnyRole('COORDINATOR', 'AUDITOR')")
class DashboardController {

    private final DashboardStream dashboard;

    DashboardController(DashboardStream dashboard) {
        this.dashboard = dashboard;
    }

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    DashboardView dashboard() {
        return dashboard.current();
    }

    @GetMapping(path = "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter stream() {
        return dashboard.open(view -> view, MediaType.APPLICATION_JSON);
    }
}
