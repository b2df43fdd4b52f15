-- Version 10 (issue 12): which version of each counterparty monitoring has screened against every active list. A
-- counterparty registered or changed since (screened_version behind version) is screened in full at the next run,
-- not only against the entries a list change touched. Rows from before start at 0: all are screened once in full.
ALTER TABLE counterparties ADD COLUMN screened_version INTEGER NOT NULL DEFAULT 0;
