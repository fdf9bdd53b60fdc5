package org.relais.core.partner;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Clock;
import java.util.HashSet;
import java.util.Set;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.CreationPolicy;
import org.relais.core.api.partner.AgreementAmendedEvent;
import org.relais.core.api.partner.AgreementResumedEvent;
import org.relais.core.api.partner.AgreementSignedEvent;
import org.relais.core.api.partner.AgreementSuspendedEvent;
import org.relais.core.api.partner.AgreementTerminatedEvent;
import org.relais.core.api.partner.AgreementTerms;
import org.relais.core.api.partner.AmendAgreementCommand;
import org.relais.core.api.partner.AttachLiaisonCommand;
import org.relais.core.api.CommandResult;
import org.relais.core.api.partner.DetachLiaisonCommand;
import org.relais.core.api.ErrorCode;
import org.relais.core.api.partner.LiaisonAttachedEvent;
import org.relais.core.api.partner.LiaisonDetachedEvent;
import org.relais.core.api.partner.PartnerRegisteredEvent;
import org.relais.core.api.partner.PartnerStatus;
import org.relais.core.api.partner.RegisterPartnerCommand;
import org.relais.core.api.partner.ResumeAgreementCommand;
import org.relais.core.api.RuleViolationException;
import org.relais.core.api.partner.SignAgreementCommand;
import org.relais.core.api.partner.SuspendAgreementCommand;
import org.relais.core.api.partner.TerminateAgreementCommand;

/**
 * An organisation that receives transfers: its agreement with the service, whether that agreement is in effect, and
 * the user accounts that act for it. A repeated state change (suspending a suspended partner, resuming an active
 * one) is refused with its own code rather than ignored, so an administrator never believes a change happened.
 */
class Partner {

    @AggregateIdentifier
    private String partnerId;
    private PartnerStatus status;
    private AgreementTerms agreement;
    private final Set<String> liaisons = new HashSet<>();

    Partner() {
        // for event sourcing
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.ALWAYS)
    CommandResult handle(RegisterPartnerCommand command) {
        RegistrationPolicy.check(command);
        apply(new PartnerRegisteredEvent(command.partnerId(), command.name().strip(), command.kind()));
        return result();
    }

    @CommandHandler
    CommandResult handle(SignAgreementCommand command, Clock clock) {
        requireNotTerminated();
        if (agreement != null) {
            throw RuleViolationException.of(ErrorCode.AGREEMENT_ALREADY_SIGNED,
                    "The partner already has an agreement; amend it instead.");
        }
        AgreementPolicy.checkSigning(command.terms(), clock.instant());
        apply(new AgreementSignedEvent(partnerId, command.terms()));
        return result();
    }

    @CommandHandler
    CommandResult handle(AmendAgreementCommand command, Clock clock) {
        requireNotTerminated();
        requireAgreement();
        AgreementPolicy.checkAmendment(agreement, command.terms(), clock.instant());
        apply(new AgreementAmendedEvent(partnerId, command.terms()));
        return result();
    }

    @CommandHandler
    CommandResult handle(SuspendAgreementCommand command) {
        requireNotTerminated();
        requireAgreement();
        if (status != PartnerStatus.ACTIVE) {
            throw RuleViolationException.of(ErrorCode.PARTNER_NOT_ACTIVE, "The partner is already suspended.");
        }
        apply(new AgreementSuspendedEvent(partnerId, requiredReason(command.reason())));
        return result();
    }

    @CommandHandler
    CommandResult handle(ResumeAgreementCommand command) {
        requireNotTerminated();
        requireAgreement();
        if (status != PartnerStatus.SUSPENDED) {
            throw RuleViolationException.of(ErrorCode.PARTNER_NOT_SUSPENDED, "The partner is not suspended.");
        }
        apply(new AgreementResumedEvent(partnerId, optionalReason(command.reason())));
        return result();
    }

    @CommandHandler
    CommandResult handle(TerminateAgreementCommand command) {
        requireNotTerminated();
        requireAgreement();
        apply(new AgreementTerminatedEvent(partnerId, requiredReason(command.reason())));
        return result();
    }

    @CommandHandler
    CommandResult handle(AttachLiaisonCommand command) {
        requireNotTerminated();
        String username = requiredUsername(command.username());
        if (liaisons.contains(username)) {
            throw RuleViolationException.of(ErrorCode.LIAISON_ALREADY_ATTACHED,
                    "This account is already a liaison of the partner.");
        }
        apply(new LiaisonAttachedEvent(partnerId, username));
        return result();
    }

    // Allowed after termination: withdrawing an account's access is exactly what follows the end of a partnership.
    @CommandHandler
    CommandResult handle(DetachLiaisonCommand command) {
        String username = requiredUsername(command.username());
        if (!liaisons.contains(username)) {
            throw RuleViolationException.of(ErrorCode.LIAISON_NOT_ATTACHED,
                    "This account is not a liaison of the partner.");
        }
        apply(new LiaisonDetachedEvent(partnerId, username));
        return result();
    }

    @EventSourcingHandler
    void on(PartnerRegisteredEvent event) {
        partnerId = event.partnerId();
        status = PartnerStatus.ACTIVE;
    }

    @EventSourcingHandler
    void on(AgreementSignedEvent event) {
        agreement = event.terms();
    }

    @EventSourcingHandler
    void on(AgreementAmendedEvent event) {
        agreement = event.terms();
    }

    @EventSourcingHandler
    void on(AgreementSuspendedEvent event) {
        status = PartnerStatus.SUSPENDED;
    }

    @EventSourcingHandler
    void on(AgreementResumedEvent event) {
        status = PartnerStatus.ACTIVE;
    }

    @EventSourcingHandler
    void on(AgreementTerminatedEvent event) {
        status = PartnerStatus.TERMINATED;
    }

    @EventSourcingHandler
    void on(LiaisonAttachedEvent event) {
        liaisons.add(event.username());
    }

    @EventSourcingHandler
    void on(LiaisonDetachedEvent event) {
        liaisons.remove(event.username());
    }

    private void requireNotTerminated() {
        if (status == PartnerStatus.TERMINATED) {
            throw RuleViolationException.of(ErrorCode.PARTNER_TERMINATED, "The partner's agreement is terminated.");
        }
    }

    private void requireAgreement() {
        if (agreement == null) {
            throw RuleViolationException.of(ErrorCode.AGREEMENT_MISSING, "The partner has no agreement yet.");
        }
    }

    private static String requiredReason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw RuleViolationException.of(ErrorCode.REASON_REQUIRED, "A reason is required.");
        }
        return reason.strip();
    }

    private static String optionalReason(String reason) {
        return reason == null || reason.isBlank() ? null : reason.strip();
    }

    private static String requiredUsername(String username) {
        if (username == null || username.isBlank()) {
            throw RuleViolationException.of(ErrorCode.INVALID_INPUT, "A username is required.");
        }
        return username;
    }

    private CommandResult result() {
        return new CommandResult(partnerId, AggregateLifecycle.getVersion());
    }
}
