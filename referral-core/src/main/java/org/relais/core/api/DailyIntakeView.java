package org.relais.core.api;

import java.time.LocalDate;
import java.util.Map;

/** Cases received on one day (in the service's time zone), by channel and by category as received. */
public record DailyIntakeView(LocalDate day, long total, Map<Channel, Long> byChannel, Map<Category, Long> byCategory) {
}
