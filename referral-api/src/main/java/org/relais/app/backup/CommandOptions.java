package org.relais.app.backup;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** The {@code --name=value} and {@code --flag} arguments of a command of the jar. */
record CommandOptions(Map<String, String> values) {

    /** Reads {@code args}; null when one is not an option or not one of {@code known}. */
    static CommandOptions parse(String[] args, Set<String> known) {
        Map<String, String> values = new HashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--")) {
                return null;
            }
            int equals = arg.indexOf('=');
            String name = equals < 0 ? arg.substring(2) : arg.substring(2, equals);
            if (!known.contains(name)) {
                return null;
            }
            values.put(name, equals < 0 ? "true" : arg.substring(equals + 1));
        }
        return new CommandOptions(values);
    }

    String get(String name) {
        String value = values.get(name);
        return value == null || value.isBlank() ? null : value;
    }

    boolean flag(String name) {
        return "true".equals(values.get(name));
    }
}
