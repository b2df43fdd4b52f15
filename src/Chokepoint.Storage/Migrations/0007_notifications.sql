-- Version 7 (issue 12): notices of new and re-opened alerts, written in the transaction that opens the alert (an
-- outbox), and delivered to the organisation's webhook with retries until it answers 2xx.
CREATE TABLE outbox (
    id $identity$,
    organisation_id BIGINT NOT NULL,
    event TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at TEXT NOT NULL,
    attempts INTEGER NOT NULL,
    next_attempt_at TEXT NOT NULL,
    delivered_at TEXT NULL,
    failed_at TEXT NULL,
    last_error TEXT NULL);
CREATE INDEX outbox_due ON outbox (delivered_at, failed_at, next_attempt_at);
