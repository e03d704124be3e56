-- The case store, version 1. Portable SQL: the same text runs on SQLite and PostgreSQL
-- (TEXT, BIGINT, DOUBLE PRECISION only; no autoincrement; ids are assigned under the store lock).

-- The head of the audit chain. Every write transaction updates this single row first: on
-- PostgreSQL that takes a row lock, on SQLite the write lock, so writers are serialised and the
-- chain never forks.
CREATE TABLE audit_head (
    id BIGINT PRIMARY KEY,
    seq BIGINT NOT NULL,
    hash TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- Append-only audit trail: entry is the canonical JSON that was hashed;
-- hash = sha256(prev_hash || entry).
CREATE TABLE audit_log (
    seq BIGINT PRIMARY KEY,
    subject TEXT NOT NULL,
    entry TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE INDEX audit_log_subject ON audit_log (subject);

CREATE TABLE settings (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
INSERT INTO settings (name, value) VALUES ('four_eyes', 'true');

-- Screened records (customers). data is the record as JSON; pending = 1 while the record is new
-- or changed and not yet screened.
CREATE TABLE records (
    id TEXT PRIMARY KEY,
    data TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    pending BIGINT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    screened_at TEXT,
    -- The run that last screened the record and the fingerprint it screened: a batch of results
    -- recorded twice (a re-run after a crash) is recognised and not counted again.
    screened_run TEXT,
    screened_fingerprint TEXT
);
CREATE INDEX records_pending ON records (pending, id);

-- Every list version ever registered, content-addressed.
CREATE TABLE list_versions (
    id TEXT PRIMARY KEY,
    dataset TEXT NOT NULL,
    version TEXT,
    entities BIGINT NOT NULL,
    registered_at TEXT NOT NULL
);

-- The version of each dataset the store screens against now.
CREATE TABLE datasets (
    name TEXT PRIMARY KEY,
    version_id TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

-- The listed entities as last seen, with the fingerprints that decide whether a cleared alert
-- may alert again. listed = 0 once the entity left its list.
CREATE TABLE entities (
    id TEXT PRIMARY KEY,
    dataset TEXT NOT NULL,
    schema_name TEXT NOT NULL,
    caption TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    programs TEXT NOT NULL,
    listed BIGINT NOT NULL,
    version_id TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX entities_dataset ON entities (dataset, listed);

-- Screening runs: what was screened against which lists, engine and configuration.
CREATE TABLE runs (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    actor TEXT NOT NULL,
    list_version TEXT NOT NULL,
    engine_version TEXT NOT NULL,
    config_hash TEXT NOT NULL,
    config TEXT NOT NULL,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    screened BIGINT NOT NULL,
    raised BIGINT NOT NULL,
    suppressed BIGINT NOT NULL
);

CREATE TABLE alerts (
    id BIGINT PRIMARY KEY,
    run_id TEXT NOT NULL,
    record_id TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    caption TEXT NOT NULL,
    score DOUBLE PRECISION NOT NULL,
    explanation TEXT NOT NULL,
    record_fingerprint TEXT NOT NULL,
    entity_fingerprint TEXT NOT NULL,
    entity_programs TEXT NOT NULL,
    list_version TEXT NOT NULL,
    engine_version TEXT NOT NULL,
    config_hash TEXT NOT NULL,
    reason TEXT NOT NULL,
    state TEXT NOT NULL,
    resolution TEXT,
    proposed_by TEXT,
    state_before_delisting TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (run_id, record_id, entity_id)
);
CREATE INDEX alerts_pair ON alerts (record_id, entity_id, id);
CREATE INDEX alerts_entity ON alerts (entity_id, state);
CREATE INDEX alerts_state ON alerts (state, id);

CREATE TABLE decisions (
    id BIGINT PRIMARY KEY,
    alert_id BIGINT NOT NULL,
    action TEXT NOT NULL,
    analyst TEXT NOT NULL,
    comment TEXT NOT NULL,
    state_before TEXT NOT NULL,
    state_after TEXT NOT NULL,
    at TEXT NOT NULL
);
CREATE INDEX decisions_alert ON decisions (alert_id, id);
