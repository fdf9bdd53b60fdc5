-- A seal per stored event, an HMAC over the stored row computed in the transaction that appended it: a row slipped
-- into the event table behind the application's back has none, and verification names it.
CREATE TABLE event_seal (
    event_identifier VARCHAR(255) NOT NULL PRIMARY KEY,
    seal             VARCHAR(64)  NOT NULL
);
