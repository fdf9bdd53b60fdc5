package org.relais.app.support;

import java.util.List;

/**
 * Made-up personal data, distinctive enough to be searched for in logs and answers: every test that sends personal
 * data sends these, and {@link LogCapture} proves that none of them reached a log line.
 */
public final class PersonalData {

    public static final String VICTIM_NAME = "Zéphyrine Quillonbarde";
    public static final String VICTIM_CONTACT = "06 98 76 54 32 zephyrine@example.org";
    public static final String REPORTER_NAME = "Aurélien Pentecôtière";
    public static final String REPORTER_CONTACT = "aurelien.pentecotiere@example.org";
    public static final String NARRATIVE = "Photos of Zéphyrine shared in the 4e B class group by Théobald Vrancq";
    public static final String GUARDIAN = "Mère de Zéphyrine, Hortense Quillonbarde";
    public static final String FREE_TEXT = "Threats by Théobald Vrancq, rue des Lilas";
    public static final String FUZZ_MARKER = "Fuzzmarkerine Ouvrelac";

    public static final List<String> ALL = List.of(VICTIM_NAME, VICTIM_CONTACT, REPORTER_NAME, REPORTER_CONTACT,
            NARRATIVE, GUARDIAN, FREE_TEXT, FUZZ_MARKER, "Quillonbarde", "Pentecôtière", "Vrancq", "Fuzzmarkerine");

    private PersonalData() {
    }

    /** A minor's cyber-harassment case that the demo platform (content removal) and police may receive. */
    public static String intake() {
        return """
                {"channel": "CHAT", "reporterRole": "PARENT_OR_GUARDIAN", "ageBand": "AGE_11_14",
                 "categories": ["CYBERHARASSMENT", "NON_CONSENSUAL_IMAGERY"],
                 "contentUrls": ["https://social.example/p/123"],
                 "victim": {"name": "%s", "contact": "%s"},
                 "reporter": {"name": "%s", "contact": "%s"},
                 "narrative": "%s"}
                """.formatted(VICTIM_NAME, VICTIM_CONTACT, REPORTER_NAME, REPORTER_CONTACT, NARRATIVE);
    }
}
