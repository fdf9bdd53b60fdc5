-- Each case's human reference (see the SQLite migration of the same version); filled from the stored intakes so
-- that the copy into SQLite carries it over.
CREATE TABLE referral_reference (
    reference   VARCHAR(32) NOT NULL PRIMARY KEY,
    referral_id VARCHAR(64) NOT NULL,
    CONSTRAINT uk_referral_reference_referral UNIQUE (referral_id)
);

INSERT INTO referral_reference (reference, referral_id)
SELECT REGEXP_SUBSTR(UTF8TOSTRING(payload), '"reference"\s*:\s*"([^"]+)"', 1, 1, '', 1), aggregateIdentifier
FROM DomainEventEntry
WHERE payloadType = 'org.relais.core.api.ReferralReceivedEvent'
  AND REGEXP_SUBSTR(UTF8TOSTRING(payload), '"reference"\s*:\s*"([^"]+)"', 1, 1, '', 1) IS NOT NULL;
