package org.relais.app.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.relais.app.api.Fixtures.ok;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.relais.core.api.referral.DeadlineRescheduleReason;
import org.relais.core.api.referral.DeadlineRescheduledEvent;
import org.relais.core.api.referral.TransferRequestedEvent;
import org.relais.core.partner.DeadlineCalendar;
import org.relais.core.partner.PartnerDirectory;
import org.relais.app.eventstore.SqlTimes;
import org.relais.app.support.HttpCall;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * An office's calendar through the real wiring: an agreement with closure days, French holidays and an SLA of
 * working days sets the transfer's deadline; suspending the partner pauses it (no deadline shown, never due),
 * resuming restarts it with the open time that was left, and amending the closures recomputes it.
 */
class CalendarsAndDeadlinesTest extends ApiTestBase {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final String PAUSED = "paused";

    @Autowired
    EventStore eventStore;

    @Autowired
    PartnerDirectory partners;

    private static String agreement(String slaKind, String sla, String closures) {
        LocalDate today = LocalDate.now(PARIS);
        return """
                {"signedOn": "%s", "inForceFrom": "%s", "inForceUntil": null,
                 "categories": ["CYBERHARASSMENT"], "purposes": ["PSYCHOLOGICAL_SUPPORT"],
                 "shareableFields": ["narrative"], "acknowledgementSla": "%s", "slaKind": "%s",
                 "holidayCalendar": "FR", "closures": [%s],
                 "serviceHours": {"zoneId": "Europe/Paris", "alwaysOpen": false,
                   "periods": [{"day": "MONDAY", "from": "09:00", "to": "17:00"},
                               {"day": "TUESDAY", "from": "09:00", "to": "17:00"},
                               {"day": "WEDNESDAY", "from": "09:00", "to": "17:00"},
                               {"day": "THURSDAY", "from": "09:00", "to": "17:00"},
                               {"day": "FRIDAY", "from": "09:00", "to": "17:00"}]}}
                """.formatted(today.minusDays(1), today.minusDays(1), sla, slaKind, closures);
    }

    /** The next three days closed, the first as a single day and the other two as a range. */
    private static String nextThreeDaysClosed() {
        LocalDate today = LocalDate.now(PARIS);
        return """
                {"from": "%s"}, {"from": "%s", "to": "%s"}""".formatted(today.plusDays(1), today.plusDays(2),
                today.plusDays(3));
    }

    private String partnerWith(String agreement) {
        Fixtures fixtures = fixtures();
        String partnerId = fixtures.partner();
        ok(post("/api/partners/" + partnerId + "/agreement").as("admin").json(agreement).send(), 200);
        return partnerId;
    }

    private String[] transferTo(String partnerId) {
        String referralId = fixtures().withConsent();
        HttpCall.Reply reply = ok(post("/api/referrals/" + referralId + "/transfers").as("coordinator").json("""
                {"partnerId": "%s", "purpose": "PSYCHOLOGICAL_SUPPORT", "legalBasis": "CONSENT",
                 "sharedFields": ["narrative"]}""".formatted(partnerId)).send(), 201);
        return new String[] {referralId, reply.text("transferId"), reply.text("deadline")};
    }

    /** The deadline the case shows, {@link #PAUSED} when it shows none, empty before the read side has the transfer. */
    private Optional<String> deadlineShown(String[] ids) {
        HttpCall.Reply reply = get("/api/referrals/" + ids[0]).as("coordinator").send();
        if (reply.status() != 200 || reply.json().get("transfers") == null || reply.json().get("transfers").isEmpty()) {
            return Optional.empty();
        }
        var deadline = reply.json().get("transfers").get(0).get("deadline");
        return Optional.of(deadline == null || deadline.isNull() ? PAUSED : deadline.asText());
    }

    /** Whether the case shows this deadline, to the millisecond the read side keeps. */
    private boolean shows(String[] ids, Instant deadline) {
        return deadlineShown(ids).filter(shown -> !PAUSED.equals(shown))
                .map(shown -> Instant.parse(shown).truncatedTo(ChronoUnit.MILLIS))
                .filter(deadline.truncatedTo(ChronoUnit.MILLIS)::equals).isPresent();
    }

