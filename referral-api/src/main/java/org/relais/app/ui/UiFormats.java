package org.relais.app.ui;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import org.relais.app.config.RelaisProperties;
import org.springframework.stereotype.Component;

/** How the pages write instants: in the service's time zone, to the minute, the same in every language. */
@Component("uiFormats")
class UiFormats {

    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final ZoneId zone;

    UiFormats(RelaisProperties properties) {
        this.zone = properties.timeZone();
    }

    public String at(Instant instant) {
        return instant == null ? "–" : MINUTE.format(instant.atZone(zone));
    }

    public String precise(Instant instant) {
        return instant == null ? "–" : SECOND.format(instant.atZone(zone));
    }

    /** The value of a datetime-local input for this instant. */
    public String local(Instant instant) {
        return instant == null ? "" : instant.atZone(zone).toLocalDateTime().withNano(0).toString();
    }

    public String zone() {
        return zone.getId();
    }
}
