-- Version 2 (issue 10): rows read from each companion file of a snapshot, the audit key each event is signed with
-- (NULL: written before the chain was keyed), and the lock the sign-in throttle puts on an account.
ALTER TABLE snapshots ADD COLUMN parts TEXT NOT NULL DEFAULT '';
ALTER TABLE audit_events ADD COLUMN key_id TEXT NULL;
ALTER TABLE users ADD COLUMN locked INTEGER NOT NULL DEFAULT 0;
