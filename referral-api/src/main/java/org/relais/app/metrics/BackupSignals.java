package org.relais.app.metrics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.relais.app.backup.BackupManifest;
import org.relais.app.backup.Backups;
import org.springframework.stereotype.Component;

/**
 * {@code relais_backup_age_seconds}: how long ago the newest backup in {@code relais.backup.dir} was taken, read
 * from its manifest at each scrape (so backups taken by the jar's command count too). NaN when there is none, or
 * when the events live in an external database, which is backed up with its own tools.
 */
@Component
class BackupSignals {

    private final Backups backups;
    private final Clock clock;

    BackupSignals(Backups backups, Clock clock, MeterRegistry registry) {
        this.backups = backups;
        this.clock = clock;
        Gauge.builder("relais.backup.age", this, BackupSignals::age).baseUnit("seconds")
                .description("Time since the newest backup was taken (NaN if none)").register(registry);
    }

    private double age() {
        try {
            if (!backups.embedded()) {
                return Double.NaN;
            }
            List<BackupManifest> newestFirst = backups.list();
            if (newestFirst.isEmpty()) {
                return Double.NaN;
            }
            Instant taken = Instant.parse(newestFirst.get(0).time());
            return Math.max(0, Duration.between(taken, clock.instant()).toMillis() / 1000.0);
        } catch (RuntimeException unreadable) {
            return Double.NaN;
        }
    }
}
