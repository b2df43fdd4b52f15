-- Version 11 (issue 16): trade statistics. Each imported file is a dataset version with its provenance (format,
-- publisher, file, SHA-256, currency, periods covered); the newest version of each name is the one measures read.
-- Observations are the file's figures, one per reporter, partner, flow, product and period (yyyymm, month 00 for a
-- whole year). The series index serves every measure: one series, all partners of a reporter, and the corridors.
CREATE TABLE trade_datasets (
    id $identity$,
    name TEXT NOT NULL,
    version INTEGER NOT NULL,
    format TEXT NOT NULL,
    publisher TEXT NOT NULL,
    file_name TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    currency TEXT NOT NULL,
    valuation TEXT NOT NULL,
    first_period INTEGER NOT NULL,
    last_period INTEGER NOT NULL,
    rows_read INTEGER NOT NULL,
    observations INTEGER NOT NULL,
    notes TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    imported_by TEXT NOT NULL,
    active INTEGER NOT NULL,
    UNIQUE (name, version));
CREATE UNIQUE INDEX trade_datasets_one_active ON trade_datasets (name) WHERE active = 1;
CREATE TABLE trade_observations (
    dataset_id BIGINT NOT NULL REFERENCES trade_datasets(id),
    reporter TEXT NOT NULL,
    partner TEXT NOT NULL,
    flow TEXT NOT NULL,
    product TEXT NOT NULL,
    product_level INTEGER NOT NULL,
    period INTEGER NOT NULL,
    value DOUBLE PRECISION NOT NULL,
    quantity DOUBLE PRECISION NULL,
    unit TEXT NULL,
    PRIMARY KEY (dataset_id, reporter, partner, flow, product, period));
CREATE INDEX trade_observations_series ON trade_observations (reporter, flow, product, partner, period);
