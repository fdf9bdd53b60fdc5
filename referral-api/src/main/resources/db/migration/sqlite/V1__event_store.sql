-- Axon's JDBC event store, owned by migrations rather than Axon's own DDL. The global index is SQLite's rowid with
-- AUTOINCREMENT, so that an index is never handed out twice, even after the highest row was deleted.
-- Timestamps of the application's own tables are INTEGER epoch milliseconds (how sqlite-jdbc stores a Timestamp);
-- Axon's timeStamp column holds ISO-8601 text, as on the other databases.
CREATE TABLE DomainEventEntry (
    globalIndex         INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    aggregateIdentifier VARCHAR(255) NOT NULL,
    sequenceNumber      BIGINT       NOT NULL,
    type                VARCHAR(255),
    eventIdentifier     VARCHAR(255) NOT NULL,
    metaData            BLOB,
    payload             BLOB         NOT NULL,
    payloadRevision     VARCHAR(255),
    payloadType         VARCHAR(255) NOT NULL,
    timeStamp           VARCHAR(255) NOT NULL,
    CONSTRAINT uk_domain_event_aggregate_sequence UNIQUE (aggregateIdentifier, sequenceNumber),
    CONSTRAINT uk_domain_event_identifier UNIQUE (eventIdentifier)
);

CREATE TABLE SnapshotEventEntry (
    aggregateIdentifier VARCHAR(255) NOT NULL,
    sequenceNumber      BIGINT       NOT NULL,
    type                VARCHAR(255) NOT NULL,
    eventIdentifier     VARCHAR(255) NOT NULL,
    metaData            BLOB,
    payload             BLOB         NOT NULL,
    payloadRevision     VARCHAR(255),
    payloadType         VARCHAR(255) NOT NULL,
    timeStamp           VARCHAR(255) NOT NULL,
    PRIMARY KEY (aggregateIdentifier, sequenceNumber),
    CONSTRAINT uk_snapshot_event_identifier UNIQUE (eventIdentifier)
);

-- Per-subject data keys, wrapped by the master key (which never lives here). A destroyed key leaves a tombstone.
CREATE TABLE subject_key (
    subject_id    VARCHAR(64)  NOT NULL PRIMARY KEY,
    master_key_id VARCHAR(64),
    wrapped_key   BLOB,
    destroyed_at  INTEGER
);

-- The yearly counter behind human references (R-2026-000123), shared by every instance.
CREATE TABLE referral_reference_counter (
    reference_year INTEGER NOT NULL PRIMARY KEY,
    last_number    BIGINT  NOT NULL
);
