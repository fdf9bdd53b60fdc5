-- Acknowledgement deadlines of open transfers, written in the same transaction as the events that open and settle
-- them, and polled by every instance (a row is claimed before its command is sent).
CREATE TABLE transfer_deadline (
    referral_id   VARCHAR(64)  NOT NULL,
    transfer_id   VARCHAR(64)  NOT NULL,
    partner_id    VARCHAR(128) NOT NULL,
    requested_at  INTEGER NOT NULL,
    due_at        INTEGER NOT NULL,
    remind_at     INTEGER,
    reminded_at   INTEGER,
    resolved_at   INTEGER,
    claimed_by    VARCHAR(64),
    claimed_until INTEGER,
    PRIMARY KEY (referral_id, transfer_id)
);
CREATE INDEX ix_transfer_deadline_open_due ON transfer_deadline (resolved_at, due_at);
CREATE INDEX ix_transfer_deadline_open_remind ON transfer_deadline (resolved_at, remind_at);

-- Notifications to send, written with the events that cause them; a sender retries until the SMTP server takes
-- them. Rows hold ids and a reference only: the mail text is built at sending time and carries no personal data.
CREATE TABLE mail_outbox (
    id              VARCHAR(64)  NOT NULL PRIMARY KEY,
    kind            VARCHAR(32)  NOT NULL,
    referral_id     VARCHAR(64)  NOT NULL,
    transfer_id     VARCHAR(64),
    partner_id      VARCHAR(128),
    due_at          INTEGER,
    created_at      INTEGER NOT NULL,
    attempts        INTEGER        NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    claimed_until   INTEGER,
    sent_at         INTEGER
);
CREATE INDEX ix_mail_outbox_pending ON mail_outbox (sent_at, next_attempt_at);
