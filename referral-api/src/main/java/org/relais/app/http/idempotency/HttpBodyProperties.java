package org.relais.app.http.idempotency;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/** {@code relais.http.max-body-size}: the largest request body accepted (64 KB: an intake is a few KB). */
@ConfigurationProperties("relais.http")
public record HttpBodyProperties(@DefaultValue("64KB") DataSize maxBodySize) {
}