    private List<DeadlineRescheduledEvent> rescheduled(String referralId) {
        return eventStore.readEvents(referralId).asStream().map(DomainEventMessage::getPayload)
                .filter(DeadlineRescheduledEvent.class::isInstance).map(DeadlineRescheduledEvent.class::cast)
                .toList();
    }

    private Instant timestampOf(String referralId, Class<?> type, int nth) {
        return eventStore.readEvents(referralId).asStream().filter(event -> type.isInstance(event.getPayload()))
                .skip(nth).findFirst().orElseThrow().getTimestamp();
    }

    private Object pausedAt(String[] ids) {
        return jdbc.queryForObject("SELECT paused_at FROM transfer_deadline WHERE referral_id = ? AND transfer_id = ?",
                Object.class, ids[0], ids[1]);
    }

    private Instant dueAt(String[] ids) {
        return SqlTimes.instant(jdbc.queryForObject(
                "SELECT due_at FROM transfer_deadline WHERE referral_id = ? AND transfer_id = ?", Object.class,
                ids[0], ids[1]));
    }

    @Test
    void working_days_skip_the_closure_days_and_the_api_shows_the_calendar() {
        String partnerId = partnerWith(agreement("WORKING_DAYS", "P2D", nextThreeDaysClosed()));
        var terms = partners.currentTerms(partnerId).orElseThrow().agreement();

        String[] ids = transferTo(partnerId);

        Instant deadline = Instant.parse(ids[2]);
        assertThat(deadline).isEqualTo(DeadlineCalendar.deadline(terms,
                timestampOf(ids[0], TransferRequestedEvent.class, 0)));
        LocalDate dueDay = LocalDate.ofInstant(deadline, PARIS);
        assertThat(dueDay).isAfter(LocalDate.now(PARIS).plusDays(4));
        assertThat(deadline.atZone(PARIS).toLocalTime()).hasToString("17:00");
        assertThat(DeadlineCalendar.isClosedDay(terms, dueDay)).isFalse();
        await().until(() -> deadlineShown(ids).isPresent());
        assertThat(shows(ids, deadline)).isTrue();

        HttpCall.Reply partner = get("/api/partners/" + partnerId).as("admin").send();
        assertThat(partner.status()).isEqualTo(200);
        assertThat(partner.json().get("agreement").get("slaKind").asText()).isEqualTo("WORKING_DAYS");
        assertThat(partner.json().get("agreement").get("holidayCalendar").asText()).isEqualTo("FR");
        assertThat(partner.json().get("agreement").get("closures")).hasSize(2);
    }

