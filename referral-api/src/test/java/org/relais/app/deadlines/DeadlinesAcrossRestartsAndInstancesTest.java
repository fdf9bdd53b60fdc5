package org.relais.app.deadlines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.relais.core.api.ShareableField;
import org.relais.core.api.referral.TransferAcknowledgementOverdueEvent;
import org.relais.core.api.TransferPurpose;
import org.relais.app.RelaisApplication;
import org.relais.app.support.Commands;
import org.relais.app.support.MutableClock;
import org.relais.app.support.TestDataDirs;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/** Deadlines are durable: they outlive a stop of the application, and two instances flag a transfer once. */
class DeadlinesAcrossRestartsAndInstancesTest {

    static final Instant START = Instant.parse("2026-11-27T10:00:00Z");
    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    static MutableClock clock;

    @Configuration(proxyBeanMethods = false)
    static class SharedClock {
        @Bean
        @Primary
        MutableClock testClock() {
            return clock;
        }
    }

    private final Path dataDir = TestDataDirs.create("deadline-restart");

    @Test
    void a_deadline_that_fell_due_while_the_application_was_stopped_fires_once_after_start() {
        clock = new MutableClock(START, PARIS);
        String referralId;
        try (ConfigurableApplicationContext first = start()) {
            Commands commands = new Commands(first.getBean(CommandGateway.class));
            referralId = commands.consentedOnlineCase("Restart Victim");
            commands.requestTransfer(referralId, "t-1", "demo-platform", TransferPurpose.CONTENT_REMOVAL,
                    Set.of(ShareableField.CONTENT_URLS));
        }

        clock.advance(Duration.ofHours(3)); // due one hour after the request, while nothing ran

        try (ConfigurableApplicationContext second = start()) {
            EventStore eventStore = second.getBean(EventStore.class);
            await().atMost(Duration.ofSeconds(10)).until(() -> overdue(eventStore, referralId).size() == 1);
            second.getBean(OverdueDeadlinePoller.class).flagDueTransfers();
            assertThat(overdue(eventStore, referralId)).hasSize(1);
        }
    }

    @Test
    void two_instances_on_the_same_stores_flag_a_transfer_once() throws Exception {
        clock = new MutableClock(START, PARIS);
        try (ConfigurableApplicationContext one = start("--relais.deadlines.poll-interval=PT1H");
             ConfigurableApplicationContext two = start("--relais.deadlines.poll-interval=PT1H")) {
            Commands commands = new Commands(one.getBean(CommandGateway.class));
            List<String> referrals = new java.util.ArrayList<>();
            for (int i = 0; i < 10; i++) {
                String referralId = commands.consentedOnlineCase("Twin Victim " + i);
                commands.requestTransfer(referralId, "t-1", "demo-platform", TransferPurpose.CONTENT_REMOVAL,
                        Set.of(ShareableField.CONTENT_URLS));
                referrals.add(referralId);
            }
            clock.advance(Duration.ofHours(2));

            ExecutorService threads = Executors.newFixedThreadPool(2);
            CountDownLatch go = new CountDownLatch(1);
            Future<Integer> first = threads.submit(() -> {
                go.await();
                return one.getBean(OverdueDeadlinePoller.class).flagDueTransfers();
            });
            Future<Integer> second = threads.submit(() -> {
                go.await();
                return two.getBean(OverdueDeadlinePoller.class).flagDueTransfers();
            });
            go.countDown();
            int sent = first.get() + second.get();
            threads.shutdown();

            EventStore eventStore = one.getBean(EventStore.class);
            for (String referralId : referrals) {
                assertThat(overdue(eventStore, referralId)).as("overdue events of one transfer").hasSize(1);
            }
            assertThat(sent).as("claims keep the two instances from both sending the command").isEqualTo(10);
        }
    }

    private ConfigurableApplicationContext start(String... extra) {
        String[] args = new String[extra.length + 3];
        args[0] = "--relais.data-dir=" + dataDir;
        args[1] = "--server.port=0";
        args[2] = "--logging.level.root=WARN";
        System.arraycopy(extra, 0, args, 3, extra.length);
        return new SpringApplicationBuilder(RelaisApplication.class, SharedClock.class).profiles("demo").run(args);
    }

    private static List<TransferAcknowledgementOverdueEvent> overdue(EventStore eventStore, String referralId) {
        return eventStore.readEvents(referralId).asStream().map(DomainEventMessage::getPayload)
                .filter(TransferAcknowledgementOverdueEvent.class::isInstance)
                .map(TransferAcknowledgementOverdueEvent.class::cast).toList();
    }
}
