package org.relais.web.config;

import java.nio.file.Path;
import java.time.ZoneId;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Relais' own settings.
 *
 * @param dataDir  everything the embedded default keeps on disk (the H2 event store, the generated master key)
 * @param timeZone the service's time zone: references are numbered per year in it
 */
@ConfigurationProperties("relais")
public record RelaisProperties(@DefaultValue("./data") Path dataDir,
                               @DefaultValue("Europe/Paris") ZoneId timeZone) {
}
