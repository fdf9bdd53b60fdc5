-- When each closed case's personal data falls due for erasure; kept with the closing and reopening events.
CREATE TABLE retention_schedule (
    referral_id VARCHAR(64) NOT NULL PRIMARY KEY,
    erase_after INTEGER NOT NULL
);
CREATE INDEX ix_retention_schedule_due ON retention_schedule (erase_after);
