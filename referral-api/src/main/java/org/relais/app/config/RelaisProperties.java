package org.relais.app.config;

import java.nio.file.Path;
import java.time.ZoneId;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Relais' own settings.
 *
 * @param dataDir  everything the embedded default keeps on disk (the event store, the read side); never a key
 * @param keyDir   the keys the embedded default generates for itself, apart from the data so that a copy of the data
 *                 directory alone cannot be decrypted
 * @param timeZone the service's time zone: references are numbered per year in it
 */
@ConfigurationProperties("relais")
public record RelaisProperties(@DefaultValue("./data") Path dataDir,
                               @DefaultValue("./keys") Path keyDir,
                               @DefaultValue("Europe/Paris") ZoneId timeZone) {
}
