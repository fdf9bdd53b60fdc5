package org.relais.projections.partnerdirectory;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Set;

import org.relais.core.api.partner.AgreementTerms;
import org.relais.core.api.Category;
import org.relais.core.api.partner.ClosurePeriod;
import org.relais.core.api.partner.OpeningPeriod;
import org.relais.core.api.PartnerKind;
import org.relais.core.api.partner.PartnerStatus;
import org.relais.core.api.query.PartnerView;
import org.relais.core.api.partner.ServiceHours;
import org.relais.core.api.ShareableField;
import org.relais.core.api.partner.SlaKind;
import org.relais.core.api.TransferPurpose;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One partner of the directory. {@code version} is the sequence number of the last event applied, for idempotency.
 * Dates, times and durations of the agreement are kept as ISO-8601 strings: they read back exactly, whatever the
 * driver's mapping of {@code java.time} types (a {@code Duration} has none).
 */
@Document(PartnerDocument.COLLECTION)
record PartnerDocument(@Id String partnerId,
                       String name,
                       PartnerKind kind,
                       PartnerStatus status,
                       Terms agreement,
                       List<String> liaisons,
                       long version) {

    static final String COLLECTION = "partner_directory";

    PartnerView toView() {
        return new PartnerView(partnerId, name, kind, status, agreement == null ? null : agreement.toTerms(),
                liaisons == null ? List.of() : liaisons.stream().sorted().toList(), version);
    }

    record Terms(String signedOn,
                 String inForceFrom,
                 String inForceUntil,
                 Set<Category> categories,
                 Set<TransferPurpose> purposes,
                 Set<ShareableField> shareableFields,
                 String acknowledgementSla,
                 String zoneId,
                 boolean alwaysOpen,
                 List<Period> periods,
                 SlaKind slaKind,
                 List<Closure> closures,
                 String holidayCalendar) {

        static Terms of(AgreementTerms terms) {
            ServiceHours hours = terms.serviceHours();
            return new Terms(string(terms.signedOn()), string(terms.inForceFrom()), string(terms.inForceUntil()),
                    terms.categories(), terms.purposes(), terms.shareableFields(), string(terms.acknowledgementSla()),
                    hours == null ? null : hours.zoneId(), hours != null && hours.alwaysOpen(),
                    hours == null ? List.of() : hours.periods().stream()
                            .map(period -> new Period(period.day(), string(period.from()), string(period.to())))
                            .toList(),
                    terms.slaKind(), terms.closures().stream()
                            .map(closure -> new Closure(string(closure.from()), string(closure.to()))).toList(),
                    terms.holidayCalendar());
        }

        AgreementTerms toTerms() {
            return new AgreementTerms(date(signedOn), date(inForceFrom), date(inForceUntil), categories, purposes,
                    shareableFields, acknowledgementSla == null ? null : Duration.parse(acknowledgementSla),
                    new ServiceHours(zoneId, alwaysOpen, periods == null ? List.of() : periods.stream()
                            .map(period -> new OpeningPeriod(period.day(), time(period.from()), time(period.to())))
                            .toList()),
                    slaKind, closures == null ? List.of() : closures.stream()
                            .map(closure -> new ClosurePeriod(date(closure.from()), date(closure.to()))).toList(),
                    holidayCalendar);
        }

        private static String string(Object value) {
            return value == null ? null : value.toString();
        }

        private static LocalDate date(String value) {
            return value == null ? null : LocalDate.parse(value);
        }

        private static LocalTime time(String value) {
            return value == null ? null : LocalTime.parse(value);
        }
    }

    record Period(DayOfWeek day, String from, String to) {
    }

    /** A closure of the agreement's calendar, both days included; documents from before closures have none. */
    record Closure(String from, String to) {
    }
}
