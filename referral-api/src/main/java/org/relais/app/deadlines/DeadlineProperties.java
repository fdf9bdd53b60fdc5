package org.relais.app.deadlines;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param pollInterval  how often each instance looks for due deadlines: the lateness of an overdue flag is at most
 *                      about this long
 * @param claimDuration how long an instance holds a due deadline it is working on before another may take it
 * @param reminderShare when set (e.g. 0.75), liaisons are reminded once this share of the partner's open time to
 *                      the deadline has passed without acknowledgement
 */
@ConfigurationProperties("relais.deadlines")
record DeadlineProperties(@DefaultValue("PT1S") Duration pollInterval,
                          @DefaultValue("PT30S") Duration claimDuration,
                          Double reminderShare,
                          @DefaultValue("100") int batchSize) {
}
