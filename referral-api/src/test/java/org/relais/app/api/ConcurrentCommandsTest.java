package org.relais.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.extension.ExtendWith;
import org.relais.app.support.HttpCall;
import org.relais.app.support.LogCapture;

/**
 * Conflicting commands on one referral, released together: exactly one wins, the others get 409 (the rule they
 * now break, or VERSION_CONFLICT), and only the winner's event is stored.
 */
@ExtendWith(LogCapture.class)
class ConcurrentCommandsTest extends ApiTestBase {

    @RepeatedTest(3)
    void of_several_closures_exactly_one_wins() throws Exception {
        String referralId = fixtures().triaged();
        long before = events();
        List<Supplier<HttpCall.Reply>> calls = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            calls.add(() -> post("/api/referrals/" + referralId + "/closure").as("coordinator")
                    .json("{\"outcome\": \"RESOLVED\"}").send());
        }

        List<HttpCall.Reply> replies = Together.run(calls);

        assertOneWinner(replies, "REFERRAL_CLOSED", "VERSION_CONFLICT");
        assertThat(events()).isEqualTo(before + 1);
    }

    @RepeatedTest(3)
    void a_closure_and_a_transfer_request_cannot_both_win() throws Exception {
        String referralId = fixtures().withConsent();
        long before = events();

        List<HttpCall.Reply> replies = Together.run(List.of(
                () -> post("/api/referrals/" + referralId + "/closure").as("coordinator")
                        .json("{\"outcome\": \"RESOLVED\"}").send(),
                () -> post("/api/referrals/" + referralId + "/transfers").as("coordinator")
                        .json(Fixtures.PLATFORM_TRANSFER).send()));

        assertOneWinner(replies, "REFERRAL_CLOSED", "OPEN_TRANSFERS_BLOCK_CLOSURE", "VERSION_CONFLICT");
        assertThat(events()).isEqualTo(before + 1);
    }

    @RepeatedTest(3)
    void two_changes_based_on_the_same_version_cannot_both_win() throws Exception {
        String referralId = fixtures().triaged();
        long before = events();
        // without If-Match both triages would be stored, one after the other
        List<HttpCall.Reply> replies = Together.run(List.of(
                () -> post("/api/referrals/" + referralId + "/triage").as("coordinator").header("If-Match", "1")
                        .json("{\"riskLevel\": \"HIGH\"}").send(),
                () -> post("/api/referrals/" + referralId + "/triage").as("coordinator").header("If-Match", "1")
                        .json("{\"riskLevel\": \"LOW\"}").send()));

        assertOneWinner(replies, "VERSION_CONFLICT");
        assertThat(events()).isEqualTo(before + 1);
    }

    private static void assertOneWinner(List<HttpCall.Reply> replies, String... losingCodes) {
        assertThat(replies).filteredOn(reply -> reply.status() / 100 == 2).as(replies.toString()).hasSize(1);
        assertThat(replies).filteredOn(reply -> reply.status() / 100 != 2).allSatisfy(reply -> {
            assertThat(reply.status()).as(reply.toString()).isEqualTo(409);
            assertThat(reply.text("code")).isIn((Object[]) losingCodes);
        });
    }
}
