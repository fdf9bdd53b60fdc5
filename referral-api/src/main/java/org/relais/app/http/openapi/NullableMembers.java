package org.relais.app.http.openapi;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.swagger.v3.oas.models.media.Schema;

/**
 * Says which members of a schema may be null: every member that is not required, since a record's component that is
 * not required may be written as null (an agreement's {@code inForceUntil}, a case's {@code riskLevel} before triage,
 * a dashboard's seconds before any answer). A reference is wrapped so that the wrapper may be null.
 */
final class NullableMembers {

    private NullableMembers() {
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    static void mark(Schema schema, boolean v31) {
        if (schema == null) {
            return;
        }
        Map<String, Schema> properties = schema.getProperties();
        if (properties != null) {
            List<String> required = schema.getRequired() == null ? List.of() : schema.getRequired();
            for (Map.Entry<String, Schema> property : properties.entrySet()) {
                Schema member = property.getValue();
                mark(member, v31);
                if (!required.contains(property.getKey())) {
                    property.setValue(nullable(member, v31));
                }
            }
        }
        if (schema.getItems() != null) {
            mark(schema.getItems(), v31);
        }
        if (schema.getAdditionalProperties() instanceof Schema values) {
            mark(values, v31);
        }
        for (List<Schema> composed : new List[] {schema.getAllOf(), schema.getAnyOf(), schema.getOneOf()}) {
            if (composed != null) {
                composed.forEach(part -> mark(part, v31));
            }
        }
    }

    /** An enum that may be null lists null among its values (OpenAPI 3.0.3 and JSON Schema read it so). */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static void allowNullIn(Schema member) {
        if (member.getEnum() != null && !member.getEnum().contains(null)) {
            List values = new ArrayList(member.getEnum());
            values.add(null);
            member.setEnum(values);
        }
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static Schema nullable(Schema member, boolean v31) {
        if (member.get$ref() != null) {
            Schema reference = new Schema().$ref(member.get$ref());
            if (v31) {
                return new Schema().anyOf(new ArrayList<>(List.of(reference, new Schema().type("null"))))
                        .description(member.getDescription());
            }
            return new Schema().allOf(new ArrayList<>(List.of(reference))).nullable(true)
                    .description(member.getDescription());
        }
        if (v31) {
            Set<String> types = new LinkedHashSet<>();
            if (member.getTypes() != null) {
                types.addAll(member.getTypes());
            } else if (member.getType() != null) {
                types.add(member.getType());
            }
            if (!types.isEmpty()) {
                types.add("null");
                member.setTypes(types);
            }
            allowNullIn(member);
            return member;
        }
        member.setNullable(true);
        allowNullIn(member);
        return member;
    }
}
