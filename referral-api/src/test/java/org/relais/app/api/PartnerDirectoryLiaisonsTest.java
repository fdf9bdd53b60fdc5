package org.relais.app.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.relais.app.support.HttpCall;
import tools.jackson.databind.JsonNode;

/**
 * Who may act for a partner is the administrators' business: the liaison accounts of a partner appear in the
 * directory for them only. Every other role reads the partner without the member (not an empty list).
 */
class PartnerDirectoryLiaisonsTest extends ApiTestBase {

    private static final String LIAISON = "k.dupont@assoc.example";

    @Test
    void only_an_administrator_sees_the_liaison_accounts_of_a_partner() {
        String partnerId = fixtures().partnerWithLiaison(LIAISON);
        await().until(() -> get("/api/partners/" + partnerId).as("admin").send().body().contains(LIAISON));

        for (String user : List.of("coordinator", "auditor", "police", "platform")) {
            HttpCall.Reply one = get("/api/partners/" + partnerId).as(user).send();
            HttpCall.Reply directory = get("/api/partners").as(user).send();
            assertThat(one.status()).as(user).isEqualTo(200);
            assertThat(one.json().has("liaisons")).as(user).isFalse();
            assertThat(directory.status()).as(user).isEqualTo(200);
            assertThat(directory.body()).as(user).contains(partnerId).doesNotContain(LIAISON, "\"liaisons\"",
                    "\"police\"", "\"platform\"");
        }
        JsonNode shownToAdmin = get("/api/partners/" + partnerId).as("admin").send().json();
        assertThat(shownToAdmin.get("liaisons").get(0).asString()).isEqualTo(LIAISON);
        HttpCall.Reply directory = get("/api/partners").as("admin").send();
        assertThat(directory.body()).contains(LIAISON, "\"police\"", "\"platform\"");
    }
}
