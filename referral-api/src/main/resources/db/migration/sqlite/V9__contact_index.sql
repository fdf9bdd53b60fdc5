-- The blind index of contacts (victim and reporter of each case), written in the command's own transaction: an HMAC
-- (keyed by relais.privacy.index-key, which never lives here) of the normalised contact, never the contact itself nor
-- an unkeyed hash of it. received_at (epoch milliseconds) orders a repeat caller's cases; erasure deletes the rows.
CREATE TABLE contact_index (
    referral_id  VARCHAR(64) NOT NULL,
    contact_role VARCHAR(16) NOT NULL,
    contact_hash CHAR(64)    NOT NULL,
    received_at  INTEGER     NOT NULL,
    PRIMARY KEY (referral_id, contact_role)
);
CREATE INDEX ix_contact_index_hash ON contact_index (contact_hash, received_at);
