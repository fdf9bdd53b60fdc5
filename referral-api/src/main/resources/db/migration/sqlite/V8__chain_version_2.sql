-- Chain version 2: each entry is an unkeyed SHA-256 over the previous entry, the event's global index and the
-- event's digest (kept here, so that the chain can be checked and proven without the integrity key), and each seal an
-- HMAC over that digest. Entries and seals written before (version 1: HMACs over the stored row) keep their version
-- and are still checked as such; the first version 2 entry follows the last version 1 entry.
ALTER TABLE audit_chain ADD COLUMN chain_version SMALLINT DEFAULT 1 NOT NULL;
ALTER TABLE audit_chain ADD COLUMN event_digest VARCHAR(64);
ALTER TABLE event_seal ADD COLUMN seal_version SMALLINT DEFAULT 1 NOT NULL;
