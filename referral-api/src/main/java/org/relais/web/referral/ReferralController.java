package org.relais.web.referral;

import java.net.URI;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.relais.core.api.AgeBand;
import org.relais.core.api.Category;
import org.relais.core.api.Channel;
import org.relais.core.api.CommandResult;
import org.relais.core.api.FindReferralQuery;
import org.relais.core.api.FindReferralsQuery;
import org.relais.core.api.ReceiveReferralCommand;
import org.relais.core.api.ReferralDetailView;
import org.relais.core.api.ReferralPageView;
import org.relais.core.api.ReferralStatus;
import org.relais.core.api.RiskLevel;
import org.relais.web.problem.NotFoundException;
import org.relais.web.security.RelaisUser;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Intake and reading of referrals. Commands are answered once their events are stored. */
@RestController
@Validated
@RequestMapping(path = "/api/referrals", produces = MediaType.APPLICATION_JSON_VALUE)
class ReferralController {

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final ReferralReader reader;

    ReferralController(CommandGateway commands, QueryGateway queries, ReferralReader reader) {
        this.commands = commands;
        this.queries = queries;
        this.reader = reader;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> receive(@Valid @RequestBody IntakeRequest request) {
        String referralId = UUID.randomUUID().toString();
        CommandResult result = commands.sendAndWait(new ReceiveReferralCommand(referralId, request.channel(),
                request.reporterRole(), request.ageBand(), request.categories(), request.personalDetails()));
        return ResponseEntity.created(URI.create("/api/referrals/" + referralId))
                .eTag(Long.toString(result.version()))
                .body(Map.of("referralId", referralId, "version", result.version()));
    }

    @GetMapping
    ReferralPageView list(@RequestParam(required = false) ReferralStatus status,
                          @RequestParam(required = false) RiskLevel risk,
                          @RequestParam(required = false) Category category,
                          @RequestParam(required = false) Channel channel,
                          @RequestParam(required = false) AgeBand ageBand,
                          @RequestParam(required = false) String partnerId,
                          @RequestParam(required = false) Boolean overdue,
                          @RequestParam(required = false) Boolean minor,
                          @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
                          @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size,
                          @RequestParam(defaultValue = "-receivedAt") String sort) {
        if (!FindReferralsQuery.isSupportedSort(sort)) {
            throw new IllegalArgumentException("unsupported sort");
        }
        return queries.query(new FindReferralsQuery(status, risk, category, channel, ageBand, partnerId, overdue, minor,
                page, size, sort), ReferralPageView.class).join();
    }

    @GetMapping("/{referralId}")
    ResponseEntity<ReferralResponse> detail(@PathVariable String referralId, @AuthenticationPrincipal RelaisUser user) {
        ReferralDetailView view = queries.query(new FindReferralQuery(referralId),
                        ResponseTypes.optionalInstanceOf(ReferralDetailView.class)).join()
                .orElseThrow(NotFoundException::new);
        return ResponseEntity.ok().eTag(Long.toString(view.version())).body(reader.read(view, user));
    }
}
