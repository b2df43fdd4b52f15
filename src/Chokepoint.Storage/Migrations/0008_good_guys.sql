-- Version 8 (issue 12): an organisation's good-guy list: parties known not to be a given listed entry, by their
-- screened details (not by a registered counterparty), and valid only while the entry stays as it was.
CREATE TABLE good_guys (
    id $identity$,
    organisation_id BIGINT NOT NULL,
    party_key TEXT NOT NULL,
    name TEXT NOT NULL,
    country TEXT NULL,
    dob TEXT NULL,
    dataset TEXT NOT NULL,
    source_id TEXT NOT NULL,
    entry_digest TEXT NOT NULL,
    reason TEXT NOT NULL,
    added_by TEXT NOT NULL,
    added_at TEXT NOT NULL,
    removed_at TEXT NULL);
CREATE INDEX good_guys_lookup ON good_guys (organisation_id, party_key, dataset, source_id);
