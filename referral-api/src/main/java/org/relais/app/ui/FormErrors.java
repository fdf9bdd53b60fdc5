package org.relais.app.ui;

import java.util.LinkedHashMap;
import java.util.Map;

import org.relais.core.api.ErrorCode;

/**
 * Why a form came back: a message for each field that was refused, in the order of the form, so that the page names
 * the field, puts the message next to it (linked with {@code aria-describedby}), marks it {@code aria-invalid} and
 * focuses the first one; a refusal that no single field caused is the form's own message.
 *
 * @param form the form the errors belong to (a case page holds several forms)
 */
record FormErrors(String form, Map<String, String> byField, String general) {

    static final String MODEL = "errors";

    static FormErrors of(String form) {
        return new FormErrors(form, new LinkedHashMap<>(), null);
    }

    FormErrors field(String field, String messageKey) {
        byField.putIfAbsent(field, messageKey);
        return this;
    }

    FormErrors general(String messageKey) {
        return new FormErrors(form, byField, messageKey);
    }

    /** A rule the command side refused, named at the field it concerns ({@code fields}), or above the form. */
    FormErrors refusedBy(ErrorCode refused, Map<ErrorCode, String> fields) {
        String field = fields.get(refused);
        return field == null ? general(UiCommands.messageKey(refused)) : field(field, UiCommands.messageKey(refused));
    }

    public boolean isEmpty() {
        return byField.isEmpty() && general == null;
    }

    /** True when this form's {@code field} was refused. */
    public boolean has(String form, String field) {
        return this.form.equals(form) && byField.containsKey(field);
    }

    public String key(String field) {
        return byField.get(field);
    }

    /** The field to focus: the first refused one. */
    public boolean focus(String form, String field) {
        return this.form.equals(form) && !byField.isEmpty() && byField.keySet().iterator().next().equals(field);
    }

    /** The form's own message, when no field caused the refusal, to show at the top of that form. */
    public boolean generalFor(String form) {
        return this.form.equals(form) && general != null;
    }
}
