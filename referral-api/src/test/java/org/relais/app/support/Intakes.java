package org.relais.app.support;

/** Intake bodies as the HTTP contract describes them, with made-up people. */
public final class Intakes {

    private Intakes() {
    }

    public static String minorCyberharassment(String victimName) {
        return """
                {"channel": "CHAT", "reporterRole": "PARENT_OR_GUARDIAN", "ageBand": "AGE_11_14",
                 "categories": ["CYBERHARASSMENT", "NON_CONSENSUAL_IMAGERY"],
                 "contentUrls": ["https://social.example/p/123"],
                 "victim": {"name": "%s", "contact": "06 00 00 00 00"},
                 "reporter": {"name": "Camille Exemple", "contact": "camille@example.org"},
                 "narrative": "Photos shared in a class group without consent."}
                """.formatted(victimName);
    }
}
