package org.relais.app.upgrade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.relais.core.api.referral.AcceptTransferCommand;
import org.relais.core.api.ActorMetadata;
import org.relais.core.api.referral.AcknowledgeTransferCommand;
import org.relais.core.api.referral.AddNoteCommand;
import org.relais.core.api.referral.AssignCoordinatorCommand;
import org.relais.core.api.referral.CancelTransferCommand;
import org.relais.core.api.referral.CloseReferralCommand;
import org.relais.core.api.referral.ClosureOutcome;
import org.relais.core.api.referral.CompleteTransferCommand;
import org.relais.core.api.referral.DeclineTransferCommand;
import org.relais.core.api.partner.DetachLiaisonCommand;
import org.relais.core.api.referral.ErasureGround;
import org.relais.core.api.admin.FindProjectionsQuery;
import org.relais.core.api.referral.MarkTransferOverdueCommand;
import org.relais.core.api.referral.PostTransferMessageCommand;
import org.relais.core.api.admin.ProjectionStatusView;
import org.relais.core.api.referral.ReopenReferralCommand;
import org.relais.core.api.referral.RequestErasureCommand;
import org.relais.core.api.referral.RerouteTransferCommand;
import org.relais.core.api.partner.ResumeAgreementCommand;
import org.relais.core.api.ShareableField;
import org.relais.core.api.partner.SuspendAgreementCommand;
import org.relais.core.api.partner.TerminateAgreementCommand;
import org.relais.core.api.referral.TransferOutcome;
import org.relais.core.api.TransferPurpose;
import org.relais.core.api.referral.WithdrawConsentCommand;
import org.relais.app.support.ApiClient;
import org.relais.app.support.Commands;
import org.relais.app.support.Intakes;
import org.relais.app.support.TestDataDirs;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Writes the upgrade fixture of this version: a tool, not a test, run only when asked, once per release whose data
 * format a later version must still read, and the result committed:
 *
 * <pre>
 * ./mvnw -o -B -q -pl referral-api -am test -Dtest=UpgradeFixtureGenerator -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Drelais.upgrade-fixture.write=true [-Drelais.upgrade-fixture.name=upgrade-fixtures/0.1.0]
 * </pre>
 *
 * Relais (demo partners) is started on a fresh data directory and key directory, a few cases are taken through
 * most of what a case and a partner can go through, by the real command bus and one intake over HTTP, and Relais
 * is stopped cleanly (the stop signs a checkpoint of the audit chain). The event store and the read side go to
 * {@code data/}, the key directory (its test keys and the checkpoint log) to {@code keys/}, and the referral ids to
 * {@code cases.txt}. {@link UpgradeFromAnOlderDataDirectoryTest} starts the current code on a copy of it.
 */
@EnabledIfSystemProperty(named = "relais.upgrade-fixture.write", matches = "true")
class UpgradeFixtureGenerator {

    private static final Map<String, String> ADMIN = Map.of(ActorMetadata.USER, "admin", ActorMetadata.ROLE, "ADMIN");
    private static final Map<String, String> SYSTEM = Map.of(ActorMetadata.USER, "system", ActorMetadata.ROLE,
            "SYSTEM");

