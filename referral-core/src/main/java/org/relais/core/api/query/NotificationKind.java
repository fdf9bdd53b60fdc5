package org.relais.core.api.query;

/** What a coordinator is told about the transfers of their cases. */
public enum NotificationKind {
    TRANSFER_DECLINED,
    /** Completed with a refusal: the platform did not remove the content. */
    TRANSFER_REFUSED,
    TRANSFER_OVERDUE,
    TRANSFER_COMPLETED,
    PARTNER_MESSAGE
}
