-- Version 9 (issue 12): files a reviewer attaches to an alert as evidence for the decision (a passport copy, a
-- registry extract), kept with their SHA-256; the audit trail records each one.
CREATE TABLE alert_evidence (
    id $identity$,
    alert_id BIGINT NOT NULL REFERENCES alerts(id),
    organisation_id BIGINT NOT NULL,
    name TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    size BIGINT NOT NULL,
    content $bytes$ NOT NULL,
    added_by TEXT NOT NULL,
    added_at TEXT NOT NULL);
CREATE INDEX alert_evidence_of ON alert_evidence (organisation_id, alert_id, id);
