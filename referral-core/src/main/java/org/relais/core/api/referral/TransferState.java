package org.relais.core.api.referral;

public enum TransferState {
    REQUESTED,
    ACKNOWLEDGED,
    ACCEPTED,
    COMPLETED,
    DECLINED,
    CANCELLED
}
