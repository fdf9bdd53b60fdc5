package org.relais.app.readmodels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;
import org.relais.core.api.referral.AcceptTransferCommand;
import org.relais.core.api.referral.AcknowledgeTransferCommand;
import org.relais.core.api.referral.AgeBand;
import org.relais.core.api.Category;
import org.relais.core.api.referral.Channel;
import org.relais.core.api.referral.CompleteTransferCommand;
import org.relais.core.api.query.FindFlaggerNoticesQuery;
import org.relais.core.api.query.FlaggerNoticeView;
import org.relais.core.api.referral.GiveConsentCommand;
import org.relais.core.api.referral.HostingService;
import org.relais.core.api.referral.LegalBasis;
import org.relais.core.api.referral.PersonalDetails;
import org.relais.core.api.referral.ReceiveReferralCommand;
import org.relais.core.api.referral.ReporterRole;
import org.relais.core.api.referral.RequestTransferCommand;
import org.relais.core.api.referral.RiskLevel;
import org.relais.core.api.ShareableField;
import org.relais.core.api.referral.TransferOutcome;
import org.relais.core.api.TransferPurpose;
import org.relais.core.api.referral.TriageReferralCommand;
import org.relais.app.support.HttpCall;
import org.relais.app.support.MutableClock;
import org.relais.app.support.TestDataDirs;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import tools.jackson.databind.JsonNode;

