package org.relais.core.partner;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import org.relais.core.api.partner.AgreementTerms;
import org.relais.core.api.partner.ClosurePeriod;
import org.relais.core.api.ErrorCode;
import org.relais.core.api.partner.OpeningPeriod;
import org.relais.core.api.RuleViolationException;
import org.relais.core.api.partner.ServiceHours;
import org.relais.core.api.partner.SlaKind;

/**
 * What terms an agreement must hold before the transfer gate and the deadline calendar can rely on them. Checked
 * when an agreement is signed and each time it is amended, so that no stored agreement is one the calendar would
 * refuse.
 * <p>
 * Dates: an agreement is recorded once signed, so it is not signed in the future; it does not take effect before
 * it is signed, so that no transfer can ever appear covered by terms nobody had agreed to yet; and an agreement
 * that has already expired is not worth recording. "Today" is the day at the partner, in its service hours' zone:
 * the transfer gate reads the same dates in the same calendar, so terms taking effect on the day they are signed
 * are in force as soon as they are recorded.
 */
final class AgreementPolicy {

    static final Duration LONGEST_SLA = Duration.ofDays(30);
    static final int MOST_CLOSURES = 100;

    private AgreementPolicy() {
    }

    static void checkSigning(AgreementTerms terms, Instant now) {
        check(terms, now);
    }

    static void checkAmendment(AgreementTerms current, AgreementTerms amended, Instant now) {
        check(amended, now);
        if (amended.signedOn().isBefore(current.signedOn())) {
            throw RuleViolationException.of(ErrorCode.AMENDMENT_SIGNED_BEFORE_AGREEMENT,
                    "An amendment cannot be signed before the agreement it amends.").at("/signedOn");
        }
    }

    private static void check(AgreementTerms terms, Instant now) {
        require(terms != null, "The agreement terms are required.", null, "termsRequired");
        require(terms.signedOn() != null, "The signature date is required.", "/signedOn", "signedOnRequired");
        require(terms.inForceFrom() != null, "The date the agreement takes effect is required.",
                "/inForceFrom", "inForceFromRequired");
        checkServiceHours(terms.serviceHours());
        LocalDate today = terms.dayAt(now);
        require(!terms.signedOn().isAfter(today), "An agreement cannot be signed in the future.",
                "/signedOn", "signedInFuture");
        require(!terms.signedOn().isAfter(terms.inForceFrom()),
                "An agreement cannot take effect before it is signed.", "/inForceFrom", "inForceBeforeSigned");
        require(terms.inForceUntil() == null || !terms.inForceUntil().isBefore(terms.inForceFrom()),
                "An agreement cannot end before it takes effect.", "/inForceUntil", "endsBeforeStart");
        require(terms.inForceUntil() == null || !terms.inForceUntil().isBefore(today),
                "An agreement that has already ended cannot be recorded.", "/inForceUntil", "alreadyEnded");
        require(!terms.categories().isEmpty(), "An agreement covers at least one category.",
                "/categories", "categoriesRequired");
        require(!terms.purposes().isEmpty(), "An agreement covers at least one purpose.",
                "/purposes", "purposesRequired");
        checkSla(terms.acknowledgementSla());
        checkSlaKind(terms);
        checkClosures(terms.closures());
        require(terms.holidayCalendar() == null || HolidayCalendar.byId(terms.holidayCalendar()).isPresent(),
                "Unknown holiday calendar: the built-in ones are FR, FR-57, FR-67 and FR-68.",
                        "/holidayCalendar", "unknownHolidayCalendar");
    }

    /** Working days are whole days: "P2DT4H" of working days has no reading an office manager would share. */
    private static void checkSlaKind(AgreementTerms terms) {
        if (terms.slaKind() == SlaKind.WORKING_DAYS && terms.acknowledgementSla() != null) {
            Duration sla = terms.acknowledgementSla();
            require(sla.toDays() >= 1 && sla.equals(Duration.ofDays(sla.toDays())),
                    "A working-days SLA is a whole number of days, such as P2D.",
                            "/acknowledgementSla", "slaWholeDays");
        }
    }

    /**
     * A closure is a day or a range of at most a year, and an agreement lists at most {@value #MOST_CLOSURES}: enough
     * for bridge days and yearly closures, and a bound on the work of every deadline computed on the calendar.
     */
    private static void checkClosures(List<ClosurePeriod> closures) {
        require(closures.size() <= MOST_CLOSURES, "An agreement lists at most " + MOST_CLOSURES + " closures.",
                "/closures", "tooManyClosures");
        for (ClosurePeriod closure : closures) {
            require(closure != null && closure.from() != null && closure.to() != null,
                    "A closure needs a first and a last day.", "/closures", "closureDays");
            require(!closure.to().isBefore(closure.from()), "A closure cannot end before it starts.",
                    "/closures", "closureEndsBeforeStart");
            require(!closure.to().isAfter(closure.from().plusYears(1)), "A closure lasts at most a year.",
                    "/closures", "closureTooLong");
        }
    }

    private static void checkSla(Duration sla) {
        require(sla != null, "The acknowledgement SLA is required.", "/acknowledgementSla", "slaRequired");
        require(sla.compareTo(Duration.ofSeconds(1)) >= 0, "The acknowledgement SLA is at least one second.",
                "/acknowledgementSla", "slaTooShort");
        require(sla.compareTo(LONGEST_SLA) <= 0, "The acknowledgement SLA is at most 30 days.",
                "/acknowledgementSla", "slaTooLong");
    }

    private static void checkServiceHours(ServiceHours hours) {
        require(hours != null, "The service hours are required.", "/serviceHours", "serviceHoursRequired");
        require(knownZone(hours.zoneId()), "The service hours need a known time zone.",
                "/serviceHours/zoneId", "unknownZone");
        if (hours.alwaysOpen()) {
            // A list of periods next to "always open" would be ignored silently; better refuse the ambiguity.
            require(hours.periods().isEmpty(), "Service hours that are always open list no periods.",
                    "/serviceHours/periods", "alwaysOpenWithPeriods");
            return;
        }
        require(!hours.periods().isEmpty(), "Service hours need at least one opening period, or always open.",
                "/serviceHours/periods", "periodsRequired");
        for (OpeningPeriod period : hours.periods()) {
            require(period != null && period.day() != null && period.from() != null && period.to() != null,
                    "An opening period needs a day, an opening and a closing time.",
                            "/serviceHours/periods", "periodIncomplete");
            // Equal times read either as nothing or as a whole day; refusing them leaves the stored schedule one
            // reading. A whole day is written 00:00-12:00 plus 12:00-00:00.
            require(!period.from().equals(period.to()), "An opening period cannot open and close at the same time.",
                    "/serviceHours/periods", "periodEmpty");
        }
    }

    private static boolean knownZone(String zoneId) {
        if (zoneId == null || zoneId.isBlank()) {
            return false;
        }
        try {
            ZoneId.of(zoneId);
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }

    /** {@code field} is the JSON pointer of the term at fault, {@code reason} the key of the client's text. */
    private static void require(boolean condition, String message, String field, String reason) {
        if (!condition) {
            throw RuleViolationException.of(ErrorCode.AGREEMENT_INVALID, message).because(reason).at(field);
        }
    }
}
