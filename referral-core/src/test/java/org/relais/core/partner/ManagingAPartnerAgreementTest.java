package org.relais.core.partner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.relais.core.partner.PartnerTestData.CLOCK;
import static org.relais.core.partner.PartnerTestData.PARTNER_ID;
import static org.relais.core.partner.PartnerTestData.TODAY;
import static org.relais.core.partner.PartnerTestData.amendedTerms;
import static org.relais.core.partner.PartnerTestData.nineToEleven;
import static org.relais.core.partner.PartnerTestData.terms;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.relais.core.api.partner.AgreementAmendedEvent;
import org.relais.core.api.partner.AgreementResumedEvent;
import org.relais.core.api.partner.AgreementSignedEvent;
import org.relais.core.api.partner.AgreementSuspendedEvent;
import org.relais.core.api.partner.AgreementTerminatedEvent;
import org.relais.core.api.partner.AgreementTerms;
import org.relais.core.api.partner.AmendAgreementCommand;
import org.relais.core.api.CommandResult;
import org.relais.core.api.ErrorCode;
import org.relais.core.api.partner.OpeningPeriod;
import org.relais.core.api.PartnerKind;
import org.relais.core.api.partner.PartnerRegisteredEvent;
import org.relais.core.api.partner.RegisterPartnerCommand;
import org.relais.core.api.partner.ResumeAgreementCommand;
import org.relais.core.api.RuleViolationException;
import org.relais.core.api.partner.ServiceHours;
import org.relais.core.api.partner.SignAgreementCommand;
import org.relais.core.api.partner.SuspendAgreementCommand;
import org.relais.core.api.partner.TerminateAgreementCommand;

class ManagingAPartnerAgreementTest {

    private static final PartnerRegisteredEvent REGISTERED =
            new PartnerRegisteredEvent(PARTNER_ID, "Helpline association", PartnerKind.HELPLINE);
    private static final AgreementSignedEvent SIGNED = new AgreementSignedEvent(PARTNER_ID, terms());
    private static final AgreementSuspendedEvent SUSPENDED =
            new AgreementSuspendedEvent(PARTNER_ID, "Audit of data handling");
    private static final AgreementTerminatedEvent TERMINATED =
            new AgreementTerminatedEvent(PARTNER_ID, "Association dissolved");

    /** 23:30 UTC on 28 February: already 1 March for the service clock (Paris). */
    private static final Clock LATE_EVENING = Clock.fixed(Instant.parse("2026-02-28T23:30:00Z"),
            ZoneId.of("Europe/Paris"));

