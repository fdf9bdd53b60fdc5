package org.relais.app.privacy;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param afterClosure how long a closed case keeps its personal data before the retention job erases it
 *                     (default about five years); reopening the case stops the count
 * @param checkInterval how often the retention job looks for cases to erase
 */
@ConfigurationProperties("relais.retention")
record RetentionProperties(@DefaultValue("P1826D") Duration afterClosure,
                           @DefaultValue("PT1H") Duration checkInterval) {
}
