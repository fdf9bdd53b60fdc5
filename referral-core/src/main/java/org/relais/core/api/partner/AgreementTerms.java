package org.relais.core.api.partner;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.relais.core.api.Category;
import org.relais.core.api.EnumSets;
import org.relais.core.api.ShareableField;
import org.relais.core.api.TransferPurpose;

/**
 * What a signed agreement with a partner allows: when it is in force ({@code inForceUntil} null = open-ended),
 * which categories and purposes it covers, which personal-data fields the partner may receive, how fast the partner
 * must acknowledge a transfer, and when it is open.
 * <p>
 * The calendar the SLA runs on: the weekly {@code serviceHours}, minus the {@code closures} (explicit days and
 * ranges) and the public holidays of {@code holidayCalendar} (null for none; see {@code HolidayCalendar}), all in
 * the service hours' zone. {@code slaKind} says whether the SLA is open time or working days; agreements recorded
 * before these existed read as open time on the weekly schedule alone.
 */
public record AgreementTerms(LocalDate signedOn,
                             LocalDate inForceFrom,
                             LocalDate inForceUntil,
                             Set<Category> categories,
                             Set<TransferPurpose> purposes,
                             Set<ShareableField> shareableFields,
                             Duration acknowledgementSla,
                             ServiceHours serviceHours,
                             SlaKind slaKind,
                             List<ClosurePeriod> closures,
                             String holidayCalendar) {

    public AgreementTerms {
        slaKind = slaKind == null ? SlaKind.OPEN_HOURS : slaKind;
        closures = closures == null ? List.of() : List.copyOf(closures);
        categories = EnumSets.copyOf(categories, Category.class);
        purposes = EnumSets.copyOf(purposes, TransferPurpose.class);
        shareableFields = EnumSets.copyOf(shareableFields, ShareableField.class);
    }

    /** Terms whose SLA is open time on the weekly schedule alone, with no closure day and no holiday calendar. */
    public AgreementTerms(LocalDate signedOn, LocalDate inForceFrom, LocalDate inForceUntil, Set<Category> categories,
                          Set<TransferPurpose> purposes, Set<ShareableField> shareableFields,
                          Duration acknowledgementSla, ServiceHours serviceHours) {
        this(signedOn, inForceFrom, inForceUntil, categories, purposes, shareableFields, acknowledgementSla,
                serviceHours, SlaKind.OPEN_HOURS, List.of(), null);
    }

    public boolean inForceOn(LocalDate day) {
        return !day.isBefore(inForceFrom) && (inForceUntil == null || !day.isAfter(inForceUntil));
    }

    /** In force on the day {@code now} falls on at the partner: the dates were signed there. */
    public boolean inForceAt(Instant now) {
        return inForceOn(dayAt(now));
    }

    /** The day {@code now} falls on at the partner (its service hours' zone, else UTC): the calendar every date of
     * these terms is written in. */
    public LocalDate dayAt(Instant now) {
        ZoneId zone = serviceHours == null || serviceHours.zoneId() == null
                ? ZoneId.of("UTC") : ZoneId.of(serviceHours.zoneId());
        return LocalDate.ofInstant(now, zone);
    }

    public boolean coversAnyOf(Set<Category> caseCategories) {
        return caseCategories != null && !Collections.disjoint(categories, caseCategories);
    }

    /**
     * Whether a case of these categories may be handed over for this purpose under these terms at {@code now}: the
     * agreement side of the transfer gate (the partner's status and the fields shared are checked beside it). The
     * UI's partner picker offers exactly what this admits; the command side decides with the same method.
     */
    public boolean admits(Set<Category> caseCategories, TransferPurpose purpose, Instant now) {
        return inForceAt(now) && coversAnyOf(caseCategories) && purposes.contains(purpose);
    }
}
