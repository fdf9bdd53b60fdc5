-- A migration that fails halfway, for UpgradeFromAnOlderDataDirectoryTest only: its first statement succeeds, its
-- second names a table that does not exist.
CREATE TABLE upgrade_probe_two (id INTEGER NOT NULL PRIMARY KEY);
INSERT INTO no_such_table (id) VALUES (1);
