package org.relais.app.backup;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Backups of the embedded default.
 *
 * @param dir      where backups are written and listed from; blank for {@code backups} beside the data directory
 *                 (never inside it, nor inside the key directory)
 * @param schedule a cron expression (six fields, in {@code relais.time-zone}) for scheduled backups; {@code -} (the
 *                 default) for none
 * @param keep     how many backups to keep: after each backup the oldest beyond this number are deleted
 */
@ConfigurationProperties("relais.backup")
record BackupProperties(Path dir, @DefaultValue("-") String schedule, @DefaultValue("7") int keep) {
}
