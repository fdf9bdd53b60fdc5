package org.relais.core.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The personal-data fields a transfer may share with a partner, named in JSON as in the HTTP contract. */
public enum ShareableField {
    VICTIM_NAME("victim.name"),
    VICTIM_CONTACT("victim.contact"),
    REPORTER_NAME("reporter.name"),
    REPORTER_CONTACT("reporter.contact"),
    NARRATIVE("narrative"),
    CONTENT_URLS("contentUrls");

    private final String jsonName;

    ShareableField(String jsonName) {
        this.jsonName = jsonName;
    }

    @JsonValue
    public String jsonName() {
        return jsonName;
    }

    @JsonCreator
    public static ShareableField fromJson(String value) {
        for (ShareableField field : values()) {
            if (field.jsonName.equals(value) || field.name().equals(value)) {
                return field;
            }
        }
        throw new IllegalArgumentException("unknown shareable field");
    }
}
