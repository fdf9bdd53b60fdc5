package org.relais.web.partner;

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
import org.relais.core.api.AgreementTerms;
import org.relais.core.api.Category;
import org.relais.core.api.OpeningPeriod;
import org.relais.core.api.ServiceHours;
import org.relais.core.api.ShareableField;
import org.relais.core.api.TransferPurpose;

/**
 * The complete terms of a partner's agreement (dates as {@code 2026-01-31}, the SLA as an ISO-8601 duration such as
 * {@code PT4H}, times as {@code 09:00}). The partner's own rules check the rest (dates in order, SLA bounds, zone).
 */
record AgreementRequest(@NotNull LocalDate signedOn,
                        @NotNull LocalDate inForceFrom,
                        LocalDate inForceUntil,
                        @NotEmpty @Size(max = 11) Set<@NotNull Category> categories,
                        @NotEmpty @Size(max = 6) Set<@NotNull TransferPurpose> purposes,
                        @NotNull @Size(max = 6) Set<@NotNull ShareableField> shareableFields,
                        @NotNull Duration acknowledgementSla,
                        @NotNull @Valid Hours serviceHours) {

    record Hours(@NotBlank @Size(max = 64) String zoneId,
                 boolean alwaysOpen,
                 @Size(max = 100) List<@NotNull @Valid Period> periods) {
    }

    record Period(@NotNull DayOfWeek day, @NotNull LocalTime from, @NotNull LocalTime to) {
    }

    AgreementTerms terms() {
        return new AgreementTerms(signedOn, inForceFrom, inForceUntil, categories, purposes, shareableFields,
                acknowledgementSla, new ServiceHours(serviceHours.zoneId(), serviceHours.alwaysOpen(),
                serviceHours.periods() == null ? List.of() : serviceHours.periods().stream()
                        .map(period -> new OpeningPeriod(period.day(), period.from(), period.to()))
                        .toList()));
    }
}
