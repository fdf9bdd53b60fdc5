package org.relais.app.http.openapi;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.QueryParameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.relais.app.consistency.ConsistentReads;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Read-your-writes in the document: the position every command answer carries ({@code Relais-Position}), and on
 * every GET of the API the header and parameter that ask for it, with the 503 that may follow.
 */
@Configuration(proxyBeanMethods = false)
class ConsistencyDocumentation {

    @Bean
    OpenApiCustomizer consistencyHeaders() {
        return openApi -> {
            if (openApi.getPaths() == null) {
                return;
            }
            openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
                if (!path.startsWith("/api/")) {
                    return;
                }
                if (method == PathItem.HttpMethod.GET) {
                    consistentRead(operation);
                } else if (method == PathItem.HttpMethod.POST) {
                    positionAnswered(operation);
                }
            }));
        };
    }

    private static void consistentRead(Operation operation) {
        add(operation, new HeaderParameter().name(ConsistentReads.CONSISTENT_WITH).required(false)
                .description("A position a command's answer gave (Relais-Position): answer only once the read "
                        + "models this endpoint reads have reached it, else 503 READ_MODELS_BEHIND with Retry-After "
                        + "after relais.http.consistency-wait. Wins over the consistentWith parameter.")
                .schema(position()));
        add(operation, new QueryParameter().name(ConsistentReads.PARAMETER).required(false)
                .description("The same as the Relais-Consistent-With header, for a link (a 201's Location "
                        + "carries it).")
                .schema(position()));
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        if (!responses.containsKey("503")) {
            responses.addApiResponse("503", new ApiResponse()
                    .description("The read models had not reached the requested position in time "
                            + "(READ_MODELS_BEHIND): retry after Retry-After seconds")
                    .addHeaderObject("Retry-After", new Header().description("Seconds to wait before retrying")
                            .schema(new IntegerSchema()))
                    .content(new Content().addMediaType("application/problem+json",
                            new MediaType().schema(new Schema<>().$ref("#/components/schemas/Problem")))));
        }
        operation.setResponses(responses);
    }

    private static void positionAnswered(Operation operation) {
        if (operation.getResponses() == null) {
            return;
        }
        operation.getResponses().forEach((status, response) -> {
            if (status.startsWith("2") && (response.getHeaders() == null
                    || !response.getHeaders().containsKey(ConsistentReads.POSITION))) {
                response.addHeaderObject(ConsistentReads.POSITION, new Header()
                        .description("The position of the command's last event in the event stream, also the "
                                + "body's position: give it back in Relais-Consistent-With to read this write")
                        .schema(position()));
            }
        });
    }

    private static void add(Operation operation, Parameter parameter) {
        boolean present = operation.getParameters() != null && operation.getParameters().stream()
                .anyMatch(existing -> parameter.getName().equalsIgnoreCase(existing.getName()));
        if (!present) {
            operation.addParametersItem(parameter);
        }
    }

    @SuppressWarnings("rawtypes")
    private static Schema position() {
        return new IntegerSchema().format("int64").minimum(java.math.BigDecimal.ZERO).example(1234);
    }
}
