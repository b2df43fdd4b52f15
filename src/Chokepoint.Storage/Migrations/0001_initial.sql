-- Version 1: the schema as Chokepoint made it up to a2a672f (CREATE TABLE IF NOT EXISTS), so that a database made
-- then is taken over as it is, and a new one starts from the same place. $identity$, $decimal$ and $bytes$ are the
-- dialect's auto-numbered key, exact decimal (TEXT on SQLite, whose NUMERIC rounds through REAL) and byte column.
CREATE TABLE IF NOT EXISTS snapshots (
    id $identity$,
    dataset TEXT NOT NULL,
    format TEXT NOT NULL,
    source TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    published TEXT NULL,
    imported_at TEXT NOT NULL,
    entity_count INTEGER NOT NULL,
    name_count INTEGER NOT NULL,
    counts_by_kind TEXT NOT NULL,
    counts_by_list TEXT NOT NULL,
    active INTEGER NOT NULL,
    UNIQUE (dataset, sha256));
CREATE TABLE IF NOT EXISTS entities (
    snapshot_id BIGINT NOT NULL REFERENCES snapshots(id) ON DELETE CASCADE,
    source_id TEXT NOT NULL,
    list TEXT NOT NULL,
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    digest TEXT NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (snapshot_id, source_id));
CREATE TABLE IF NOT EXISTS update_attempts (
    dataset TEXT NOT NULL,
    attempted_at TEXT NOT NULL,
    source TEXT NOT NULL,
    outcome TEXT NOT NULL,
    message TEXT NOT NULL,
    snapshot_id BIGINT NULL);
CREATE TABLE IF NOT EXISTS organisations (id $identity$, name TEXT NOT NULL UNIQUE, country TEXT NOT NULL, kind TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS users (id $identity$, username TEXT NOT NULL UNIQUE, password_hash TEXT NOT NULL, role TEXT NOT NULL,
    organisation_id BIGINT NOT NULL REFERENCES organisations(id));
CREATE TABLE IF NOT EXISTS api_keys (key_hash TEXT PRIMARY KEY, user_id BIGINT NOT NULL REFERENCES users(id), label TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS applications (id $identity$, organisation_id BIGINT NOT NULL REFERENCES organisations(id), state TEXT NOT NULL,
    body TEXT NOT NULL, submitted_on TEXT NULL, clock_started TEXT NULL, clock_limit INTEGER NOT NULL DEFAULT 0,
    paused_days INTEGER NOT NULL DEFAULT 0, paused_since TEXT NULL, evidence TEXT NULL, outcome TEXT NULL, messages TEXT NOT NULL DEFAULT '[]');
CREATE TABLE IF NOT EXISTS attachments (id $identity$, application_id BIGINT NOT NULL REFERENCES applications(id), name TEXT NOT NULL,
    sha256 TEXT NOT NULL, size BIGINT NOT NULL, content $bytes$ NOT NULL);
CREATE TABLE IF NOT EXISTS licences (id $identity$, number TEXT NOT NULL UNIQUE, application_id BIGINT NOT NULL REFERENCES applications(id),
    organisation_id BIGINT NOT NULL, jurisdiction TEXT NOT NULL, type TEXT NOT NULL, state TEXT NOT NULL, valid_from TEXT NOT NULL,
    valid_to TEXT NOT NULL, end_user TEXT NOT NULL, destination TEXT NOT NULL, end_use TEXT NULL);
CREATE TABLE IF NOT EXISTS licence_lines (licence_id BIGINT NOT NULL REFERENCES licences(id), line INTEGER NOT NULL, description TEXT NOT NULL,
    control_code TEXT NULL, hs_code TEXT NULL, quantity $decimal$ NULL, quantity_used $decimal$ NOT NULL, unit TEXT NULL, value $decimal$ NULL,
    value_used $decimal$ NOT NULL, currency TEXT NULL, control_mode TEXT NOT NULL, tolerance $decimal$ NOT NULL, PRIMARY KEY (licence_id, line));
CREATE TABLE IF NOT EXISTS usages (id $identity$, licence_id BIGINT NOT NULL REFERENCES licences(id), line INTEGER NOT NULL,
    declaration_ref TEXT NOT NULL, used_on TEXT NOT NULL, quantity $decimal$ NOT NULL, value $decimal$ NOT NULL, batch_id TEXT NULL,
    reversed INTEGER NOT NULL DEFAULT 0, UNIQUE (licence_id, declaration_ref, line));
CREATE TABLE IF NOT EXISTS usage_batches (batch_id TEXT PRIMARY KEY, received_at TEXT NOT NULL, result TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS audit_events (seq BIGINT PRIMARY KEY, at TEXT NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL,
    entity TEXT NOT NULL, entity_id TEXT NOT NULL, before TEXT NULL, after TEXT NULL, reason TEXT NULL, versions TEXT NULL,
    prev_hash TEXT NOT NULL, hash TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS audit_head (id INTEGER PRIMARY KEY, seq BIGINT NOT NULL, hash TEXT NOT NULL);
INSERT INTO audit_head (id, seq, hash) SELECT 1, 0, '0000000000000000000000000000000000000000000000000000000000000000' WHERE NOT EXISTS (SELECT 1 FROM audit_head WHERE id = 1);
CREATE TABLE IF NOT EXISTS classifications (
    id $identity$,
    item TEXT NOT NULL, hs_code TEXT NULL, regime TEXT NOT NULL, code TEXT NOT NULL, entry_code TEXT NOT NULL,
    citation TEXT NOT NULL, entry_sha256 TEXT NOT NULL, list_version TEXT NOT NULL, rationale TEXT NOT NULL,
    assessor TEXT NOT NULL, assessed_on TEXT NOT NULL);
