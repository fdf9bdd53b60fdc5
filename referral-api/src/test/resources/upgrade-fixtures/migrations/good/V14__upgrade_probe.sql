-- A migration a later version could bring, for UpgradeFromAnOlderDataDirectoryTest only.
CREATE TABLE upgrade_probe (id INTEGER NOT NULL PRIMARY KEY);
INSERT INTO upgrade_probe (id) VALUES (1);
