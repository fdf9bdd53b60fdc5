package org.relais.app.http.openapi;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.relais.core.api.ErrorCode;
import org.relais.core.api.query.FindReferralsQuery;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document ({@code /v3/api-docs}, UI at {@code /swagger-ui.html}): springdoc describes the endpoints and
 * their schemas from the controllers; this adds what annotations would repeat on every operation: the problem
 * responses with every stable {@link ErrorCode}, the Idempotency-Key and If-Match headers of commands, and the two
 * ways to authenticate. The document is public (see SecurityConfiguration): it holds the contract, never data.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    private static final String PROBLEM = "Problem";
    /** Creations, and whether their answer carries a Location (a case and a partner have their own URL). */
    private static final Map<String, Boolean> CREATED = Map.of(
            "POST /api/referrals", true,
            "POST /api/partners", true,
            "POST /api/admin/backups", true,
            "POST /api/referrals/{referralId}/transfers", false,
            "POST /api/referrals/{referralId}/transfers/{transferId}/reroute", false,
            "POST /api/referrals/{referralId}/notes", false,
            "POST /api/referrals/{referralId}/transfers/{transferId}/messages", false);
    private static final Set<String> STARTED = Set.of("POST /api/admin/projections/{name}/rebuild");
    private static final Map<String, String> BODY_EXAMPLES = Map.ofEntries(
            Map.entry("POST /api/referrals", """
                    {"channel": "CHAT", "reporterRole": "PARENT_OR_GUARDIAN", "ageBand": "AGE_11_14",
                     "categories": ["CYBERHARASSMENT"], "contentUrls": ["https://social.example/p/123"],
                     "victim": {"name": "Camille", "contact": "+33 6 12 34 56 78"},
                     "reporter": {"name": "A parent", "contact": "parent@example.org"},
                     "narrative": "Messages every night since March."}"""),
            Map.entry("POST /api/referrals/{referralId}/triage", "{\"riskLevel\": \"HIGH\"}"),
            Map.entry("POST /api/referrals/{referralId}/consent", "{\"givenBy\": \"The victim's mother\"}"),
            Map.entry("POST /api/referrals/{referralId}/transfers", """
                    {"partnerId": "demo-platform", "purpose": "CONTENT_REMOVAL", "legalBasis": "CONSENT",
                     "sharedFields": ["contentUrls"], "message": "Please remove the post."}"""),
            Map.entry("POST /api/referrals/{referralId}/closure", "{\"outcome\": \"RESOLVED\"}"),
            Map.entry("POST /api/referrals/{referralId}/transfers/{transferId}/decline",
                    "{\"reason\": \"Not hosted by us\"}"),
            Map.entry("POST /api/referrals/{referralId}/transfers/{transferId}/completion",
                    "{\"outcome\": \"CONTENT_REMOVED\"}"),
            Map.entry("POST /api/partners", """
                    {"partnerId": "asso-paris-aide", "name": "Paris Aide aux Victimes",
                     "kind": "VICTIM_SUPPORT_ASSOCIATION"}"""),
            Map.entry("POST /api/referrals/{referralId}/assignment", "{\"coordinator\": \"coordinator\"}"),
            Map.entry("POST /api/referrals/{referralId}/consent/withdrawal",
                    "{\"givenBy\": \"The victim, by phone\"}"),
            Map.entry("POST /api/referrals/{referralId}/reopening", "{\"reason\": \"The victim called again\"}"),
            Map.entry("POST /api/referrals/{referralId}/erasure", "{\"reason\": \"Request of the data subject\"}"),
            Map.entry("POST /api/referrals/{referralId}/personal-data", """
                    {"victim": {"contact": "+33 6 98 76 54 32"},
                     "narrativeAddendum": "The victim gave a new number on the second call."}"""),
            Map.entry("POST /api/referrals/{referralId}/notes", "{\"text\": \"Called back, no answer.\"}"),
            Map.entry("POST /api/referrals/{referralId}/transfers/{transferId}/messages",
                    "{\"text\": \"Could you confirm the link is still online?\"}"),
            Map.entry("POST /api/referrals/{referralId}/transfers/{transferId}/cancellation",
                    "{\"reason\": \"Sent to the wrong office\"}"),
            Map.entry("POST /api/referrals/{referralId}/transfers/{transferId}/reroute", """
                    {"partnerId": "demo-helpline", "message": "Declined by the platform: please notify it."}"""),
            Map.entry("POST /api/referrals/{referralId}/transfers/{transferId}/notices/{noticeIndex}/outcome", """
                    {"outcome": "REMOVED", "actedAt": "2026-03-02T11:15:00Z",
                     "statementOfReasons": "SOR-2026-0042"}"""),
            Map.entry("POST /api/partners/{partnerId}/suspension", "{\"reason\": \"Agreement under review\"}"),
            Map.entry("POST /api/partners/{partnerId}/resumption", "{\"reason\": \"Review completed\"}"),
            Map.entry("POST /api/partners/{partnerId}/termination", "{\"reason\": \"Agreement ended\"}"),
            Map.entry("POST /api/partners/{partnerId}/liaisons", "{\"username\": \"j.martin\"}"),
            Map.entry("POST /api/partners/{partnerId}/agreement", """
                    {"signedOn": "2026-03-01", "inForceFrom": "2026-03-02", "inForceUntil": null,
                     "categories": ["CYBERHARASSMENT"], "purposes": ["PSYCHOLOGICAL_SUPPORT"],
                     "shareableFields": ["victim.contact", "narrative"], "acknowledgementSla": "PT8H",
                     "serviceHours": {"zoneId": "Europe/Paris", "alwaysOpen": false,
                       "periods": [{"day": "MONDAY", "from": "09:00", "to": "18:00"}]}}"""));
    private static final Map<String, String> PARAMETER_EXAMPLES = Map.ofEntries(
            Map.entry("referralId", "3f2b8c1e-6a0d-4c57-9a2e-1f4b7d9c0e21"),
            Map.entry("transferId", "8d1e0c4a-2b7f-4e91-b3a6-5c0f9e2d7a18"),
            Map.entry("partnerId", "demo-platform"),
            Map.entry("asOf", "2026-03-02T09:30:00Z"),
            Map.entry("from", "2026-03-01T00:00:00Z"),
            Map.entry("to", "2026-03-31T00:00:00Z"),
            Map.entry("receivedFrom", "2026-03-02"),
            Map.entry("receivedTo", "2026-03-02T18:00:00Z"),
            Map.entry("updatedFrom", "2026-03-02"),
            Map.entry("updatedTo", "2026-03-09"),
            Map.entry("reference", "R-2026-000123"),
            Map.entry("contact", "+33 6 12 34 56 78"),
            Map.entry("purpose", "callback from the victim"),
            Map.entry("assignee", "me"),
            Map.entry("actor", "coordinator"),
            Map.entry("noticeIndex", "0"),
            Map.entry("username", "j.martin"),
            Map.entry("notificationId", "5b0e7d2a-9c41-4f3e-8a6d-2e1f0c9b7a53"),
            Map.entry("name", "case-list"),
            Map.entry("year", "2026"),
            Map.entry("page", "0"),
            Map.entry("size", "20"));
    private static final Set<String> CREATIONS = Set.of("/api/referrals", "/api/partners");
    /** Commands on no versioned resource: If-Match means nothing there. */
    private static final Set<String> UNVERSIONED = Set.of("/api/notifications/{notificationId}/read");

    @Bean
    OpenAPI relaisOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Relais API").version("1")
                        .description("Referrals of victims to partner organisations. Every error is "
                                + "application/problem+json with a stable `code`, its texts in the language of "
                                + "`Accept-Language` (`en`, the default, or `fr`); a 400 lists in `errors` each "
                                + "body member (JSON `pointer`) or `parameter` at fault, with the `allowed` values of "
                                + "an enum or a sort. Commands answer once their events are stored, with the new "
                                + "`version` (also the ETag)."))
                .components(new Components()
                        .addSecuritySchemes("basic", new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("basic").description("Configured users (embedded default)"))
                        .addSecuritySchemes("bearer", new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("bearer").bearerFormat("JWT")
                                .description("A JWT of the configured OpenID Connect issuer (production)"))
                        .addSchemas(PROBLEM, problemSchema()))
                .security(List.of(new SecurityRequirement().addList("basic"), new SecurityRequirement().addList("bearer")));
    }

    @Bean
    OpenApiCustomizer problemResponses() {
        return openApi -> {
            if (openApi.getComponents() != null && (openApi.getComponents().getSchemas() == null
                    || !openApi.getComponents().getSchemas().containsKey(PROBLEM))) {
                openApi.getComponents().addSchemas(PROBLEM, problemSchema());
            }
            if (openApi.getPaths() == null) {
                return;
            }
            openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
                answers(method + " " + path, operation);
                describe(path, method, operation);
                examples(operation);
                bodyExample(method + " " + path, operation);
            }));
            boolean v31 = openApi.getOpenapi() != null && openApi.getOpenapi().startsWith("3.1");
            openApi.getComponents().getSchemas().values().forEach(schema -> NullableMembers.mark(schema, v31));
        };
    }

    /**
     * The success status each operation really answers: a creation 201 (with the Location of what it created when
     * that has its own URL), a rebuild started in the background 202; springdoc would say 200 for all.
     */
    private static void answers(String operationKey, Operation operation) {
        String status = CREATED.containsKey(operationKey) ? "201" : STARTED.contains(operationKey) ? "202" : null;
        ApiResponses responses = operation.getResponses();
        if (status == null || responses == null || !responses.containsKey("200")) {
            return;
        }
        ApiResponse answer = responses.remove("200");
        answer.setDescription(status.equals("201") ? "Created" : "Accepted: the work goes on in the background");
        if (Boolean.TRUE.equals(CREATED.get(operationKey))) {
            answer.addHeaderObject("Location", new Header().description("The URL of what was created")
                    .schema(new StringSchema()));
        }
        responses.addApiResponse(status, answer);
    }

    /** An example body for every command that takes one, so that a try from the document succeeds. */
    private static void bodyExample(String operationKey, Operation operation) {
        String example = BODY_EXAMPLES.get(operationKey);
        if (example == null || operation.getRequestBody() == null || operation.getRequestBody().getContent() == null) {
            return;
        }
        MediaType json = operation.getRequestBody().getContent().get("application/json");
        if (json != null) {
            // swagger's own mapper, so that the example is written as JSON with the rest of the document
            try {
                json.setExample(io.swagger.v3.core.util.Json.mapper().readTree(example));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException("an example body is not JSON: " + operationKey, e);
            }
        }
    }

    /**
     * Examples of the parameters every client meets, and the accepted values of the ones with a closed list (the
     * sort, the export format), which the annotations cannot say where the type is a string.
     */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static void examples(Operation operation) {
        if (operation.getParameters() == null) {
            return;
        }
        for (Parameter parameter : operation.getParameters()) {
            Schema schema = parameter.getSchema();
            switch (parameter.getName()) {
                case "sort" -> {
                    if (schema != null) {
                        schema.setEnum(new java.util.ArrayList<>(FindReferralsQuery.SORTS));
                    }
                    parameter.description("A field to sort by, with - in front for a descending order: "
                            + String.join(", ", FindReferralsQuery.SORTS) + ". One field only; no comma form.");
                    parameter.example("-receivedAt");
                }
                case "format" -> {
                    if (schema != null) {
                        schema.setEnum(new java.util.ArrayList<>(List.of("json", "csv")));
                    }
                    parameter.example("csv");
                }
                default -> {
                    String example = PARAMETER_EXAMPLES.get(parameter.getName());
                    if (example != null && parameter.getExample() == null) {
                        parameter.example(example);
                    }
                }
            }
        }
    }

    private static void describe(String path, PathItem.HttpMethod method, Operation operation) {
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        Map<String, String> problems = new LinkedHashMap<>();
        problems.put("400", "Malformed or invalid input (MALFORMED_REQUEST, INVALID_INPUT, ...), naming each parameter "
                + "or body member at fault and, for an enum or a sort, the values accepted");
        problems.put("401", "No or wrong credentials (UNAUTHENTICATED), with WWW-Authenticate");
        problems.put("403", "The caller's role may not do this (FORBIDDEN)");
        problems.put("404", "Unknown id, or a case the caller may not see (NOT_FOUND, REFERRAL_NOT_YET_RECEIVED)");
        problems.put("406", "The Accept header allows neither JSON nor problem documents (NOT_ACCEPTABLE)");
        if (method == PathItem.HttpMethod.POST) {
            problems.put("409", "A rule of the domain is broken, the If-Match version is stale (VERSION_CONFLICT), "
                    + "or the Idempotency-Key was used for another request (IDEMPOTENCY_KEY_REUSED)");
            problems.put("413", "The body is larger than relais.http.max-body-size (PAYLOAD_TOO_LARGE)");
            problems.put("415", "The body is not application/json (UNSUPPORTED_MEDIA_TYPE)");
            addHeader(operation, "Idempotency-Key", "Repeat a command safely: the same key and body return the first "
                    + "response and store nothing; the same key with another body is 409.");
            if (!CREATIONS.contains(path) && !UNVERSIONED.contains(path)) {
                addHeader(operation, "If-Match", "The version (ETag) the change is based on: 409 VERSION_CONFLICT "
                        + "if the resource has moved on since.");
            }
        }
        problems.put("500", "A failure on the server's side, with an incident id (INTERNAL_ERROR)");
        problems.forEach((status, description) -> {
            if (!responses.containsKey(status)) {
                responses.addApiResponse(status, new ApiResponse().description(description).content(new Content()
                        .addMediaType("application/problem+json",
                                new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM)))));
            }
        });
        operation.setResponses(responses);
    }

    private static void addHeader(Operation operation, String name, String description) {
        boolean present = operation.getParameters() != null && operation.getParameters().stream()
                .anyMatch(parameter -> name.equalsIgnoreCase(parameter.getName()));
        if (!present) {
            operation.addParametersItem(new HeaderParameter().name(name).required(false).description(description)
                    .schema(new StringSchema()));
        }
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static Schema problemSchema() {
        StringSchema code = new StringSchema();
        code.setEnum(Arrays.stream(ErrorCode.values()).map(Enum::name).toList());
        code.description("The stable code clients rely on; never parse `detail`.");
        return new ObjectSchema()
                .description("RFC 9457 problem details, with Relais' stable code")
                .addProperty("type", new StringSchema().example("urn:relais:problem:version-conflict"))
                .addProperty("title", new StringSchema().description("In the language of Accept-Language (en, fr)"))
                .addProperty("status", new IntegerSchema())
                .addProperty("detail", new StringSchema().description("In the same language as the title"))
                .addProperty("instance", new StringSchema())
                .addProperty("code", code)
                .addProperty("incident", new StringSchema().description("Only with INTERNAL_ERROR: quote it to support"))
                .addProperty("parameter", new StringSchema().description("The one query parameter at fault, if so"))
                .addProperty("errors", new io.swagger.v3.oas.models.media.ArraySchema()
                        .description("Each thing wrong with the request; never the value sent")
                        .items(new ObjectSchema()
                                .addProperty("pointer", new StringSchema().example("/victim/contact")
                                        .description("The body member at fault, as a JSON pointer"))
                                .addProperty("parameter", new StringSchema().example("asOf")
                                        .description("The query parameter at fault"))
                                .addProperty("header", new StringSchema().description("The header at fault"))
                                .addProperty("detail", new StringSchema().description("What it must be"))
                                .addProperty("allowed", new io.swagger.v3.oas.models.media.ArraySchema()
                                        .items(new StringSchema())
                                        .description("The accepted values, for an enum or a sort"))
                                .required(List.of("detail"))))
                .required(List.of("type", "title", "status", "code"));
    }
}
