-- Version 4, PostgreSQL only (SQLite keeps ISO text, 0/1 and JSON text, which its functions read): days become DATE,
-- flags BOOLEAN, JSON documents JSONB, converted in place. Kept as text on purpose: instants in the audit trail
-- (the chain's HMAC covers their exact text), the stored list entries (byte-exact bodies the digests are taken of,
-- written by COPY at import speed) and import and attempt times (ISO text in UTC that sorts as time).
DROP INDEX IF EXISTS snapshots_one_active;
ALTER TABLE snapshots
    ALTER COLUMN active TYPE BOOLEAN USING active <> 0,
    ALTER COLUMN published TYPE DATE USING NULLIF(published, '')::date,
    ALTER COLUMN counts_by_kind TYPE JSONB USING counts_by_kind::jsonb,
    ALTER COLUMN counts_by_list TYPE JSONB USING counts_by_list::jsonb,
    ALTER COLUMN parts DROP DEFAULT,
    ALTER COLUMN parts TYPE JSONB USING (CASE WHEN parts = '' THEN '{}' ELSE parts END)::jsonb,
    ALTER COLUMN parts SET DEFAULT '{}';
CREATE UNIQUE INDEX snapshots_one_active ON snapshots (dataset) WHERE active;
ALTER TABLE users
    ALTER COLUMN locked DROP DEFAULT,
    ALTER COLUMN locked TYPE BOOLEAN USING locked <> 0,
    ALTER COLUMN locked SET DEFAULT FALSE;
ALTER TABLE usages
    ALTER COLUMN reversed DROP DEFAULT,
    ALTER COLUMN reversed TYPE BOOLEAN USING reversed <> 0,
    ALTER COLUMN reversed SET DEFAULT FALSE,
    ALTER COLUMN used_on TYPE DATE USING used_on::date;
ALTER TABLE licences
    ALTER COLUMN valid_from TYPE DATE USING valid_from::date,
    ALTER COLUMN valid_to TYPE DATE USING valid_to::date;
ALTER TABLE applications
    ALTER COLUMN submitted_on TYPE DATE USING submitted_on::date,
    ALTER COLUMN clock_started TYPE DATE USING clock_started::date,
    ALTER COLUMN paused_since TYPE DATE USING paused_since::date,
    ALTER COLUMN body TYPE JSONB USING body::jsonb,
    ALTER COLUMN evidence TYPE JSONB USING evidence::jsonb,
    ALTER COLUMN outcome TYPE JSONB USING outcome::jsonb,
    ALTER COLUMN messages DROP DEFAULT,
    ALTER COLUMN messages TYPE JSONB USING messages::jsonb,
    ALTER COLUMN messages SET DEFAULT '[]';
ALTER TABLE usage_batches ALTER COLUMN result TYPE JSONB USING result::jsonb;
ALTER TABLE classifications ALTER COLUMN assessed_on TYPE DATE USING assessed_on::date;
