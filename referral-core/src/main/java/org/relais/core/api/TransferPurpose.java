package org.relais.core.api;

public enum TransferPurpose {
    INVESTIGATION,
    PSYCHOLOGICAL_SUPPORT,
    LEGAL_ADVICE,
    CONTENT_REMOVAL,
    CHILD_PROTECTION_ASSESSMENT,
    OTHER
}
