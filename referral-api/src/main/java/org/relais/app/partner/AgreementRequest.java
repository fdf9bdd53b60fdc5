package org.relais.app.partner;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Set;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.relais.core.api.partner.AgreementTerms;
import org.relais.core.api.Category;
import org.relais.core.api.partner.ClosurePeriod;
import org.relais.core.api.partner.OpeningPeriod;
import org.relais.core.api.partner.ServiceHours;
import org.relais.core.api.ShareableField;
import org.relais.core.api.partner.SlaKind;
import org.relais.core.api.TransferPurpose;

/**
 * The complete terms of a partner's agreement (dates as {@code 2026-01-31}, the SLA as an ISO-8601 duration such as
 * {@code PT4H}, times as {@code 09:00}). The partner's own rules check the rest (dates in order, SLA bounds, zone).
 * {@code slaKind} says how the SLA counts ({@code OPEN_HOURS} when left out: a duration of open time;
 * {@code WORKING_DAYS}: whole days such as {@code P2D}, each a working day); {@code closures} lists the office's
 * closure days and ranges; {@code holidayCalendar} names the public holidays it closes on ({@code FR}, {@code FR-57},
 * {@code FR-67}, {@code FR-68}), none when left out.
 */
record AgreementRequest(@NotNull LocalDate signedOn,
                        @NotNull LocalDate inForceFrom,
                        LocalDate inForceUntil,
                        @NotEmpty @Size(max = 11) Set<@NotNull Category> categories,
                        @NotEmpty @Size(max = 6) Set<@NotNull TransferPurpose> purposes,
                        @NotNull @Size(max = 6) Set<@NotNull ShareableField> shareableFields,
                        @NotNull Duration acknowledgementSla,
                        @NotNull @Valid Hours serviceHours,
                        SlaKind slaKind,
                        @Size(max = 100) List<@NotNull @Valid Closure> closures,
                        @Size(max = 16) String holidayCalendar) {

    record Hours(@NotBlank @Size(max = 64) String zoneId,
                 boolean alwaysOpen,
                 @Size(max = 100) List<@NotNull @Valid Period> periods) {
    }

    record Period(@NotNull DayOfWeek day, @NotNull LocalTime from, @NotNull LocalTime to) {
    }

    /** Days the office is closed, both included; {@code to} may be left out for a single day. */
    record Closure(@NotNull LocalDate from, LocalDate to) {
    }

    AgreementTerms terms() {
        return new AgreementTerms(signedOn, inForceFrom, inForceUntil, categories, purposes, shareableFields,
                acknowledgementSla, new ServiceHours(serviceHours.zoneId(), serviceHours.alwaysOpen(),
                serviceHours.periods() == null ? List.of() : serviceHours.periods().stream()
                        .map(period -> new OpeningPeriod(period.day(), period.from(), period.to()))
                        .toList()),
                slaKind == null ? SlaKind.OPEN_HOURS : slaKind,
                closures == null ? List.of() : closures.stream()
                        .map(closure -> new ClosurePeriod(closure.from(), closure.to() == null ? closure.from()
                                : closure.to()))
                        .toList(),
                holidayCalendar == null || holidayCalendar.isBlank() ? null : holidayCalendar.strip());
    }
}
