package org.relais.core.partner;

import static org.relais.core.partner.PartnerTestData.CLOCK;
import static org.relais.core.partner.PartnerTestData.PARTNER_ID;
import static org.relais.core.partner.PartnerTestData.TODAY;
import static org.relais.core.partner.PartnerTestData.terms;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.relais.core.api.partner.AgreementAmendedEvent;
import org.relais.core.api.partner.AgreementSignedEvent;
import org.relais.core.api.partner.AgreementTerms;
import org.relais.core.api.partner.AmendAgreementCommand;
import org.relais.core.api.partner.ClosurePeriod;
import org.relais.core.api.ErrorCode;
import org.relais.core.api.PartnerKind;
import org.relais.core.api.partner.PartnerRegisteredEvent;
import org.relais.core.api.RuleViolationException;
import org.relais.core.api.partner.SignAgreementCommand;
import org.relais.core.api.partner.SlaKind;

/** The calendar an agreement may hold: closure days, a built-in holiday calendar, and an SLA kind it can count. */
class AgreeingOnACalendarTest {

    private static final PartnerRegisteredEvent REGISTERED =
            new PartnerRegisteredEvent(PARTNER_ID, "Helpline association", PartnerKind.HELPLINE);

    private FixtureConfiguration<Partner> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Partner.class);
        fixture.registerInjectableResource(CLOCK);
    }

    private static AgreementTerms calendar(SlaKind kind, Duration sla, List<ClosurePeriod> closures,
                                           String holidays) {
        AgreementTerms base = terms();
        return new AgreementTerms(base.signedOn(), base.inForceFrom(), base.inForceUntil(), base.categories(),
                base.purposes(), base.shareableFields(), sla, base.serviceHours(), kind, closures, holidays);
    }

    @Test
    void an_office_calendar_with_working_days_closures_and_alsace_moselle_holidays_is_signed() {
        AgreementTerms office = calendar(SlaKind.WORKING_DAYS, Duration.ofDays(2),
                List.of(ClosurePeriod.day(TODAY.plusDays(10)), new ClosurePeriod(LocalDate.of(2026, 8, 3),
                        LocalDate.of(2026, 8, 21))), "FR-57");

        fixture.given(REGISTERED)
                .when(new SignAgreementCommand(PARTNER_ID, office))
                .expectEvents(new AgreementSignedEvent(PARTNER_ID, office));
    }

    @Test
    void closures_and_holidays_are_changed_by_an_amendment() {
        AgreementTerms amended = calendar(SlaKind.OPEN_HOURS, Duration.ofHours(4),
                List.of(ClosurePeriod.day(TODAY.plusDays(1))), "FR");

        fixture.given(REGISTERED, new AgreementSignedEvent(PARTNER_ID, terms()))
                .when(new AmendAgreementCommand(PARTNER_ID, amended))
                .expectEvents(new AgreementAmendedEvent(PARTNER_ID, amended));
    }

    static Stream<Arguments> invalidCalendars() {
        List<ClosurePeriod> tooMany = new ArrayList<>();
        IntStream.range(0, 101).forEach(i -> tooMany.add(ClosurePeriod.day(TODAY.plusDays(i))));
        return Stream.of(
                Arguments.of("working days that are not whole days",
                        calendar(SlaKind.WORKING_DAYS, Duration.ofHours(36), List.of(), null)),
                Arguments.of("working days under one day",
                        calendar(SlaKind.WORKING_DAYS, Duration.ofHours(4), List.of(), null)),
                Arguments.of("an unknown holiday calendar",
                        calendar(SlaKind.OPEN_HOURS, Duration.ofHours(4), List.of(), "DE-BY")),
                Arguments.of("a closure ending before it starts", calendar(SlaKind.OPEN_HOURS, Duration.ofHours(4),
                        List.of(new ClosurePeriod(TODAY.plusDays(3), TODAY.plusDays(2))), null)),
                Arguments.of("a closure without its last day", calendar(SlaKind.OPEN_HOURS, Duration.ofHours(4),
                        List.of(new ClosurePeriod(TODAY.plusDays(3), null)), null)),
                Arguments.of("a closure longer than a year", calendar(SlaKind.OPEN_HOURS, Duration.ofHours(4),
                        List.of(new ClosurePeriod(TODAY, TODAY.plusYears(1).plusDays(1))), null)),
                Arguments.of("more than 100 closures",
                        calendar(SlaKind.OPEN_HOURS, Duration.ofHours(4), tooMany, null)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidCalendars")
    void an_agreement_with_a_calendar_the_deadlines_cannot_count_on_is_not_signed(String rule,
                                                                                  AgreementTerms broken) {
        fixture.given(REGISTERED)
                .when(new SignAgreementCommand(PARTNER_ID, broken))
                .expectException(RuleViolationException.class)
                .expectExceptionDetails(ErrorCode.AGREEMENT_INVALID)
                .expectNoEvents();
    }
}
