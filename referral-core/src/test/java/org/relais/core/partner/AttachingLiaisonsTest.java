package org.relais.core.partner;

import static org.relais.core.partner.PartnerTestData.CLOCK;
import static org.relais.core.partner.PartnerTestData.PARTNER_ID;
import static org.relais.core.partner.PartnerTestData.terms;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.relais.core.api.partner.AgreementSignedEvent;
import org.relais.core.api.partner.AgreementTerminatedEvent;
import org.relais.core.api.partner.AttachLiaisonCommand;
import org.relais.core.api.CommandResult;
import org.relais.core.api.partner.DetachLiaisonCommand;
import org.relais.core.api.ErrorCode;
import org.relais.core.api.partner.LiaisonAttachedEvent;
import org.relais.core.api.partner.LiaisonDetachedEvent;
import org.relais.core.api.PartnerKind;
import org.relais.core.api.partner.PartnerRegisteredEvent;
import org.relais.core.api.RuleViolationException;

class AttachingLiaisonsTest {

    private static final PartnerRegisteredEvent REGISTERED =
            new PartnerRegisteredEvent(PARTNER_ID, "Helpline association", PartnerKind.HELPLINE);
    private static final AgreementSignedEvent SIGNED = new AgreementSignedEvent(PARTNER_ID, terms());
    private static final AgreementTerminatedEvent TERMINATED =
            new AgreementTerminatedEvent(PARTNER_ID, "Association dissolved");
    private static final LiaisonAttachedEvent ATTACHED = new LiaisonAttachedEvent(PARTNER_ID, "helpline");

    private FixtureConfiguration<Partner> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Partner.class);
        fixture.registerInjectableResource(CLOCK);
    }

    @Test
    void account_becomes_a_liaison_of_the_partner() {
        fixture.given(REGISTERED)
                .when(new AttachLiaisonCommand(PARTNER_ID, "helpline"))
                .expectEvents(ATTACHED)
                .expectResultMessagePayload(new CommandResult(PARTNER_ID, 1));
    }

    @Test
    void liaison_cannot_be_attached_twice() {
        fixture.given(REGISTERED, ATTACHED)
                .when(new AttachLiaisonCommand(PARTNER_ID, "helpline"))
                .expectException(RuleViolationException.class)
                .expectExceptionDetails(ErrorCode.LIAISON_ALREADY_ATTACHED)
                .expectNoEvents();
    }

    @Test
    void liaison_needs_a_username() {
        fixture.given(REGISTERED)
                .when(new AttachLiaisonCommand(PARTNER_ID, " "))
                .expectException(RuleViolationException.class)
                .expectExceptionDetails(ErrorCode.INVALID_INPUT)
                .expectNoEvents();
    }

    @Test
    void terminated_partner_gets_no_new_liaison() {
        fixture.given(REGISTERED, SIGNED, TERMINATED)
                .when(new AttachLiaisonCommand(PARTNER_ID, "helpline"))
                .expectException(RuleViolationException.class)
                .expectExceptionDetails(ErrorCode.PARTNER_TERMINATED)
                .expectNoEvents();
    }

    @Test
    void liaison_is_detached() {
        fixture.given(REGISTERED, ATTACHED)
                .when(new DetachLiaisonCommand(PARTNER_ID, "helpline"))
                .expectEvents(new LiaisonDetachedEvent(PARTNER_ID, "helpline"))
                .expectResultMessagePayload(new CommandResult(PARTNER_ID, 2));
    }

    @Test
    void account_that_is_not_a_liaison_cannot_be_detached() {
        fixture.given(REGISTERED, ATTACHED)
                .when(new DetachLiaisonCommand(PARTNER_ID, "someone-else"))
                .expectException(RuleViolationException.class)
                .expectExceptionDetails(ErrorCode.LIAISON_NOT_ATTACHED)
                .expectNoEvents();
    }

    @Test
    void liaison_is_detached_after_the_partnership_ends() {
        fixture.given(REGISTERED, ATTACHED, SIGNED, TERMINATED)
                .when(new DetachLiaisonCommand(PARTNER_ID, "helpline"))
                .expectEvents(new LiaisonDetachedEvent(PARTNER_ID, "helpline"));
    }

    @Test
    void detached_liaison_can_be_attached_again() {
        fixture.given(REGISTERED, ATTACHED, new LiaisonDetachedEvent(PARTNER_ID, "helpline"))
                .when(new AttachLiaisonCommand(PARTNER_ID, "helpline"))
                .expectEvents(ATTACHED);
    }
}
