-- Version 3: the invariants the code relied on, now kept by the database too. One active snapshot per dataset; one
-- audit event per position after the head; update attempts found by dataset and time.
CREATE UNIQUE INDEX IF NOT EXISTS snapshots_one_active ON snapshots (dataset) WHERE active = 1;
CREATE INDEX IF NOT EXISTS update_attempts_by_dataset ON update_attempts (dataset, attempted_at);
