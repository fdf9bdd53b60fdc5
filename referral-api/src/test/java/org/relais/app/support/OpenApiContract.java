package org.relais.app.support;

import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Checks an answer against the OpenAPI document the application publishes, as a client generated from it would read
 * it: the operation exists, the status is one it documents, the content type is one it documents for that status,
 * and a JSON body is valid against the documented schema (JSON Schema validation by networknt's validator, in the
 * OpenAPI dialect of the document's version). Each mismatch is a violation, named by operation and status.
 */
public final class OpenApiContract {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JsonNode document;
    private final SchemaRegistry schemas;
    private final Map<String, Schema> compiled = new ConcurrentHashMap<>();
    private final List<Template> templates = new ArrayList<>();

    public OpenApiContract(String documentJson) {
        this.document = JSON.readTree(documentJson);
        boolean v31 = document.get("openapi").asString().startsWith("3.1");
        this.schemas = SchemaRegistry.withDefaultDialect(v31 ? Dialects.getOpenApi31() : Dialects.getOpenApi30());
        document.get("paths").propertyNames().forEach(path -> templates.add(new Template(path,
                Pattern.compile(Pattern.quote(path).replaceAll("\\{[^}]+}", "\\\\E[^/]+\\\\Q")),
                path.chars().filter(c -> c == '{').count())));
        templates.sort(Comparator.comparingLong(Template::placeholders));
    }

    public JsonNode document() {
        return document;
    }

    /** The document's path template for a concrete path, preferring literal segments; null when none matches. */
    public String templateOf(String path) {
        return templates.stream().filter(template -> template.pattern().matcher(path).matches())
                .map(Template::path).findFirst().orElse(null);
    }

    /** Whether the document lists an operation for this method and path. */
    public boolean describes(String method, URI uri) {
        String template = templateOf(uri.getPath());
        return template != null && document.get("paths").get(template).has(method.toLowerCase(Locale.ROOT));
    }

    public List<String> violations(String method, URI uri, HttpCall.Reply reply) {
        List<String> violations = new ArrayList<>();
        String template = templateOf(uri.getPath());
        String operationName = method + " " + uri.getPath();
        JsonNode operation = template == null ? null
                : document.get("paths").get(template).get(method.toLowerCase(Locale.ROOT));
        if (operation == null) {
            violations.add(operationName + ": not in the document");
            return violations;
        }
        operationName = method + " " + template + " → " + reply.status();
        JsonNode responses = operation.get("responses");
        String status = Integer.toString(reply.status());
        JsonNode response = responses.has(status) ? responses.get(status) : responses.get("default");
        if (response == null) {
            violations.add(operationName + ": status not documented (documented: " + responses.propertyNames() + ")");
            return violations;
        }
        String contentType = reply.contentType().split(";", 2)[0].strip();
        JsonNode content = response.get("content");
        if (reply.body().isEmpty()) {
            return violations;
        }
        if (content == null || content.isEmpty()) {
            violations.add(operationName + ": a body where the document shows none");
            return violations;
        }
        String mediaType = content.has(contentType) ? contentType : content.has("*/*") ? "*/*" : null;
        if (mediaType == null) {
            violations.add(operationName + ": content type " + contentType + " not documented (documented: "
                    + content.propertyNames() + ")");
            return violations;
        }
        JsonNode schema = content.get(mediaType).get("schema");
        if (schema == null || !contentType.contains("json")) {
            return violations;
        }
        Schema validator = compiled.computeIfAbsent(template + " " + method + " " + status + " " + mediaType,
                key -> compile(schema));
        JsonNode body = JSON.readTree(reply.body());
        for (Error error : validator.validate(body)) {
            violations.add(operationName + ": " + error.getInstanceLocation() + " " + error.getMessage());
        }
        return violations;
    }

    /** The schema with the document's components beside it, so that its references resolve. */
    private Schema compile(JsonNode schema) {
        ObjectNode root = JSON.createObjectNode();
        root.setAll((ObjectNode) schema.deepCopy());
        root.set("components", document.get("components"));
        return schemas.getSchema(SchemaLocation.of("urn:relais:openapi:" + compiled.size()), root);
    }

    private record Template(String path, Pattern pattern, long placeholders) {
    }
}