    @Test
    void write_the_upgrade_fixture_of_this_version() throws Exception {
        String name = System.getProperty("relais.upgrade-fixture.name", UpgradeFixtures.V0_1_0);
        Path work = TestDataDirs.create("upgrade-fixture");
        Path data = work.resolve("data");
        Path keys = work.resolve("keys");
        List<String> cases = new ArrayList<>();
        try (ConfigurableApplicationContext relais = UpgradeFixtures.start(data, keys,
                "--relais.read-side.cache-size-mb=2")) {
            Commands commands = new Commands(relais.getBean(CommandGateway.class));
            ApiClient api = new ApiClient(UpgradeFixtures.port(relais));

            // a case through a content removal, a note, a message, a closure and a reopening
            String removed = commands.consentedOnlineCase("Fixture Alpha");
            commands.requestTransfer(removed, "removal", "demo-platform", TransferPurpose.CONTENT_REMOVAL,
                    Set.of(ShareableField.CONTENT_URLS));
            commands.send(new AcknowledgeTransferCommand(removed, "removal"),
                    Commands.liaison("platform", "demo-platform"));
            commands.send(new AcceptTransferCommand(removed, "removal"), Commands.liaison("platform", "demo-platform"));
            commands.send(new PostTransferMessageCommand(removed, "removal", "m-1", "Removed within the hour"),
                    Commands.liaison("platform", "demo-platform"));
            commands.send(new CompleteTransferCommand(removed, "removal", TransferOutcome.CONTENT_REMOVED, null,
                    null), Commands.liaison("platform", "demo-platform"));
            commands.send(new AddNoteCommand(removed, UUID.randomUUID().toString(), "Called back"),
                    Commands.COORDINATOR);
            commands.send(new CloseReferralCommand(removed, ClosureOutcome.RESOLVED, null), Commands.COORDINATOR);
            commands.send(new ReopenReferralCommand(removed, "new facts"), Commands.COORDINATOR);
            cases.add(removed);

            // a case assigned, a transfer declined, another cancelled, then its consent withdrawn
            String withdrawn = commands.consentedOnlineCase("Fixture Beta");
            commands.send(new AssignCoordinatorCommand(withdrawn, "coordinator"), Commands.COORDINATOR);
            commands.requestTransfer(withdrawn, "declined", "demo-platform", TransferPurpose.CONTENT_REMOVAL,
                    Set.of(ShareableField.CONTENT_URLS));
            commands.send(new DeclineTransferCommand(withdrawn, "declined", "Not hosted by us"),
                    Commands.liaison("platform", "demo-platform"));
            commands.requestTransfer(withdrawn, "cancelled", "demo-platform", TransferPurpose.CONTENT_REMOVAL,
                    Set.of(ShareableField.CONTENT_URLS));
            commands.send(new CancelTransferCommand(withdrawn, "cancelled", "Content already gone"),
                    Commands.COORDINATOR);
            commands.send(new WithdrawConsentCommand(withdrawn, "the victim"), Commands.COORDINATOR);
            cases.add(withdrawn);

            // an intake over HTTP, left as received
            ApiClient.Response created = api.postJson("/api/referrals", "coordinator",
                    Intakes.minorCyberharassment("Fixture Gamma"));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            cases.add(created.json().get("referralId").asString());

            // a case whose declined transfer is rerouted to another partner, then flagged overdue there; its
            // personal data read for a stated purpose
            String rerouted = commands.consentedOnlineCase("Fixture Epsilon");
            commands.requestTransfer(rerouted, "first", "demo-platform", TransferPurpose.CONTENT_REMOVAL,
                    Set.of(ShareableField.CONTENT_URLS));
            commands.send(new DeclineTransferCommand(rerouted, "first", "Not hosted by us"),
                    Commands.liaison("platform", "demo-platform"));
            commands.send(new RerouteTransferCommand(rerouted, "first", "second", "demo-helpline", null, null, null,
                    null), Commands.COORDINATOR);
            commands.send(new MarkTransferOverdueCommand(rerouted, "second"), SYSTEM);
            assertThat(api.get("/api/referrals/" + rerouted + "?purpose=Follow-up%20call", "coordinator").status())
                    .isEqualTo(200);
            cases.add(rerouted);

            // a case erased at its subject's request (not in cases.txt: its personal data is gone)
            String erased = commands.consentedOnlineCase("Fixture Delta");
            commands.send(new RequestErasureCommand(erased, "Data subject request",
                    ErasureGround.DATA_SUBJECT_REQUEST), ADMIN);

            // a partner's agreement suspended and resumed, a liaison detached, another agreement terminated
            commands.send(new SuspendAgreementCommand("demo-helpline", "audit"), Commands.COORDINATOR);
            commands.send(new ResumeAgreementCommand("demo-helpline", "audit done"), Commands.COORDINATOR);
            commands.send(new DetachLiaisonCommand("demo-helpline", "helpline"), ADMIN);
            commands.send(new TerminateAgreementCommand("demo-child-abuse-association", "ended"), ADMIN);

            QueryGateway queries = relais.getBean(QueryGateway.class);
            await().atMost(Duration.ofSeconds(60)).until(() -> queries.query(new FindProjectionsQuery(),
                    ResponseTypes.multipleInstancesOf(ProjectionStatusView.class)).join(), views -> !views.isEmpty()
                    && views.stream().allMatch(view -> view.caughtUp() && view.lag() == 0));
        }
        Path fixture = UpgradeFixtures.source(name);
        if (Files.exists(fixture)) {
            try (Stream<Path> old = Files.walk(fixture)) {
                for (Path entry : old.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(entry);
                }
            }
        }
        Files.createDirectories(fixture.resolve("data"));
        for (String file : List.of("events.db", "readside.sqlite")) {
            Files.copy(data.resolve(file), fixture.resolve("data").resolve(file));
        }
        UpgradeFixtures.copyTree(keys, fixture.resolve("keys"));
        Files.write(fixture.resolve("cases.txt"), cases);
        try (Stream<Path> written = Files.walk(fixture)) {
            written.filter(Files::isRegularFile).forEach(file -> System.out.println(fixture.relativize(file) + " "
                    + size(file)));
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }
}
