package org.relais.core.api;

/**
 * The stable codes of every rejection, shared by the command side and the web edge. The web edge maps the
 * {@link Kind} to an HTTP status once; clients rely on the code, never on the message.
 */
public enum ErrorCode {
    // input and protocol
    INVALID_INPUT(Kind.INVALID),
    MALFORMED_REQUEST(Kind.INVALID),
    UNAUTHENTICATED(Kind.UNAUTHENTICATED),
    TOO_MANY_ATTEMPTS(Kind.TOO_MANY_REQUESTS),
    FORBIDDEN(Kind.FORBIDDEN),
    NOT_FOUND(Kind.NOT_FOUND),
    PAYLOAD_TOO_LARGE(Kind.TOO_LARGE),
    UNSUPPORTED_MEDIA_TYPE(Kind.UNSUPPORTED_MEDIA_TYPE),
    NOT_ACCEPTABLE(Kind.NOT_ACCEPTABLE),
    METHOD_NOT_ALLOWED(Kind.METHOD_NOT_ALLOWED),
    VERSION_CONFLICT(Kind.CONFLICT),
    IDEMPOTENCY_KEY_REUSED(Kind.CONFLICT),
    SERVICE_UNAVAILABLE(Kind.UNAVAILABLE),
    /** The read models a read asked to be consistent with a position had not reached it in the wait allowed. */
    READ_MODELS_BEHIND(Kind.UNAVAILABLE),
    INTERNAL_ERROR(Kind.INTERNAL),

    // referral
    REFERRAL_ALREADY_EXISTS(Kind.CONFLICT),
    REFERRAL_NOT_FOUND(Kind.NOT_FOUND),
    /** A case asked for as it stood at an instant before it was received. */
    REFERRAL_NOT_YET_RECEIVED(Kind.NOT_FOUND),
    REFERRAL_CLOSED(Kind.CONFLICT),
    REFERRAL_NOT_CLOSED(Kind.CONFLICT),
    REFERRAL_NOT_TRIAGED(Kind.CONFLICT),
    REFERRAL_ERASED(Kind.CONFLICT),
    OPEN_TRANSFERS_BLOCK_CLOSURE(Kind.CONFLICT),
    CONSENT_ALREADY_GIVEN(Kind.CONFLICT),
    CONSENT_NOT_GIVEN(Kind.CONFLICT),
    REASON_REQUIRED(Kind.CONFLICT),
    ERASURE_ALREADY_REQUESTED(Kind.CONFLICT),
    RETENTION_NOT_EXPIRED(Kind.CONFLICT),
    /** The request itself closes as a duplicate without naming the original: its shape, not a rule of the case. */
    DUPLICATE_OF_REQUIRED(Kind.INVALID),
    DUPLICATE_OF_UNKNOWN(Kind.CONFLICT),
    DUPLICATE_OF_ITSELF(Kind.CONFLICT),
    DUPLICATE_OF_ERASED(Kind.CONFLICT),

    // transfer
    TRANSFER_NOT_FOUND(Kind.NOT_FOUND),
    TRANSFER_ALREADY_EXISTS(Kind.CONFLICT),
    TRANSFER_ALREADY_OPEN(Kind.CONFLICT),
    TRANSFER_STATE_INVALID(Kind.CONFLICT),
    TRANSFER_ALREADY_ACKNOWLEDGED(Kind.CONFLICT),
    NOT_LIAISON_OF_PARTNER(Kind.FORBIDDEN),
    CONSENT_REQUIRED(Kind.CONFLICT),
    MANDATORY_REPORT_NOT_JUSTIFIED(Kind.CONFLICT),
    MANDATORY_REPORT_PARTNER_KIND(Kind.CONFLICT),
    OUTCOME_NOT_ALLOWED_FOR_PURPOSE(Kind.CONFLICT),
    STATEMENT_OF_REASONS_REQUIRED(Kind.CONFLICT),
    TRANSFER_NOT_REROUTABLE(Kind.CONFLICT),
    TRANSFER_ALREADY_REROUTED(Kind.CONFLICT),
    HOSTING_SERVICE_REQUIRED(Kind.CONFLICT),
    /** A hosting service named on a transfer whose purpose, asked or kept from the transfer it replaces, is not a removal. */
    HOSTING_SERVICE_NOT_FOR_PURPOSE(Kind.CONFLICT),
    NOTICE_NOT_FOUND(Kind.NOT_FOUND),
    NOTICE_OUTCOME_ALREADY_RECORDED(Kind.CONFLICT),
    /** A notice's time of action given as earlier than the notice was sent. */
    NOTICE_ACTED_BEFORE_SENT(Kind.CONFLICT),

    // partner and agreement
    PARTNER_NOT_FOUND(Kind.NOT_FOUND),
    PARTNER_ALREADY_EXISTS(Kind.CONFLICT),
    PARTNER_NOT_ACTIVE(Kind.CONFLICT),
    PARTNER_TERMINATED(Kind.CONFLICT),
    AGREEMENT_MISSING(Kind.CONFLICT),
    AGREEMENT_NOT_IN_FORCE(Kind.CONFLICT),
    AGREEMENT_CATEGORY_NOT_COVERED(Kind.CONFLICT),
    AGREEMENT_PURPOSE_NOT_COVERED(Kind.CONFLICT),
    AGREEMENT_FIELD_NOT_ALLOWED(Kind.CONFLICT),
    AGREEMENT_INVALID(Kind.INVALID),
    /** An amendment dated before the signature of the agreement in force. */
    AMENDMENT_SIGNED_BEFORE_AGREEMENT(Kind.CONFLICT),
    AGREEMENT_ALREADY_SIGNED(Kind.CONFLICT),
    PARTNER_NOT_SUSPENDED(Kind.CONFLICT),
    LIAISON_ALREADY_ATTACHED(Kind.CONFLICT),
    LIAISON_NOT_ATTACHED(Kind.CONFLICT),

    // operations
    /** Backups of an external database are taken with that database's own tools, not by Relais. */
    BACKUP_OF_EXTERNAL_DATABASE(Kind.CONFLICT);

    /** What sort of failure a code is, independent of any transport. */
    public enum Kind {
        INVALID, UNAUTHENTICATED, FORBIDDEN, NOT_FOUND, CONFLICT, TOO_LARGE, UNSUPPORTED_MEDIA_TYPE,
        NOT_ACCEPTABLE, METHOD_NOT_ALLOWED, TOO_MANY_REQUESTS, UNAVAILABLE, INTERNAL
    }

    private final Kind kind;

    ErrorCode(Kind kind) {
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
