package org.relais.core.referral;

import static org.relais.core.referral.ReferralScenarios.DEADLINE;
import static org.relais.core.referral.ReferralScenarios.NOW;
import static org.relais.core.referral.ReferralScenarios.POLICE;
import static org.relais.core.referral.ReferralScenarios.R;
import static org.relais.core.referral.ReferralScenarios.SLA;
import static org.relais.core.referral.ReferralScenarios.T;
import static org.relais.core.referral.ReferralScenarios.acknowledged;
import static org.relais.core.referral.ReferralScenarios.policeTransfer;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.relais.core.api.partner.AgreementTerms;
import org.relais.core.api.Category;
import org.relais.core.api.partner.ClosurePeriod;
import org.relais.core.api.referral.DeadlineRescheduleReason;
import org.relais.core.api.referral.DeadlineRescheduledEvent;
import org.relais.core.api.referral.MarkTransferOverdueCommand;
import org.relais.core.api.PartnerKind;
import org.relais.core.api.partner.PartnerStatus;
import org.relais.core.api.referral.RescheduleDeadlineCommand;
import org.relais.core.api.partner.ServiceHours;
import org.relais.core.api.ShareableField;
import org.relais.core.api.partner.SlaKind;
import org.relais.core.api.referral.TransferAcknowledgementOverdueEvent;
import org.relais.core.api.TransferPurpose;
import org.relais.core.partner.PartnerTerms;
import org.relais.core.privacy.PersonalDataProtector;
import org.relais.core.testing.InMemoryPartnerDirectory;
import org.relais.core.testing.MutableClock;
import org.relais.core.testing.TestPrivacy;

/**
 * A transfer's deadline follows its partner: paused while the partner is suspended, restarted with the open time
 * that was left when it resumes, recomputed when its calendar changes, and never moved once the transfer was
 * answered or flagged. The police office of the cast is always open, so open time is wall-clock time here; the
 * calendars themselves are DeadlineCalendar's tests.
 */
class ReschedulingDeadlinesTest {

    private final PersonalDataProtector protector = TestPrivacy.protector();
    private final MutableClock clock = new MutableClock(NOW);
    private final InMemoryPartnerDirectory partners = ReferralScenarios.partners();
    private FixtureConfiguration<Referral> fixture;

    @BeforeEach
    void setUp() {
        fixture = ReferralScenarios.fixture(protector, clock, partners);
    }

    private static DeadlineRescheduledEvent paused(Duration left) {
        return new DeadlineRescheduledEvent(R, T, POLICE, DeadlineRescheduleReason.SUSPENDED, null, left);
    }

    private void policeIs(PartnerStatus status, AgreementTerms terms) {
        partners.with(new PartnerTerms(POLICE, PartnerKind.POLICE, status, terms, Set.of(ReferralScenarios.LIAISON)));
    }

    private static AgreementTerms policeTerms(List<ClosurePeriod> closures) {
        return new AgreementTerms(LocalDate.of(2024, 12, 1), LocalDate.of(2025, 1, 1), null,
                EnumSet.allOf(Category.class),
                EnumSet.of(TransferPurpose.INVESTIGATION, TransferPurpose.CHILD_PROTECTION_ASSESSMENT),
                EnumSet.of(ShareableField.VICTIM_NAME, ShareableField.VICTIM_CONTACT, ShareableField.REPORTER_NAME,
                        ShareableField.REPORTER_CONTACT, ShareableField.NARRATIVE),
                SLA, ServiceHours.alwaysOpen("Europe/Paris"), SlaKind.OPEN_HOURS, closures, null);
    }

    @Test
    void suspension_pauses_the_deadline_keeping_the_open_time_left() {
        policeIs(PartnerStatus.SUSPENDED, policeTerms(List.of()));
        clock.set(NOW.plus(Duration.ofHours(1)));

        fixture.given(policeTransfer())
                .when(new RescheduleDeadlineCommand(R, T, DeadlineRescheduleReason.SUSPENDED))
                .expectEvents(paused(Duration.ofHours(3)));
    }