    private FixtureConfiguration<Partner> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Partner.class);
        fixture.registerInjectableResource(CLOCK);
    }

    // registration

    @Test
    void administrator_registers_a_partner_in_the_directory() {
        fixture.givenNoPriorActivity()
                .when(new RegisterPartnerCommand(PARTNER_ID, "  Helpline association ", PartnerKind.HELPLINE))
                .expectEvents(REGISTERED)
                .expectResultMessagePayload(new CommandResult(PARTNER_ID, 0));
    }

    @Test
    void partner_without_a_name_is_not_registered() {
        fixture.givenNoPriorActivity()
                .when(new RegisterPartnerCommand(PARTNER_ID, " ", PartnerKind.HELPLINE))
                .expectException(RuleViolationException.class)
                .expectExceptionDetails(ErrorCode.INVALID_INPUT)
                .expectNoEvents();
    }

    @Test
    void partner_without_a_kind_is_not_registered() {
        fixture.givenNoPriorActivity()
                .when(new RegisterPartnerCommand(PARTNER_ID, "Helpline association", null))
                .expectException(RuleViolationException.class)
                .expectExceptionDetails(ErrorCode.INVALID_INPUT)
                .expectNoEvents();
    }

    @Test
    void command_for_an_unknown_partner_finds_no_aggregate() {
        fixture.givenNoPriorActivity()
                .when(new SuspendAgreementCommand("p-unknown", "Audit"))
                .expectException(AggregateNotFoundException.class);
    }

    // signing

    @Test
    void registered_partner_signs_its_first_agreement() {
        fixture.given(REGISTERED)
                .when(new SignAgreementCommand(PARTNER_ID, terms()))
                .expectEvents(SIGNED)
                .expectResultMessagePayload(new CommandResult(PARTNER_ID, 1));
    }

    @Test
    void partner_with_an_agreement_cannot_sign_a_second_one() {
        fixture.given(REGISTERED, SIGNED)
                .when(new SignAgreementCommand(PARTNER_ID, amendedTerms()))
                .expectException(RuleViolationException.class)
                .expectExceptionDetails(ErrorCode.AGREEMENT_ALREADY_SIGNED)
                .expectNoEvents();
    }

    @Test
    void terminated_partner_cannot_sign_again() {
        fixture.given(REGISTERED, SIGNED, TERMINATED)
                .when(new SignAgreementCommand(PARTNER_ID, amendedTerms()))
                .expectException(RuleViolationException.class)
                .expectExceptionDetails(ErrorCode.PARTNER_TERMINATED)
                .expectNoEvents();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidTerms")
    void agreement_with_broken_terms_is_not_signed(String rule, AgreementTerms broken) {
        fixture.given(REGISTERED)
                .when(new SignAgreementCommand(PARTNER_ID, broken))
                .expectException(RuleViolationException.class)
                .expectExceptionDetails(ErrorCode.AGREEMENT_INVALID)
                .expectNoEvents();
    }

    @Test
    void agreement_taking_effect_later_and_ending_on_a_set_day_is_signed() {
        AgreementTerms later = with(terms(), TODAY, TODAY.plusMonths(1), TODAY.plusYears(2));

        fixture.given(REGISTERED)
                .when(new SignAgreementCommand(PARTNER_ID, later))
                .expectEvents(new AgreementSignedEvent(PARTNER_ID, later));
    }

    // The service clock is in Paris; a partner may keep its hours, and so its agreement's dates, in another zone.
    // At 23:30 UTC on 28 February it is already 1 March in Paris, still 28 February at a partner working in UTC.

    @Test
    void signing_reads_today_in_the_partners_calendar_not_the_services() {
        FixtureConfiguration<Partner> lateEvening = lateEveningFixture();
        LocalDate partnersToday = LocalDate.of(2026, 2, 28);
        AgreementTerms effectiveTodayAtThePartner = withHours(with(terms(), partnersToday, partnersToday, null),
                ServiceHours.alwaysOpen("UTC"));

        lateEvening.given(REGISTERED)
                .when(new SignAgreementCommand(PARTNER_ID, effectiveTodayAtThePartner))
                .expectEvents(new AgreementSignedEvent(PARTNER_ID, effectiveTodayAtThePartner));
        assertThat(effectiveTodayAtThePartner.inForceAt(LATE_EVENING.instant()))
                .as("signed terms that take effect today at the partner are in force at once").isTrue();
    }

    @Test
    void terms_dated_on_the_services_day_are_signed_in_the_future_for_a_partner_still_on_the_day_before() {
        AgreementTerms datedInParis = withHours(with(terms(), TODAY, TODAY, null), ServiceHours.alwaysOpen("UTC"));

        lateEveningFixture().given(REGISTERED)
                .when(new SignAgreementCommand(PARTNER_ID, datedInParis))
                .expectException(RuleViolationException.class)
                .expectExceptionDetails(ErrorCode.AGREEMENT_INVALID)
                .expectNoEvents();
        assertThat(datedInParis.inForceAt(LATE_EVENING.instant()))
                .as("the transfer gate would not have admitted it either").isFalse();
    }

    private static FixtureConfiguration<Partner> lateEveningFixture() {
        FixtureConfiguration<Partner> lateEvening = new AggregateTestFixture<>(Partner.class);
        lateEvening.registerInjectableResource(LATE_EVENING);
        return lateEvening;
    }

    static Stream<Arguments> invalidTerms() {
        AgreementTerms valid = terms();
        return Stream.of(
                Arguments.of("no terms at all", null),
                Arguments.of("signed in the future", with(valid, TODAY.plusDays(1), TODAY.plusDays(1), null)),
                Arguments.of("in force before it is signed", with(valid, TODAY, TODAY.minusDays(1), null)),
                Arguments.of("ends before it starts", with(valid, TODAY, TODAY.plusDays(10), TODAY.plusDays(9))),
                Arguments.of("already ended", with(valid, TODAY.minusDays(30), TODAY.minusDays(30),
                        TODAY.minusDays(1))),
                Arguments.of("no signature date", with(valid, null, TODAY, null)),
                Arguments.of("no start date", with(valid, TODAY, null, null)),
                Arguments.of("no category", new AgreementTerms(valid.signedOn(), valid.inForceFrom(), null, Set.of(),
                        valid.purposes(), valid.shareableFields(), valid.acknowledgementSla(),
                        valid.serviceHours())),
                Arguments.of("no purpose", new AgreementTerms(valid.signedOn(), valid.inForceFrom(), null,
                        valid.categories(), Set.of(), valid.shareableFields(), valid.acknowledgementSla(),
                        valid.serviceHours())),
                Arguments.of("no SLA", withSla(valid, null)),
                Arguments.of("zero SLA", withSla(valid, Duration.ZERO)),
                Arguments.of("negative SLA", withSla(valid, Duration.ofHours(-1))),
                Arguments.of("SLA over 30 days", withSla(valid, Duration.ofDays(30).plusSeconds(1))),
                Arguments.of("no service hours", withHours(valid, null)),
                Arguments.of("unknown time zone", withHours(valid,
                        new ServiceHours("Europe/Atlantis", false, nineToEleven().periods()))),
                Arguments.of("no time zone", withHours(valid, new ServiceHours(null, true, List.of()))),
                Arguments.of("never open", withHours(valid, new ServiceHours("Europe/Paris", false, List.of()))),
                Arguments.of("always open yet with periods", withHours(valid,
                        new ServiceHours("Europe/Paris", true, nineToEleven().periods()))),
                Arguments.of("period opening and closing at once", withHours(valid, new ServiceHours("Europe/Paris",
                        false, List.of(new OpeningPeriod(DayOfWeek.MONDAY, LocalTime.NOON, LocalTime.NOON))))),
                Arguments.of("period without a day", withHours(valid, new ServiceHours("Europe/Paris",
                        false, List.of(new OpeningPeriod(null, LocalTime.of(9, 0), LocalTime.NOON))))));
    }

    // amending

    @Test
    void agreement_is_amended_with_complete_new_terms() {
        fixture.given(REGISTERED, SIGNED)
                .when(new AmendAgreementCommand(PARTNER_ID, amendedTerms()))
                .expectEvents(new AgreementAmendedEvent(PARTNER_ID, amendedTerms()))
                .expectResultMessagePayload(new CommandResult(PARTNER_ID, 2));
    }

    @Test
    void suspended_agreement_can_be_amended_while_suspended() {
        fixture.given(REGISTERED, SIGNED, SUSPENDED)
                .when(new AmendAgreementCommand(PARTNER_ID, amendedTerms()))
                .expectEvents(new AgreementAmendedEvent(PARTNER_ID, amendedTerms()));
    }

    @Test
    void partner_without_an_agreement_has_nothing_to_amend() {
        fixture.given(REGISTERED)
                .when(new AmendAgreementCommand(PARTNER_ID, amendedTerms()))
                .expectException(RuleViolationException.class)
                .expectExceptionDetails(ErrorCode.AGREEMENT_MISSING)
                .expectNoEvents();
    }

    @Test
    void terminated_agreement_cannot_be_amended() {
        fixture.given(REGISTERED, SIGNED, TERMINATED)
                .when(new AmendAgreementCommand(PARTNER_ID, amendedTerms()))
                .expectException(RuleViolationException.class)
                .expectExceptionDetails(ErrorCode.PARTNER_TERMINATED)
                .expectNoEvents();
    }

    @Test
    void amendment_with_broken_terms_is_rejected() {
        fixture.given(REGISTERED, SIGNED)
                .when(new AmendAgreementCommand(PARTNER_ID, withSla(amendedTerms(), Duration.ofDays(45))))
                .expectException(RuleViolationException.class)
                .expectExceptionDetails(ErrorCode.AGREEMENT_INVALID)
                .expectNoEvents();
    }

    @Test
    void amendment_cannot_be_signed_before_the_agreement_it_amends() {
        LocalDate beforeSignature = terms().signedOn().minusDays(1);

        fixture.given(REGISTERED, SIGNED)
                .when(new AmendAgreementCommand(PARTNER_ID, with(terms(), beforeSignature, beforeSignature, null)))
                .expectException(RuleViolationException.class)
                .expectExceptionDetails(ErrorCode.AMENDMENT_SIGNED_BEFORE_AGREEMENT)
                .expectNoEvents();
    }

    // suspending and resuming

    @Test
    void active_partner_is_suspended_with_a_reason() {
        fixture.given(REGISTERED, SIGNED)
                .when(new SuspendAgreementCommand(PARTNER_ID, " Audit of data handling "))
                .expectEvents(SUSPENDED)
                .expectResultMessagePayload(new CommandResult(PARTNER_ID, 2));
    }

    @Test
    void suspension_needs_a_reason() {
        fixture.given(REGISTERED, SIGNED)
                .when(new SuspendAgreementCommand(PARTNER_ID, "  "))
                .expectException(RuleViolationException.class)
                .expectExceptionDetails(ErrorCode.REASON_REQUIRED)
                .expectNoEvents();
    }

    @Test
    void suspended_partner_cannot_be_suspended_again() {
        fixture.given(REGISTERED, SIGNED, SUSPENDED)
                .when(new SuspendAgreementCommand(PARTNER_ID, "Second audit"))
                .expectException(RuleViolationException.class)
                .expectExceptionDetails(ErrorCode.PARTNER_NOT_ACTIVE)
                .expectNoEvents();
    }

    @Test
    void partner_without_an_agreement_has_nothing_to_suspend() {
        fixture.given(REGISTERED)
                .when(new SuspendAgreementCommand(PARTNER_ID, "Audit"))
                .expectException(RuleViolationException.class)
                .expectExceptionDetails(ErrorCode.AGREEMENT_MISSING)
                .expectNoEvents();
    }

    @Test
    void terminated_partner_cannot_be_suspended() {
        fixture.given(REGISTERED, SIGNED, TERMINATED)
                .when(new SuspendAgreementCommand(PARTNER_ID, "Audit"))
                .expectException(RuleViolationException.class)
                .expectExceptionDetails(ErrorCode.PARTNER_TERMINATED)
                .expectNoEvents();
    }

    @Test
    void suspended_partner_is_resumed_with_a_reason() {
        fixture.given(REGISTERED, SIGNED, SUSPENDED)
                .when(new ResumeAgreementCommand(PARTNER_ID, "Audit passed"))
                .expectEvents(new AgreementResumedEvent(PARTNER_ID, "Audit passed"))
                .expectResultMessagePayload(new CommandResult(PARTNER_ID, 3));
    }

    @Test
    void suspended_partner_is_resumed_without_a_reason() {
        fixture.given(REGISTERED, SIGNED, SUSPENDED)
                .when(new ResumeAgreementCommand(PARTNER_ID, " "))
                .expectEvents(new AgreementResumedEvent(PARTNER_ID, null));
    }

    @Test
    void active_partner_cannot_be_resumed() {
        fixture.given(REGISTERED, SIGNED, SUSPENDED, new AgreementResumedEvent(PARTNER_ID, null))
                .when(new ResumeAgreementCommand(PARTNER_ID, null))
                .expectException(RuleViolationException.class)
                .expectExceptionDetails(ErrorCode.PARTNER_NOT_SUSPENDED)
                .expectNoEvents();
    }

    @Test
    void terminated_partner_cannot_be_resumed() {
        fixture.given(REGISTERED, SIGNED, SUSPENDED, TERMINATED)
                .when(new ResumeAgreementCommand(PARTNER_ID, "Changed our minds"))
                .expectException(RuleViolationException.class)
                .expectExceptionDetails(ErrorCode.PARTNER_TERMINATED)
                .expectNoEvents();
    }

    // terminating

    @Test
    void agreement_is_terminated_with_a_reason() {
        fixture.given(REGISTERED, SIGNED)
                .when(new TerminateAgreementCommand(PARTNER_ID, "Association dissolved"))
                .expectEvents(TERMINATED)
                .expectResultMessagePayload(new CommandResult(PARTNER_ID, 2));
    }

    @Test
    void suspended_agreement_can_be_terminated() {
        fixture.given(REGISTERED, SIGNED, SUSPENDED)
                .when(new TerminateAgreementCommand(PARTNER_ID, "Association dissolved"))
                .expectEvents(TERMINATED);
    }

    @Test
    void termination_needs_a_reason() {
        fixture.given(REGISTERED, SIGNED)
                .when(new TerminateAgreementCommand(PARTNER_ID, null))
                .expectException(RuleViolationException.class)
                .expectExceptionDetails(ErrorCode.REASON_REQUIRED)
                .expectNoEvents();
    }

    @Test
    void terminated_agreement_cannot_be_terminated_again() {
        fixture.given(REGISTERED, SIGNED, TERMINATED)
                .when(new TerminateAgreementCommand(PARTNER_ID, "Again"))
                .expectException(RuleViolationException.class)
                .expectExceptionDetails(ErrorCode.PARTNER_TERMINATED)
                .expectNoEvents();
    }

    @Test
    void partner_without_an_agreement_has_nothing_to_terminate() {
        fixture.given(REGISTERED)
                .when(new TerminateAgreementCommand(PARTNER_ID, "Registered by mistake"))
                .expectException(RuleViolationException.class)
                .expectExceptionDetails(ErrorCode.AGREEMENT_MISSING)
                .expectNoEvents();
    }

    private static AgreementTerms with(AgreementTerms terms, LocalDate signedOn, LocalDate from, LocalDate until) {
        return new AgreementTerms(signedOn, from, until, terms.categories(), terms.purposes(),
                terms.shareableFields(), terms.acknowledgementSla(), terms.serviceHours());
    }

    private static AgreementTerms withSla(AgreementTerms terms, Duration sla) {
        return new AgreementTerms(terms.signedOn(), terms.inForceFrom(), terms.inForceUntil(), terms.categories(),
                terms.purposes(), terms.shareableFields(), sla, terms.serviceHours());
    }

    private static AgreementTerms withHours(AgreementTerms terms, ServiceHours hours) {
        return new AgreementTerms(terms.signedOn(), terms.inForceFrom(), terms.inForceUntil(), terms.categories(),
                terms.purposes(), terms.shareableFields(), terms.acknowledgementSla(), hours);
    }
}
