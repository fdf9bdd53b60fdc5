package org.relais.projections.notifications;

import org.springframework.data.annotation.Id;

/** What notifications need of a case: its reference and who follows it; {@code version}: last event applied. */
class NotifiedCaseDocument {

    static final String COLLECTION = "notification_cases";

    @Id
    String id;
    String reference;
    String assignedCoordinator;
    long version;
}
