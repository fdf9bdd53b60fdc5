-- One row per Idempotency-Key a user sent with a command that was stored, written in the command's own transaction
-- (so a row exists if and only if its events do). Only a hash of the request is kept: bodies hold personal data.
CREATE TABLE idempotency_record (
    username          VARCHAR(255) NOT NULL,
    idempotency_key   VARCHAR(128) NOT NULL,
    request_hash      CHAR(64)     NOT NULL,
    aggregate_id      VARCHAR(255) NOT NULL,
    aggregate_version BIGINT       NOT NULL,
    created_at        INTEGER      NOT NULL,
    PRIMARY KEY (username, idempotency_key)
);

CREATE INDEX idx_idempotency_record_created ON idempotency_record (created_at);
