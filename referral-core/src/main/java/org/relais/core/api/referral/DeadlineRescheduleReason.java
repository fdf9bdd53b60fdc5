package org.relais.core.api.referral;

/** Why a transfer's acknowledgement deadline moved after the request. */
public enum DeadlineRescheduleReason {
    /** The partner's agreement was suspended: the deadline is paused with the open time that was left. */
    SUSPENDED,
    /** The agreement was resumed: the open time left at the pause runs again from the resumption. */
    RESUMED,
    /** The service hours, closure days or holiday calendar changed: the deadline is computed on the new calendar. */
    CALENDAR_AMENDED
}
