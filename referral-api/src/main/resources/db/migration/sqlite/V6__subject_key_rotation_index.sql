-- Finds the data keys still wrapped by a previous master key after a rotation.
CREATE INDEX ix_subject_key_master_key ON subject_key (master_key_id);
