package org.relais.app.access;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param afterCompletion how long a partner keeps seeing a case's shared personal data after completing its
 *                        transfer (to write its report, answer a question); afterwards the reference, states and its
 *                        own outcome only
 */
@ConfigurationProperties("relais.access")
record AccessProperties(@DefaultValue("P30D") Duration afterCompletion) {
}
