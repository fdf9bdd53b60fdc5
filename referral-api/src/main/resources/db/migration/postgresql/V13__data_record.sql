-- What the data holds, one row per item, rewritten at every start once the schema is migrated: the schema version,
-- the revision of every event type, the read side's shape and the version of Relais that last wrote it. A version of
-- Relais that finds any of them newer than what it knows refuses to start and changes nothing (org.relais.app.upgrade).
CREATE TABLE relais_data_record (
    item       VARCHAR(64)   NOT NULL PRIMARY KEY,
    item_value VARCHAR(4000) NOT NULL
);