    @Test
    void a_paused_deadline_is_never_flagged_overdue() {
        policeIs(PartnerStatus.SUSPENDED, policeTerms(List.of()));
        clock.set(DEADLINE.plus(Duration.ofDays(2)));

        fixture.given(policeTransfer(paused(Duration.ofHours(3))))
                .when(new MarkTransferOverdueCommand(R, T))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void resumption_restarts_the_deadline_with_the_open_time_that_was_left() {
        Instant resumedAt = NOW.plus(Duration.ofDays(1));
        clock.set(resumedAt);

        fixture.given(policeTransfer(paused(Duration.ofHours(3))))
                .when(new RescheduleDeadlineCommand(R, T, DeadlineRescheduleReason.RESUMED))
                .expectEvents(new DeadlineRescheduledEvent(R, T, POLICE, DeadlineRescheduleReason.RESUMED,
                        resumedAt.plus(Duration.ofHours(3)), Duration.ofHours(3)));
    }

    @Test
    void a_restarted_deadline_is_flagged_when_reached() {
        Instant restarted = NOW.plus(Duration.ofDays(1));
        clock.set(restarted);

        fixture.given(policeTransfer(paused(Duration.ofHours(3)), new DeadlineRescheduledEvent(R, T, POLICE,
                        DeadlineRescheduleReason.RESUMED, restarted, Duration.ofHours(3))))
                .when(new MarkTransferOverdueCommand(R, T))
                .expectEvents(new TransferAcknowledgementOverdueEvent(R, T, POLICE, restarted));
    }

    @Test
    void a_repeated_suspension_changes_nothing() {
        policeIs(PartnerStatus.SUSPENDED, policeTerms(List.of()));

        fixture.given(policeTransfer(paused(Duration.ofHours(3))))
                .when(new RescheduleDeadlineCommand(R, T, DeadlineRescheduleReason.SUSPENDED))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void a_late_suspension_command_for_a_partner_resumed_since_changes_nothing() {
        fixture.given(policeTransfer())
                .when(new RescheduleDeadlineCommand(R, T, DeadlineRescheduleReason.SUSPENDED))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void a_late_resumption_command_for_a_partner_suspended_again_changes_nothing() {
        policeIs(PartnerStatus.SUSPENDED, policeTerms(List.of()));

        fixture.given(policeTransfer(paused(Duration.ofHours(3))))
                .when(new RescheduleDeadlineCommand(R, T, DeadlineRescheduleReason.RESUMED))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void an_acknowledged_transfer_keeps_its_deadline() {
        policeIs(PartnerStatus.SUSPENDED, policeTerms(List.of()));

        fixture.given(policeTransfer(acknowledged(POLICE)))
                .when(new RescheduleDeadlineCommand(R, T, DeadlineRescheduleReason.SUSPENDED))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void an_overdue_transfer_keeps_its_deadline() {
        policeIs(PartnerStatus.SUSPENDED, policeTerms(List.of()));

        fixture.given(policeTransfer(new TransferAcknowledgementOverdueEvent(R, T, POLICE, DEADLINE)))
                .when(new RescheduleDeadlineCommand(R, T, DeadlineRescheduleReason.SUSPENDED))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void an_amended_calendar_recomputes_the_deadline_from_the_request() {
        // The day of the request (2 March, in Paris) becomes a closure: the SLA runs from midnight, Paris time.
        policeIs(PartnerStatus.ACTIVE, policeTerms(List.of(ClosurePeriod.day(LocalDate.of(2026, 3, 2)))));
        clock.set(NOW.plus(Duration.ofHours(1)));

        fixture.givenCurrentTime(NOW)
                .andGiven(policeTransfer())
                .when(new RescheduleDeadlineCommand(R, T, DeadlineRescheduleReason.CALENDAR_AMENDED))
                .expectEvents(new DeadlineRescheduledEvent(R, T, POLICE, DeadlineRescheduleReason.CALENDAR_AMENDED,
                        Instant.parse("2026-03-02T23:00:00Z").plus(SLA), null));
    }

    @Test
    void an_amendment_that_leaves_the_deadline_where_it_is_records_nothing() {
        policeIs(PartnerStatus.ACTIVE, policeTerms(List.of(ClosurePeriod.day(LocalDate.of(2026, 4, 1)))));

        fixture.givenCurrentTime(NOW)
                .andGiven(policeTransfer())
                .when(new RescheduleDeadlineCommand(R, T, DeadlineRescheduleReason.CALENDAR_AMENDED))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void an_amendment_after_a_resumption_recomputes_from_the_resumption_with_the_time_left_then() {
        Instant resumedAt = Instant.parse("2026-03-03T10:00:00Z");
        policeIs(PartnerStatus.ACTIVE, policeTerms(List.of(ClosurePeriod.day(LocalDate.of(2026, 3, 3)))));
        clock.set(resumedAt.plus(Duration.ofMinutes(30)));

        fixture.givenCurrentTime(NOW)
                .andGiven(policeTransfer(paused(Duration.ofHours(3))))
                .andGivenCurrentTime(resumedAt)
                .andGiven(new DeadlineRescheduledEvent(R, T, POLICE, DeadlineRescheduleReason.RESUMED,
                        resumedAt.plus(Duration.ofHours(3)), Duration.ofHours(3)))
                .when(new RescheduleDeadlineCommand(R, T, DeadlineRescheduleReason.CALENDAR_AMENDED))
                .expectEvents(new DeadlineRescheduledEvent(R, T, POLICE, DeadlineRescheduleReason.CALENDAR_AMENDED,
                        Instant.parse("2026-03-03T23:00:00Z").plus(Duration.ofHours(3)), null));
    }

    @Test
    void a_paused_deadline_is_left_paused_by_an_amendment_until_the_partner_resumes() {
        policeIs(PartnerStatus.SUSPENDED, policeTerms(List.of(ClosurePeriod.day(LocalDate.of(2026, 3, 3)))));

        fixture.given(policeTransfer(paused(Duration.ofHours(3))))
                .when(new RescheduleDeadlineCommand(R, T, DeadlineRescheduleReason.CALENDAR_AMENDED))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }
}
