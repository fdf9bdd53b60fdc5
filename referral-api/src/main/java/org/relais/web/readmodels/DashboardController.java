package org.relais.web.readmodels;

import java.io.IOException;
import java.time.Duration;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.relais.core.api.DashboardView;
import org.relais.core.api.FindDashboardQuery;
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

    private static final Duration STREAM_TIMEOUT = Duration.ofMinutes(30);

    private final QueryGateway queries;

    DashboardController(QueryGateway queries) {
        this.queries = queries;
    }

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    DashboardView dashboard() {
        return queries.query(new FindDashboardQuery(), DashboardView.class).join();
    }

    @GetMapping(path = "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter stream() {
        SseEmitter emitter = new SseEmitter(STREAM_TIMEOUT.toMillis());
        SubscriptionQueryResult<DashboardView, DashboardView> subscription = queries.subscriptionQuery(
                new FindDashboardQuery(), ResponseTypes.instanceOf(DashboardView.class),
                ResponseTypes.instanceOf(DashboardView.class));
        emitter.onCompletion(subscription::cancel);
        emitter.onTimeout(subscription::cancel);
        emitter.onError(error -> subscription.cancel());
        subscription.initialResult().concatWith(subscription.updates()).subscribe(view -> {
            try {
                emitter.send(SseEmitter.event().name("dashboard").data(view, MediaType.APPLICATION_JSON));
            } catch (IOException | IllegalStateException e) {
                // The client went away: stop listening.
                subscription.cancel();
            }
        }, error -> emitter.complete(), emitter::complete);
        return emitter;
    }
}
