-- Axon's JDBC event store, owned by migrations rather than Axon's own DDL (which fails on H2 2.x).
CREATE TABLE DomainEventEntry (
    globalIndex        BIGSERIAL NOT NULL,
    aggregateIdentifier VARCHAR(255) NOT NULL,
    sequenceNumber     BIGINT       NOT NULL,
    type               VARCHAR(255),
    eventIdentifier    VARCHAR(255) NOT NULL,
    metaData           BYTEA,
    payload            BYTEA         NOT NULL,
    payloadRevision    VARCHAR(255),
    payloadType        VARCHAR(255) NOT NULL,
    timeStamp          VARCHAR(255) NOT NULL,
    PRIMARY KEY (globalIndex),
    CONSTRAINT uk_domain_event_aggregate_sequence UNIQUE (aggregateIdentifier, sequenceNumber),
    CONSTRAINT uk_domain_event_identifier UNIQUE (eventIdentifier)
);

CREATE TABLE SnapshotEventEntry (
    aggregateIdentifier VARCHAR(255) NOT NULL,
    sequenceNumber     BIGINT       NOT NULL,
    type               VARCHAR(255) NOT NULL,
    eventIdentifier    VARCHAR(255) NOT NULL,
    metaData           BYTEA,
    payload            BYTEA         NOT NULL,
    payloadRevision    VARCHAR(255),
    payloadType        VARCHAR(255) NOT NULL,
    timeStamp          VARCHAR(255) NOT NULL,
    PRIMARY KEY (aggregateIdentifier, sequenceNumber),
    CONSTRAINT uk_snapshot_event_identifier UNIQUE (eventIdentifier)
);

-- Per-subject data keys, wrapped by the master key (which never lives here). A destroyed key leaves a tombstone.
CREATE TABLE subject_key (
    subject_id    VARCHAR(64)  NOT NULL PRIMARY KEY,
    master_key_id VARCHAR(64),
    wrapped_key   BYTEA,
    destroyed_at  TIMESTAMP WITH TIME ZONE
);

-- The yearly counter behind human references (R-2026-000123), shared by every instance.
CREATE TABLE referral_reference_counter (
    reference_year INT    NOT NULL PRIMARY KEY,
    last_number    BIGINT NOT NULL
);
