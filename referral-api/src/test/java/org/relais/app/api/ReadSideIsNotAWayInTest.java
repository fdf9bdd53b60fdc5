package org.relais.app.api;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;

import com.mongodb.client.MongoCollection;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.relais.projections.support.ProjectionGenerations;
import org.relais.app.support.LogCapture;
import org.relais.app.support.PersonalData;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The read side has no authentication of its own (the embedded server listens on loopback; a production MongoDB may
 * be reached by more than Relais): whoever can write to it must not be able to make Relais show one case's personal
 * data under another. Sealed values are edited here directly in the case-detail documents, as such a writer would,
 * and the detail answers show the value absent instead of the other case's or the other transfer's.
 */
@ExtendWith(LogCapture.class)
class ReadSideIsNotAWayInTest extends ApiTestBase {

    static final String OTHER_VICTIM = "Bérengère Autrecasier";
    static final String FIRST_MESSAGE = "Message of the first transfer only";
    static final String SECOND_MESSAGE = "Message of the second transfer only";

    @Autowired
    MongoTemplate mongo;
    @Autowired
    ProjectionGenerations generations;

    @Test
    void personal_data_copied_from_another_case_does_not_open_in_this_one() {
        String target = fixtures().received();
        String source = received(PersonalData.intake().replace(PersonalData.VICTIM_NAME, OTHER_VICTIM));
        Document sourceDocument = documentOnceRead(source);
        documentOnceRead(target);
        Document copied = sourceDocument.get("personalData", Document.class);

        cases().updateOne(eq("_id", target), new Document("$set", new Document("personalData", copied)));
        JsonNode asCopied = get("/api/referrals/" + target).as("coordinator").send().json();

        Document renamed = new Document(copied).append("subjectId", target);
        cases().updateOne(eq("_id", target), new Document("$set", new Document("personalData", renamed)));
        JsonNode asRenamed = get("/api/referrals/" + target).as("coordinator").send().json();

        for (JsonNode detail : List.of(asCopied, asRenamed)) {
            assertThat(detail.toString()).doesNotContain(OTHER_VICTIM, "Autrecasier");
            assertThat(detail.has("victim")).as(detail.toString()).isFalse();
            assertThat(detail.get("personalDataErased").asBoolean()).isTrue();
        }
        assertThat(get("/api/referrals/" + source).as("coordinator").send().body()).as("the source still opens")
                .contains(OTHER_VICTIM);
    }

    @Test
    void a_transfer_message_copied_to_another_transfer_of_the_same_case_does_not_open_there() {
        String referralId = fixtures().withConsent();
        String first = transfer(referralId, FIRST_MESSAGE);
        Fixtures.ok(post("/api/referrals/" + referralId + "/transfers/" + first + "/cancellation").as("coordinator")
                .json("{\"reason\": \"Sent to the wrong desk\"}").send(), 200);
        String second = transfer(referralId, SECOND_MESSAGE);
        JsonNode before = await().until(() -> get("/api/referrals/" + referralId).as("coordinator").send().json(),
                detail -> detail.has("transfers") && detail.get("transfers").size() == 2);
        assertThat(message(before, second)).isEqualTo(SECOND_MESSAGE);

        Document document = cases().find(eq("_id", referralId)).first();
        List<Document> transfers = document.getList("transfers", Document.class);
        String firstSealed = transfers.stream().filter(t -> first.equals(t.getString("transferId"))).findFirst()
                .orElseThrow().getString("sealedMessage");
        transfers.stream().filter(t -> second.equals(t.getString("transferId")))
                .forEach(t -> t.put("sealedMessage", firstSealed));
        cases().updateOne(eq("_id", referralId), new Document("$set", new Document("transfers", transfers)));

        JsonNode after = get("/api/referrals/" + referralId).as("coordinator").send().json();
        assertThat(message(after, first)).isEqualTo(FIRST_MESSAGE);
        assertThat(message(after, second)).as("the first transfer's message, moved to the second").isNull();
        assertThat(after.toString()).containsOnlyOnce(FIRST_MESSAGE);
    }

    @Test
    void a_platforms_statement_of_reasons_copied_to_another_notice_of_the_case_is_not_exported_there() {
        String referralId = fixtures().withConsent();
        String first = refused(referralId, "Statement of the first notice only");
        String second = refused(referralId, "Statement of the second notice only");
        MongoCollection<Document> notices = mongo.getCollection(
                generations.active("flagger-notices").name("flagger_notices"));
        Document firstNotice = await().until(() -> notices.find(eq("_id", referralId + "/" + first)).first(),
                notice -> notice != null && notice.getString("sealedStatementOfReasons") != null);
        await().until(() -> notices.find(eq("_id", referralId + "/" + second)).first(),
                notice -> notice != null && notice.getString("sealedStatementOfReasons") != null);

        notices.updateOne(eq("_id", referralId + "/" + second), new Document("$set",
                new Document("sealedStatementOfReasons", firstNotice.getString("sealedStatementOfReasons"))));

        JsonNode exported = Fixtures.ok(get("/api/audit/exports/trusted-flagger-notices").as("auditor").send(), 200)
                .json();
        assertThat(exported.toString()).containsOnlyOnce("Statement of the first notice only");
        for (JsonNode notice : exported) {
            if (notice.get("transferId").asString().equals(second)) {
                assertThat(notice.get("statementOfReasons").asString()).doesNotContain("first notice");
            }
        }
    }

    /** A content-removal transfer of the case that the platform refused with this statement of reasons. */
    private String refused(String referralId, String statement) {
        String[] ids = {referralId, transfer(referralId, "Please remove")};
        Fixtures fixtures = fixtures();
        fixtures.liaison(ids, "acknowledgement", null);
        fixtures.liaison(ids, "acceptance", null);
        fixtures.liaison(ids, "completion", "{\"outcome\": \"REFUSED\", \"statementOfReasons\": \"" + statement
                + "\"}");
        return ids[1];
    }

    private String received(String intake) {
        return Fixtures.ok(post("/api/referrals").as("coordinator").json(intake).send(), 201).text("referralId");
    }

    private String transfer(String referralId, String message) {
        return Fixtures.ok(post("/api/referrals/" + referralId + "/transfers").as("coordinator")
                .json(Fixtures.PLATFORM_TRANSFER.replace(PersonalData.FREE_TEXT, message)).send(), 201)
                .text("transferId");
    }

    /** The case's document, once the detail answers for it (the projection wrote it). */
    private Document documentOnceRead(String referralId) {
        await().until(() -> get("/api/referrals/" + referralId).as("coordinator").send().status() == 200);
        return cases().find(eq("_id", referralId)).first();
    }

    private MongoCollection<Document> cases() {
        return mongo.getCollection(generations.active("case-detail").name("case_detail"));
    }

    private static String message(JsonNode detail, String transferId) {
        for (JsonNode transfer : detail.get("transfers")) {
            if (transfer.get("transferId").asString().equals(transferId)) {
                return transfer.has("message") && !transfer.get("message").isNull()
                        ? transfer.get("message").asString() : null;
            }
        }
        throw new AssertionError("no transfer " + transferId + " in " + detail);
    }
}