    @Test
    void suspension_pauses_resumption_restarts_with_the_open_time_left_and_amendment_recomputes() {
        String partnerId = partnerWith(agreement("WORKING_DAYS", "P2D", nextThreeDaysClosed()));
        String[] ids = transferTo(partnerId);
        Instant original = Instant.parse(ids[2]);

        ok(post("/api/partners/" + partnerId + "/suspension").as("admin").json("{\"reason\": \"Audit\"}").send(),
                200);
        await().until(() -> rescheduled(ids[0]).size() == 1);
        DeadlineRescheduledEvent paused = rescheduled(ids[0]).get(0);
        assertThat(paused.reason()).isEqualTo(DeadlineRescheduleReason.SUSPENDED);
        assertThat(paused.deadline()).isNull();
        var terms = partners.currentTerms(partnerId).orElseThrow().agreement();
        Instant pausedWhen = timestampOf(ids[0], DeadlineRescheduledEvent.class, 0);
        // the open time left is the partner's open time to the old deadline, measured when the pause was decided
        assertThat(paused.openTimeLeft()).isBetween(
                DeadlineCalendar.openTimeBetween(terms, pausedWhen, original),
                DeadlineCalendar.openTimeBetween(terms, pausedWhen.minusSeconds(5), original));
        assertThat(pausedAt(ids)).isNotNull();
        await().until(() -> deadlineShown(ids).filter(PAUSED::equals).isPresent());

        ok(post("/api/partners/" + partnerId + "/resumption").as("admin").send(), 200);
        await().until(() -> rescheduled(ids[0]).size() == 2);
        DeadlineRescheduledEvent resumed = rescheduled(ids[0]).get(1);
        assertThat(resumed.reason()).isEqualTo(DeadlineRescheduleReason.RESUMED);
        assertThat(resumed.openTimeLeft()).isEqualTo(paused.openTimeLeft());
        Instant resumedWhen = timestampOf(ids[0], DeadlineRescheduledEvent.class, 1);
        assertThat(DeadlineCalendar.openTimeBetween(terms, resumedWhen, resumed.deadline()))
                .isBetween(paused.openTimeLeft().minusSeconds(5), paused.openTimeLeft());
        assertThat(pausedAt(ids)).isNull();
        assertThat(dueAt(ids)).isEqualTo(resumed.deadline());
        await().until(() -> shows(ids, resumed.deadline()));

        // The closures are lifted: the open time that was left runs again from the resumption, on the new calendar.
        ok(post("/api/partners/" + partnerId + "/agreement").as("admin").json(agreement("WORKING_DAYS", "P2D", ""))
                .send(), 200);
        var amended = partners.currentTerms(partnerId).orElseThrow().agreement();
        Instant recomputed = DeadlineCalendar.deadline(amended, rescheduledAt(ids[0]), resumed.openTimeLeft());
        if (!recomputed.equals(resumed.deadline())) {
            await().until(() -> rescheduled(ids[0]).size() == 3);
            DeadlineRescheduledEvent changed = rescheduled(ids[0]).get(2);
            assertThat(changed.reason()).isEqualTo(DeadlineRescheduleReason.CALENDAR_AMENDED);
            assertThat(changed.deadline()).isEqualTo(recomputed).isBefore(resumed.deadline());
            await().until(() -> shows(ids, recomputed));
            assertThat(dueAt(ids)).isEqualTo(recomputed);
        }
    }

    private Instant rescheduledAt(String referralId) {
        return timestampOf(referralId, DeadlineRescheduledEvent.class, 1);
    }

    @Test
    void an_amended_calendar_recomputes_a_running_deadline_from_the_request() {
        String partnerId = partnerWith(agreement("WORKING_DAYS", "P2D", ""));
        String[] ids = transferTo(partnerId);
        Instant requestedAt = timestampOf(ids[0], TransferRequestedEvent.class, 0);

        ok(post("/api/partners/" + partnerId + "/agreement").as("admin")
                .json(agreement("WORKING_DAYS", "P2D", nextThreeDaysClosed())).send(), 200);

        var amended = partners.currentTerms(partnerId).orElseThrow().agreement();
        Instant recomputed = DeadlineCalendar.deadline(amended, requestedAt);
        assertThat(recomputed).isAfter(Instant.parse(ids[2]));
        await().until(() -> rescheduled(ids[0]).size() == 1);
        assertThat(rescheduled(ids[0]).get(0)).extracting(DeadlineRescheduledEvent::reason,
                DeadlineRescheduledEvent::deadline).containsExactly(DeadlineRescheduleReason.CALENDAR_AMENDED,
                recomputed);
        await().until(() -> shows(ids, recomputed));
    }

    @Test
    void a_working_days_sla_that_is_not_whole_days_is_refused() {
        String partnerId = fixtures().partner();

        HttpCall.Reply reply = post("/api/partners/" + partnerId + "/agreement").as("admin")
                .json(agreement("WORKING_DAYS", "PT4H", "")).send();

        assertProblem(reply, 400, "AGREEMENT_INVALID");
        assertThat(reply.text("detail")).contains("whole number of days");
    }

    @Test
    void an_unknown_holiday_calendar_is_refused() {
        String partnerId = fixtures().partner();

        HttpCall.Reply reply = post("/api/partners/" + partnerId + "/agreement").as("admin")
                .json(agreement("OPEN_HOURS", "PT4H", "").replace("\"FR\"", "\"XX\"")).send();

        assertProblem(reply, 400, "AGREEMENT_INVALID");
    }
}
