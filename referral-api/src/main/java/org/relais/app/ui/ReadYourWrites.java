package org.relais.app.ui;

import java.time.Duration;
import java.util.Set;

import org.relais.app.consistency.ReadModelPositions;
import org.springframework.stereotype.Component;

/**
 * After a page's command, the next page is read from read models that the event processors update a few
 * milliseconds later. So that the person sees what they just did (post-redirect-get), the action waits, briefly and
 * boundedly, until the read models the pages show have handled everything stored so far, as an API read with
 * {@code Relais-Consistent-With} does.
 */
@Component
class ReadYourWrites {

    private static final Set<String> SHOWN = Set.of("case-list", "case-detail", "partner-inbox", "conversations",
            "notifications");
    private static final Duration BOUND = Duration.ofSeconds(3);

    private final ReadModelPositions readModels;

    ReadYourWrites(ReadModelPositions readModels) {
        this.readModels = readModels;
    }

    void await() {
        await(SHOWN);
    }

    /** The same wait for the given read models only (a page of the partner directory, say). */
    void await(Set<String> shown) {
        try {
            readModels.awaitHead(shown, BOUND);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
