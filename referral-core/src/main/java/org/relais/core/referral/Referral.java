package org.relais.core.referral;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Clock;
import java.time.Year;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.CreationPolicy;
import org.relais.core.api.CommandResult;
import org.relais.core.api.ReceiveReferralCommand;
import org.relais.core.api.ReferralReceivedEvent;
import org.relais.core.api.ReferralStatus;
import org.relais.core.privacy.PersonalDataProtector;

/** A case, from intake through its transfers to partners until it is closed. */
class Referral {

    @AggregateIdentifier
    private String referralId;
    private ReferralStatus status;

    Referral() {
        // for event sourcing
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.ALWAYS)
    CommandResult handle(ReceiveReferralCommand command,
                         ReferenceAllocator references,
                         PersonalDataProtector protector,
                         Clock clock) {
        IntakePolicy.check(command);
        Year year = Year.now(clock);
        apply(new ReferralReceivedEvent(command.referralId(),
                ReferenceAllocator.format(year, references.nextNumber(year)),
                command.channel(),
                command.reporterRole(),
                command.ageBand(),
                command.categories(),
                protector.seal(command.referralId(), command.personalDetails())));
        return result();
    }

    @EventSourcingHandler
    void on(ReferralReceivedEvent event) {
        referralId = event.referralId();
        status = ReferralStatus.RECEIVED;
    }

    private CommandResult result() {
        return new CommandResult(referralId, AggregateLifecycle.getVersion());
    }
}
