-- Version 5 (issue 12): the counterparty register with every version of each counterparty, the screening record,
-- alerts with the memory of false-positive decisions, and the snapshots monitoring has screened against.
CREATE TABLE counterparties (
    id $identity$,
    organisation_id BIGINT NOT NULL,
    ref TEXT NOT NULL,
    name TEXT NOT NULL,
    kind TEXT NULL,
    country TEXT NULL,
    dob TEXT NULL,
    identifier TEXT NULL,
    address TEXT NULL,
    source TEXT NULL,
    digest TEXT NOT NULL,
    version INTEGER NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (organisation_id, ref));
CREATE TABLE counterparty_versions (
    counterparty_id BIGINT NOT NULL REFERENCES counterparties(id),
    version INTEGER NOT NULL,
    body TEXT NOT NULL,
    changed_at TEXT NOT NULL,
    changed_by TEXT NOT NULL,
    PRIMARY KEY (counterparty_id, version));
CREATE TABLE screenings (
    id $identity$,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    purpose TEXT NOT NULL,
    counterparty_id BIGINT NULL,
    query TEXT NOT NULL,
    snapshots TEXT NOT NULL,
    matcher TEXT NOT NULL,
    settings TEXT NOT NULL,
    hits TEXT NOT NULL);
CREATE TABLE alerts (
    id $identity$,
    organisation_id BIGINT NOT NULL,
    counterparty_id BIGINT NOT NULL REFERENCES counterparties(id),
    dataset TEXT NOT NULL,
    source_id TEXT NOT NULL,
    snapshot_id BIGINT NOT NULL,
    screening_id BIGINT NULL,
    score DOUBLE PRECISION NOT NULL,
    party_digest TEXT NOT NULL,
    entry_digest TEXT NOT NULL,
    entry TEXT NOT NULL,
    state TEXT NOT NULL,
    decision TEXT NULL,
    reason TEXT NULL,
    decided_by TEXT NULL,
    decided_role TEXT NULL,
    approved_by TEXT NULL,
    assignee TEXT NULL,
    changes TEXT NULL,
    opened_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (counterparty_id, dataset, source_id));
CREATE INDEX alerts_inbox ON alerts (organisation_id, state, id);
CREATE TABLE alert_memory (
    organisation_id BIGINT NOT NULL,
    party_digest TEXT NOT NULL,
    entry_digest TEXT NOT NULL,
    alert_id BIGINT NOT NULL,
    decided_at TEXT NOT NULL,
    PRIMARY KEY (organisation_id, party_digest, entry_digest));
CREATE TABLE monitored_snapshots (
    snapshot_id BIGINT PRIMARY KEY,
    dataset TEXT NOT NULL,
    counterparties INTEGER NOT NULL,
    alerts INTEGER NOT NULL,
    completed_at TEXT NOT NULL);