/**
 * The trusted-flagger report against figures worked out by hand, on a small fixed data set built with commands
 * through the real buses, on a store of its own (so that no other test's notices count). The per-notice answers go
 * through the HTTP endpoint as the liaisons send them; times of action are chosen relative to each notice's sending.
 *
 * <pre>
 * case A, cyberharassment, 3 URLs, via the helpline to "Social Example": A0 REMOVED +1h (SoR-A0), A1 REFUSED +3h
 *         (SoR-A1), A2 unanswered (transfer ACCEPTED)
 * case B, cyberharassment + hate speech, 2 URLs, to the demo platform: B0 RESTRICTED +2h, B1 REFUSED +5h (no SoR)
 * case C, cyberharassment, 1 URL, to the demo platform, completed: C0 NO_ACTION +4h
 * answered times 1h 2h 3h 4h 5h: median (nearest rank 3 of 5) 3h, p90 (rank 5 of 5) 5h
 * </pre>
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "fast-passwords"})
class TrustedFlaggerReportFiguresTest {

    /** A day ahead of the wall clock, so that times of action after the (wall-clock) sending are never "future". */
    @TestConfiguration
    static class Clocks {
        @Bean
        @Primary
        MutableClock testClock() {
            return new MutableClock(Instant.now().plus(Duration.ofDays(1)), ZoneId.of("Europe/Paris"));
        }
    }

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("relais.data-dir", () -> TestDataDirs.create("flagger-report").toString());
    }

    @LocalServerPort
    int port;

    @Autowired
    CommandGateway commandGateway;

    @Autowired
    QueryGateway queries;

    @Test
    void the_report_gives_the_hand_computed_figures() {
        Actors actors = new Actors(commandGateway);
        String a = removal(actors, 3, Set.of(Category.CYBERHARASSMENT), "demo-helpline",
                new HostingService("Social Example", null));
        String b = removal(actors, 2, Set.of(Category.CYBERHARASSMENT, Category.HATE_SPEECH), "demo-platform", null);
        String c = removal(actors, 1, Set.of(Category.CYBERHARASSMENT), "demo-platform", null);
        accept(actors, a, Actors.HELPLINE);
        accept(actors, b, Actors.PLATFORM);
        accept(actors, c, Actors.PLATFORM);
        Map<String, FlaggerNoticeView> sent = awaitNotices(Set.of(a, b, c));

        answer("helpline", sent.get(a), 0, "REMOVED", Duration.ofHours(1), "SoR-A0");
        answer("helpline", sent.get(a), 1, "REFUSED", Duration.ofHours(3), "SoR-A1");
        answer("platform", sent.get(b), 0, "RESTRICTED", Duration.ofHours(2), null);
        answer("platform", sent.get(b), 1, "REFUSED", Duration.ofHours(5), null);
        actors.send(new CompleteTransferCommand(c, "t", TransferOutcome.CONTENT_RESTRICTED, null, null),
                Actors.PLATFORM);
        answer("platform", sent.get(c), 0, "NO_ACTION", Duration.ofHours(4), null);
        int year = sent.get(a).sentAt().atZone(ZoneOffset.UTC).getYear();

        JsonNode report = await().until(() -> HttpCall.get(port, "/api/audit/reports/trusted-flagger?year=" + year)
                .as("auditor").send().json(), json -> json.get("answered").asInt() == 5);

        assertThat(report.get("notices").asInt()).isEqualTo(6);
        assertThat(report.get("timeToAction").get("median").asString()).isEqualTo("PT3H");
        assertThat(report.get("timeToAction").get("p90").asString()).isEqualTo("PT5H");
        assertThat(report.get("byOutcome").toString()).isEqualTo(
                "{\"REMOVED\":1,\"RESTRICTED\":1,\"REFUSED\":2,\"NO_ACTION\":1,\"NO_ANSWER\":1}");
        assertThat(report.get("unansweredByTransferState").toString()).isEqualTo("{\"ACCEPTED\":1}");
        JsonNode services = report.get("byHostingService");
        assertThat(services).hasSize(2);
        assertThat(services.get(0).get("name").asString()).isEqualTo("Plateforme en ligne (démo)");
        assertThat(services.get(0).get("partnerId").asString()).isEqualTo("demo-platform");
        assertThat(services.get(0).get("byOutcome").toString()).isEqualTo(
                "{\"REMOVED\":0,\"RESTRICTED\":1,\"REFUSED\":1,\"NO_ACTION\":1,\"NO_ANSWER\":0}");
        assertThat(services.get(1).get("name").asString()).isEqualTo("Social Example");
        assertThat(services.get(1).get("partnerId").isNull()).isTrue();
        assertThat(services.get(1).get("byOutcome").toString()).isEqualTo(
                "{\"REMOVED\":1,\"RESTRICTED\":0,\"REFUSED\":1,\"NO_ACTION\":0,\"NO_ANSWER\":1}");
        JsonNode categories = report.get("byCategory");
        assertThat(categories.get(0).get("name").asString()).isEqualTo("CYBERHARASSMENT");
        assertThat(categories.get(0).get("notices").asInt()).isEqualTo(6);
        assertThat(categories.get(1).get("name").asString()).isEqualTo("HATE_SPEECH");
        assertThat(categories.get(1).get("notices").asInt()).isEqualTo(2);
        JsonNode refused = report.get("refused");
        assertThat(refused).hasSize(2);
        assertThat(refused.get(0).get("transferId").asString()).isEqualTo("t");
        assertThat(refused.get(0).get("referralId").asString()).isEqualTo(a);
        assertThat(refused.get(0).get("noticeIndex").asInt()).isEqualTo(1);
        assertThat(refused.get(0).get("statementOfReasons").asString()).isEqualTo("SoR-A1");
        assertThat(refused.get(1).get("referralId").asString()).isEqualTo(b);
        assertThat(refused.get(1).get("statementOfReasons").asString()).isEqualTo("not provided");
        assertThat(report.toString()).doesNotContain("https://", "Sam Exemple");

        HttpCall.Reply csv = HttpCall.get(port, "/api/audit/reports/trusted-flagger?year=" + year + "&format=csv")
                .as("auditor").send();
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.body()).startsWith("section,item,measure,value")
                .contains("timeToAction,median,seconds,10800", "timeToAction,p90,seconds,18000",
                        "hostingService,Social Example,REMOVED,1", "outcome,NO_ANSWER,notices,1",
                        "unanswered,ACCEPTED,notices,1", "refused," + a + "/t#1,statementOfReasons,SoR-A1");

        JsonNode exported = HttpCall.get(port, "/api/audit/exports/trusted-flagger-notices").as("auditor").send()
                .json();
        JsonNode fromA = exported.valueStream().filter(n -> n.get("referralId").asString().equals(a)).findFirst()
                .orElseThrow();
        assertThat(fromA.get("partnerId").asString()).isEqualTo("demo-helpline");
        assertThat(fromA.get("hostingService").asString()).isEqualTo("Social Example");
        assertThat(fromA.get("notices")).hasSize(3);
        assertThat(fromA.get("notices").get(1).get("outcome").asString()).isEqualTo("REFUSED");
        assertThat(fromA.get("notices").get(2).get("outcome").isNull()).isTrue();

        // Rebuilt from the events, the read model gives the same report: no answer counted twice, none lost.
        HttpCall.Reply rebuild = HttpCall.post(port, "/api/admin/projections/flagger-notices/rebuild").as("admin")
                .send();
        assertThat(rebuild.status()).as(rebuild.toString()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(60)).until(() -> HttpCall.get(port,
                "/api/audit/reports/trusted-flagger?year=" + year).as("auditor").send().json(),
                after -> after.equals(report));
    }

    @Test
    void a_notice_answer_that_breaks_a_rule_is_a_problem_and_changes_nothing() {
        Actors actors = new Actors(commandGateway);
        String id = removal(actors, 1, Set.of(Category.CYBERHARASSMENT), "demo-platform", null);
        HttpCall.Reply early = HttpCall.post(port, "/api/referrals/" + id + "/transfers/t/notices/0/outcome")
                .as("platform").json("{\"outcome\": \"REMOVED\"}").send();
        assertThat(early.status()).as(early.toString()).isEqualTo(409);
        assertThat(early.text("code")).isEqualTo("TRANSFER_STATE_INVALID");
        accept(actors, id, Actors.PLATFORM);
        HttpCall.Reply beyond = HttpCall.post(port, "/api/referrals/" + id + "/transfers/t/notices/1/outcome")
                .as("platform").json("{\"outcome\": \"REMOVED\"}").send();
        assertThat(beyond.status()).as(beyond.toString()).isEqualTo(404);
        assertThat(beyond.text("code")).isEqualTo("NOTICE_NOT_FOUND");
        HttpCall.Reply other = HttpCall.post(port, "/api/referrals/" + id + "/transfers/t/notices/0/outcome")
                .as("helpline").json("{\"outcome\": \"REMOVED\"}").send();
        assertThat(other.status()).as("another partner learns nothing of the case").isEqualTo(404);
        HttpCall.Reply unknown = HttpCall.post(port, "/api/referrals/" + id + "/transfers/t/notices/0/outcome")
                .as("platform").json("{\"outcome\": \"DELETED\"}").send();
        assertThat(unknown.status()).isEqualTo(400);
        HttpCall.Reply noHost = HttpCall.post(port, "/api/referrals/" + id + "/transfers").as("coordinator")
                .json("""
                        {"partnerId": "demo-helpline", "purpose": "CONTENT_REMOVAL", "legalBasis": "CONSENT",
                         "sharedFields": ["contentUrls"]}""").send();
        assertThat(noHost.status()).as("a rule of the partner's kind, not the request's shape: " + noHost)
                .isEqualTo(409);
        assertThat(noHost.text("code")).isEqualTo("HOSTING_SERVICE_REQUIRED");
        HttpCall.Reply ok = HttpCall.post(port, "/api/referrals/" + id + "/transfers/t/notices/0/outcome")
                .as("platform").json("{\"outcome\": \"REMOVED\", \"statementOfReasons\": \"SoR-1\"}").send();
        assertThat(ok.status()).as(ok.toString()).isEqualTo(200);
    }

    /** A triaged, consented case with {@code urls} content URLs and its removal request "t". */
    private static String removal(Actors actors, int urls, Set<Category> categories, String partnerId,
                                  HostingService hostingService) {
        String id = UUID.randomUUID().toString();
        List<String> links = java.util.stream.IntStream.range(0, urls)
                .mapToObj(i -> "https://social.example/p/" + i).toList();
        actors.send(new ReceiveReferralCommand(id, Channel.CHAT, ReporterRole.VICTIM, AgeBand.AGE_15_17, categories,
                new PersonalDetails("Sam Exemple", "06 00 00 00 00", null, null, "Messages", links)),
                Actors.COORDINATOR);
        actors.send(new TriageReferralCommand(id, RiskLevel.HIGH, categories, AgeBand.AGE_15_17), Actors.COORDINATOR);
        actors.send(new GiveConsentCommand(id, "Sam"), Actors.COORDINATOR);
        actors.send(new RequestTransferCommand(id, "t", partnerId, TransferPurpose.CONTENT_REMOVAL, LegalBasis.CONSENT,
                Set.of(ShareableField.CONTENT_URLS), null, hostingService), Actors.COORDINATOR);
        return id;
    }

    private static void accept(Actors actors, String id, Map<String, String> liaison) {
        actors.send(new AcknowledgeTransferCommand(id, "t"), liaison);
        actors.send(new AcceptTransferCommand(id, "t"), liaison);
    }

    private Map<String, FlaggerNoticeView> awaitNotices(Set<String> referralIds) {
        return await().until(() -> queries.query(new FindFlaggerNoticesQuery(null, null),
                        ResponseTypes.multipleInstancesOf(FlaggerNoticeView.class)).join().stream()
                        .filter(n -> referralIds.contains(n.referralId()))
                        .collect(java.util.stream.Collectors.toMap(FlaggerNoticeView::referralId, n -> n)),
                notices -> notices.size() == referralIds.size());
    }

    private void answer(String liaison, FlaggerNoticeView notice, int index, String outcome, Duration after,
                        String reasons) {
        String body = "{\"outcome\": \"" + outcome + "\", \"actedAt\": \"" + notice.sentAt().plus(after) + "\""
                + (reasons == null ? "" : ", \"statementOfReasons\": \"" + reasons + "\"") + "}";
        HttpCall.Reply reply = HttpCall.post(port, "/api/referrals/" + notice.referralId() + "/transfers/"
                + notice.transferId() + "/notices/" + index + "/outcome").as(liaison).json(body).send();
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    }
}
