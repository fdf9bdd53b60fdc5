package org.relais.web.openapi;

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
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.relais.core.api.ErrorCode;
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
    private static final Set<String> CREATIONS = Set.of("/api/referrals", "/api/partners");
    /** Commands on no versioned resource: If-Match means nothing there. */
    private static final Set<String> UNVERSIONED = Set.of("/api/notifications/{notificationId}/read");

    @Bean
    OpenAPI relaisOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Relais API").version("1")
                        .description("Referrals of victims to partner organisations. Every error is "
                                + "application/problem+json with a stable `code`. Commands answer once their "
                                + "events are stored, with the new `version` (also the ETag)."))
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
            openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) ->
                    describe(path, method, operation)));
        };
    }

    private static void describe(String path, PathItem.HttpMethod method, Operation operation) {
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        Map<String, String> problems = new LinkedHashMap<>();
        problems.put("400", "Malformed or invalid input (MALFORMED_REQUEST, INVALID_INPUT, ...)");
        problems.put("401", "No or wrong credentials (UNAUTHENTICATED)");
        problems.put("403", "The caller's role may not do this (FORBIDDEN)");
        problems.put("404", "Unknown id, or a case the caller may not see (NOT_FOUND)");
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
                .addProperty("title", new StringSchema())
                .addProperty("status", new IntegerSchema())
                .addProperty("detail", new StringSchema())
                .addProperty("instance", new StringSchema())
                .addProperty("code", code)
                .addProperty("incident", new StringSchema().description("Only with INTERNAL_ERROR: quote it to support"))
                .addProperty("errors", new io.swagger.v3.oas.models.media.ArraySchema().items(new ObjectSchema()
                        .addProperty("field", new StringSchema())
                        .addProperty("message", new StringSchema())))
                .required(List.of("type", "title", "status", "code"));
    }
}
