package org.relais.app;

import java.util.Arrays;

import org.relais.app.backup.BackupCommand;
import org.relais.app.backup.RestoreCommand;
import org.relais.app.integrity.VerifyCommand;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Relais: referrals of victims to partner organisations, event-sourced. */
@SpringBootApplication(scanBasePackages = {"org.relais.app", "org.relais.projections"})
@ConfigurationPropertiesScan("org.relais.app")
@EnableScheduling
public class RelaisApplication {

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals(VerifyCommand.NAME)) {
            // a third party's offline check: no Spring, no database, no key but the public one; its verdict is the
            // command's output
            System.exit(VerifyCommand.run(Arrays.copyOfRange(args, 1, args.length), System.out));
        }
        if (args.length > 0 && args[0].equals(BackupCommand.NAME)) {
            // an online copy of the embedded event store, read from its file beside a running instance or not
            System.exit(BackupCommand.run(Arrays.copyOfRange(args, 1, args.length), System.out));
        }
        if (args.length > 0 && args[0].equals(RestoreCommand.NAME)) {
            // checks a backup and puts it into an empty data directory; nothing of Relais is started
            System.exit(RestoreCommand.run(Arrays.copyOfRange(args, 1, args.length), System.out));
        }
        // Relais makes no outgoing call: Axon's update checker would phone home at start.
        System.setProperty("axoniq.update-checker.disabled", "true");
        SpringApplication.run(RelaisApplication.class, args);
    }
}
