-- Version 6 (issue 13): a screening belongs to an organisation (the counterparty's, or the screener's), so that
-- nobody reads another organisation's screenings; the inbox pages by score within an organisation.
ALTER TABLE screenings ADD COLUMN organisation_id BIGINT NULL;
UPDATE screenings SET organisation_id = (SELECT c.organisation_id FROM counterparties c WHERE c.id = screenings.counterparty_id) WHERE counterparty_id IS NOT NULL;
CREATE INDEX screenings_of_counterparty ON screenings (organisation_id, counterparty_id, id);
CREATE INDEX alerts_by_score ON alerts (organisation_id, score, id);
-- The hit's one-line reason ("name 0.94 via transliteration; DOB agrees"), shown in the inbox.
ALTER TABLE alerts ADD COLUMN explanation TEXT NULL;
-- The dashboard's counts: open alerts by age, and what is assigned to whom.
CREATE INDEX alerts_by_age ON alerts (organisation_id, state, opened_at);
CREATE INDEX alerts_by_assignee ON alerts (organisation_id, assignee, state);
