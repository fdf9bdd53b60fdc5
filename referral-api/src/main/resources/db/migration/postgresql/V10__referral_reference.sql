-- Each case's human reference, so that a command naming another case (a closure as a duplicate) finds it on the
-- write side, in its own transaction. Rows are written with the intake's events; cases received before this
-- migration are taken from their stored ReferralReceivedEvent (a JSON payload).
CREATE TABLE referral_reference (
    reference   VARCHAR(32) NOT NULL PRIMARY KEY,
    referral_id VARCHAR(64) NOT NULL,
    CONSTRAINT uk_referral_reference_referral UNIQUE (referral_id)
);

INSERT INTO referral_reference (reference, referral_id)
SELECT convert_from(payload, 'UTF8')::json ->> 'reference', aggregateIdentifier
FROM DomainEventEntry
WHERE payloadType = 'org.relais.core.api.ReferralReceivedEvent'
  AND convert_from(payload, 'UTF8')::json ->> 'reference' IS NOT NULL
ON CONFLICT DO NOTHING;
