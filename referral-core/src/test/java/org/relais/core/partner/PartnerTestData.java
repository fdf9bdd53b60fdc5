package org.relais.core.partner;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.relais.core.api.partner.AgreementTerms;
import org.relais.core.api.Category;
import org.relais.core.api.partner.OpeningPeriod;
import org.relais.core.api.partner.ServiceHours;
import org.relais.core.api.ShareableField;
import org.relais.core.api.TransferPurpose;

/** A helpline association open every day 09:00-23:00 in Paris, and the service clock on 1 March 2026. */
final class PartnerTestData {

    static final String PARTNER_ID = "p-helpline";
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneId.of("Europe/Paris"));
    static final LocalDate TODAY = LocalDate.of(2026, 3, 1);

    private PartnerTestData() {
    }

    static ServiceHours nineToEleven() {
        List<OpeningPeriod> periods = new ArrayList<>();
        for (DayOfWeek day : DayOfWeek.values()) {
            periods.add(new OpeningPeriod(day, LocalTime.of(9, 0), LocalTime.of(23, 0)));
        }
        return new ServiceHours("Europe/Paris", false, periods);
    }

    static AgreementTerms terms() {
        return new AgreementTerms(LocalDate.of(2026, 2, 1), LocalDate.of(2026, 2, 1), null,
                Set.of(Category.CYBERHARASSMENT, Category.NON_CONSENSUAL_IMAGERY),
                Set.of(TransferPurpose.CONTENT_REMOVAL, TransferPurpose.PSYCHOLOGICAL_SUPPORT),
                Set.of(ShareableField.CONTENT_URLS),
                Duration.ofHours(4),
                nineToEleven());
    }

    static AgreementTerms amendedTerms() {
        return new AgreementTerms(TODAY, TODAY, LocalDate.of(2028, 12, 31),
                Set.of(Category.CYBERHARASSMENT, Category.NON_CONSENSUAL_IMAGERY, Category.SEXTORTION),
                Set.of(TransferPurpose.CONTENT_REMOVAL, TransferPurpose.PSYCHOLOGICAL_SUPPORT),
                Set.of(ShareableField.CONTENT_URLS, ShareableField.VICTIM_CONTACT),
                Duration.ofHours(2),
                ServiceHours.alwaysOpen("Europe/Paris"));
    }
}
