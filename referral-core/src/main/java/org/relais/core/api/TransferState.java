package org.relais.core.api;

public enum TransferState {
    REQUESTED,
    ACKNOWLEDGED,
    ACCEPTED,
    COMPLETED,
    DECLINED,
    CANCELLED
}
