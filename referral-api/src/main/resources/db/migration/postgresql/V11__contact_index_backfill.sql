-- The cases taken in before the blind index of contacts existed, whose contacts it does not hold yet. The
-- application indexes them in the background (ContactIndexBackfill) and deletes each row in the transaction that
-- indexes it; an erasure deletes the row first, so a case erased meanwhile is never indexed again.
CREATE TABLE contact_index_backfill (
    referral_id VARCHAR(64) NOT NULL PRIMARY KEY
);

INSERT INTO contact_index_backfill (referral_id)
SELECT referral_id FROM referral_reference;
