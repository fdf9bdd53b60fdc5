package org.relais.app.deadlines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.relais.core.api.ActorMetadata;
import org.relais.core.api.partner.AgreementTerms;
import org.relais.core.api.Category;
import org.relais.core.api.PartnerKind;
import org.relais.core.api.partner.RegisterPartnerCommand;
import org.relais.core.api.partner.ServiceHours;
import org.relais.core.api.ShareableField;
import org.relais.core.api.partner.SignAgreementCommand;
import org.relais.core.api.referral.TransferAcknowledgementOverdueEvent;
import org.relais.core.api.TransferPurpose;
import org.relais.app.support.Commands;
import org.relais.app.support.TestDataDirs;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A measurement, not a timed assertion: how late overdue flags are stored after their deadlines, on the real
 * clock, while intakes keep the command side busy. It prints the figures; it only asserts that every deadline fired
 * exactly once.
 */
@SpringBootTest
@ActiveProfiles("demo")
class DeadlineLatenessMeasurementTest {

    static final int TRANSFERS = 20;

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("relais.data-dir", () -> TestDataDirs.create("lateness").toString());
    }

    @Autowired
    CommandGateway gateway;
    @Autowired
    EventStore eventStore;
    @Autowired
    Clock clock;

    @Test
    void overdue_flags_follow_their_deadlines_closely_under_load() throws Exception {
        Commands commands = new Commands(gateway);
        Map<String, String> admin = Map.of(ActorMetadata.USER, "admin", ActorMetadata.ROLE, "ADMIN");
        // The agreement's dates are read in its own zone (UTC here), not the service's.
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        commands.send(new RegisterPartnerCommand("fast-platform", "Plateforme rapide", PartnerKind.ONLINE_PLATFORM),
                admin);
        commands.send(new SignAgreementCommand("fast-platform", new AgreementTerms(today, today, null,
                Set.of(Category.CYBERHARASSMENT), Set.of(TransferPurpose.CONTENT_REMOVAL),
                Set.of(ShareableField.CONTENT_URLS), Duration.ofSeconds(3), ServiceHours.alwaysOpen("UTC"))), admin);

        AtomicBoolean loading = new AtomicBoolean(true);
        Thread load = new Thread(() -> {
            while (loading.get()) {
                commands.consentedOnlineCase("Load");
            }
        });
        load.start();
        List<String> referrals = new ArrayList<>();
        try {
            for (int i = 0; i < TRANSFERS; i++) {
                String referralId = commands.consentedOnlineCase("Lateness " + i);
                commands.requestTransfer(referralId, "t-1", "fast-platform", TransferPurpose.CONTENT_REMOVAL,
                        Set.of(ShareableField.CONTENT_URLS));
                referrals.add(referralId);
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> referrals.stream()
                    .allMatch(referralId -> overdue(referralId).size() == 1));
        } finally {
            loading.set(false);
            load.join();
        }

        List<Long> lateMillis = new ArrayList<>();
        for (String referralId : referrals) {
            List<DomainEventMessage<?>> flagged = overdue(referralId);
            assertThat(flagged).hasSize(1);
            TransferAcknowledgementOverdueEvent event = (TransferAcknowledgementOverdueEvent) flagged.get(0).getPayload();
            lateMillis.add(Duration.between(event.deadline(), flagged.get(0).getTimestamp()).toMillis());
        }
        lateMillis.sort(Long::compare);
        System.out.printf("DEADLINE LATENESS under load (%d transfers, 1 s poll): min %d ms, median %d ms, max %d ms%n",
                TRANSFERS, lateMillis.get(0), lateMillis.get(lateMillis.size() / 2), lateMillis.get(lateMillis.size() - 1));
    }

    private List<DomainEventMessage<?>> overdue(String referralId) {
        return eventStore.readEvents(referralId).asStream()
                .filter(event -> event.getPayload() instanceof TransferAcknowledgementOverdueEvent)
                .<DomainEventMessage<?>>map(event -> event).toList();
    }
}
