package org.relais.core.api.referral;

/**
 * Why personal data is erased. A data subject may ask at any time (GDPR Art. 17); the retention job erases on its
 * own only what the retention period allows, and the case itself checks that, since the job's schedule can be
 * outdated by the time its command arrives (a case reopened meanwhile).
 */
public enum ErasureGround {
    DATA_SUBJECT_REQUEST,
    RETENTION_EXPIRY
}
