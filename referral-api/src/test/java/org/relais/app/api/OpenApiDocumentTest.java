package org.relais.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.relais.app.support.HttpCall;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

/** The OpenAPI document describes every endpoint the application maps, its schemas, enums and problem answers. */
class OpenApiDocumentTest extends ApiTestBase {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void the_document_is_public_and_lists_every_api_endpoint() {
        HttpCall.Reply document = get("/v3/api-docs").send();
        assertThat(document.status()).isEqualTo(200);
        JsonNode paths = document.json().get("paths");

        Set<String> documented = new TreeSet<>();
        paths.properties().forEach(path -> path.getValue().properties()
                .forEach(method -> documented.add(method.getKey().toUpperCase() + " " + path.getKey())));
        Set<String> mapped = new TreeSet<>();
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            for (String pattern : info.getPatternValues()) {
                if (pattern.startsWith("/api/") || pattern.equals("/api")) {
                    info.getMethodsCondition().getMethods().forEach(method -> mapped.add(method.name() + " " + pattern));
                }
            }
        }
        assertThat(documented).containsExactlyElementsOf(mapped);
    }

    @Test
    void operations_carry_problem_answers_headers_and_enums() {
        JsonNode document = get("/v3/api-docs").send().json();
        JsonNode transfer = document.get("paths").get("/api/referrals/{referralId}/transfers").get("post");
        assertThat(transfer.get("responses").get("409").get("content").get("application/problem+json")).isNotNull();
        assertThat(transfer.get("responses").get("413")).isNotNull();
        assertThat(transfer.get("parameters").toString()).contains("Idempotency-Key", "If-Match");
        JsonNode intake = document.get("paths").get("/api/referrals").get("post");
        assertThat(intake.get("parameters").toString()).contains("Idempotency-Key").doesNotContain("If-Match");
        assertThat(document.get("paths").get("/api/referrals").get("get").get("parameters").toString())
                .contains("reference", "contact", "assignee", "unassigned", "receivedFrom", "updatedTo");
        assertThat(document.get("paths").get("/api/referrals/{referralId}/personal-data").get("post")
                .get("parameters").toString()).contains("Idempotency-Key", "If-Match");
        assertThat(document.get("paths").get("/api/referrals/{referralId}/subject-export").get("get")
                .get("summary").asString()).contains("GDPR Art. 15");

        JsonNode schemas = document.get("components").get("schemas");
        assertThat(schemas.get("Problem").get("properties").get("code").get("enum").toString())
                .contains("VERSION_CONFLICT", "IDEMPOTENCY_KEY_REUSED", "NOT_LIAISON_OF_PARTNER");
        assertThat(schemas.get("TransferRequest").get("properties").get("purpose").get("enum").toString())
                .contains("CONTENT_REMOVAL");
        assertThat(schemas.get("TransferRequest").get("properties").get("sharedFields").toString())
                .contains("victim.name", "contentUrls");
        assertThat(schemas.get("IntakeRequest").get("properties").get("channel").get("enum").toString())
                .contains("ACCESSIBLE_SIGN_LANGUAGE");
        assertThat(document.get("components").get("securitySchemes").toString()).contains("basic", "bearer");
    }

    @Test
    void the_reroute_and_the_closure_of_a_duplicate_are_described() {
        JsonNode document = get("/v3/api-docs").send().json();
        JsonNode reroute = document.get("paths").get("/api/referrals/{referralId}/transfers/{transferId}/reroute")
                .get("post");
        assertThat(reroute.get("summary").asString()).contains("DECLINED or CANCELLED");
        assertThat(reroute.get("responses").get("409").get("content").get("application/problem+json")).isNotNull();
        assertThat(reroute.get("parameters").toString()).contains("Idempotency-Key", "If-Match");
        JsonNode schemas = document.get("components").get("schemas");
        assertThat(schemas.get("RerouteRequest").get("required").toString()).contains("partnerId")
                .doesNotContain("purpose");
        assertThat(schemas.get("ClosureRequest").get("properties").has("duplicateOf")).isTrue();
        assertThat(schemas.get("Problem").get("properties").get("code").get("enum").toString())
                .contains("TRANSFER_ALREADY_REROUTED", "DUPLICATE_OF_UNKNOWN");
    }

    @Test
    void the_ui_is_served() {
        HttpCall.Reply ui = get("/swagger-ui/index.html").send();
        assertThat(ui.status()).isEqualTo(200);
        assertThat(ui.body()).contains("swagger");
        assertThat(get("/swagger-ui.html").send().status()).isIn(200, 302);
    }
}
