package org.relais.projections.dashboard;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.List;

import org.relais.core.api.partner.OpeningPeriod;
import org.relais.core.api.partner.ServiceHours;
import org.springframework.data.annotation.Id;

/**
 * A partner's service hours as its latest agreement event set them, kept by the dashboard itself (from the same
 * event stream, so a rebuild finds them as they were at each transfer request) rather than read from the partner
 * directory, whose current terms would measure an old acknowledgement on hours amended since.
 */
class PartnerHoursDocument {

    static final String COLLECTION = "dashboard_partners";

    @Id
    String id;
    Hours hours;

    /** Service hours in plain strings: times of day as {@code 09:00}, so the document needs no converter. */
    static class Hours {
        String zoneId;
        boolean alwaysOpen;
        List<Period> periods;

        static Hours of(ServiceHours hours) {
            if (hours == null) {
                return null;
            }
            Hours stored = new Hours();
            stored.zoneId = hours.zoneId();
            stored.alwaysOpen = hours.alwaysOpen();
            stored.periods = hours.periods().stream().map(period -> {
                Period p = new Period();
                p.day = period.day();
                p.from = period.from().toString();
                p.to = period.to().toString();
                return p;
            }).toList();
            return stored;
        }

        ServiceHours toServiceHours() {
            return new ServiceHours(zoneId, alwaysOpen, periods == null ? List.of() : periods.stream()
                    .map(p -> new OpeningPeriod(p.day, LocalTime.parse(p.from), LocalTime.parse(p.to))).toList());
        }
    }

    static class Period {
        DayOfWeek day;
        String from;
        String to;
    }
}
