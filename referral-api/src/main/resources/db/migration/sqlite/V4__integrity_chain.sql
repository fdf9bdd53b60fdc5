-- Tokens of the processors whose output lives in this database (the integrity chain), so that the token commits
-- with what the processor wrote and the chain resumes where it stopped instead of being rebuilt at each start.
CREATE TABLE TokenEntry (
    processorName VARCHAR(255) NOT NULL,
    segment       INTEGER      NOT NULL,
    token         BLOB,
    tokenType     VARCHAR(255),
    timestamp     VARCHAR(255),
    owner         VARCHAR(255),
    PRIMARY KEY (processorName, segment)
);

-- The tamper-evident chain: one entry per stored event, in the order the events were delivered, each entry an HMAC
-- (keyed from the master key, which is not in this database) over the previous entry and the stored event row.
CREATE TABLE audit_chain (
    position            BIGINT       NOT NULL PRIMARY KEY,
    global_index        BIGINT       NOT NULL,
    event_identifier    VARCHAR(255) NOT NULL,
    entry_hash          VARCHAR(64)  NOT NULL,
    CONSTRAINT uk_audit_chain_global_index UNIQUE (global_index)
);
