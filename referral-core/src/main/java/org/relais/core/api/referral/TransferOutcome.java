package org.relais.core.api.referral;

/** How a partner reports a completed transfer; the first three are for content removal only. */
public enum TransferOutcome {
    CONTENT_REMOVED,
    CONTENT_RESTRICTED,
    REFUSED,
    SUPPORT_PROVIDED,
    INVESTIGATION_OPENED,
    NO_FURTHER_ACTION,
    REFERRED_ONWARD;

    public boolean isContentRemovalOutcome() {
        return this == CONTENT_REMOVED || this == CONTENT_RESTRICTED || this == REFUSED;
    }
}
