-- The store, SQLite dialect. Instants are ISO-8601 UTC text with six fraction digits (sorts as text),
-- value is decimal text, nested values are JSON text.
CREATE TABLE leads (
    id               TEXT PRIMARY KEY,
    connection       TEXT NOT NULL,
    provider         TEXT NOT NULL,
    native_id        TEXT NOT NULL,
    person_key       TEXT,
    name             TEXT,
    first_name       TEXT,
    last_name        TEXT,
    email            TEXT,
    phone            TEXT,
    phone_e164       TEXT,
    company          TEXT,
    title            TEXT,
    status           TEXT NOT NULL,
    status_raw       TEXT,
    source           TEXT,
    value            TEXT,
    note             TEXT,
    loss_reason      TEXT,
    conversion_name  TEXT,
    attribution      TEXT NOT NULL,
    consent          TEXT NOT NULL,
    campaign         TEXT,
    workflow         TEXT,
    assignee         TEXT,
    labels           TEXT NOT NULL,
    custom           TEXT NOT NULL,
    created_at       TEXT,
    updated_at       TEXT,
    qualified_at     TEXT,
    expires_at       TEXT,
    raw              TEXT NOT NULL,
    first_seen_at    TEXT NOT NULL,
    last_seen_at     TEXT NOT NULL,
    changed_at       TEXT NOT NULL,
    deleted_at       TEXT,
    origin           TEXT NOT NULL CHECK (origin IN ('list', 'get', 'webhook', 'create')),
    content_hash     TEXT NOT NULL,
    last_run_id      INTEGER
);
CREATE INDEX leads_connection ON leads (connection, native_id);
CREATE INDEX leads_person_key ON leads (person_key);
CREATE INDEX leads_updated_at ON leads (updated_at);

CREATE TABLE sync_state (
    connection  TEXT PRIMARY KEY,
    checkpoint  TEXT,
    updated_at  TEXT NOT NULL
);

CREATE TABLE sync_runs (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    connection     TEXT NOT NULL,
    mode           TEXT NOT NULL,
    started_at     TEXT NOT NULL,
    finished_at    TEXT,
    outcome        TEXT CHECK (outcome IN ('ok', 'failed', 'skipped')),
    leads_new      INTEGER NOT NULL DEFAULT 0,
    leads_updated  INTEGER NOT NULL DEFAULT 0,
    leads_deleted  INTEGER NOT NULL DEFAULT 0,
    requests       INTEGER NOT NULL DEFAULT 0,
    error          TEXT
);
CREATE INDEX sync_runs_connection ON sync_runs (connection, started_at);

CREATE TABLE webhook_events (
    event_key    TEXT PRIMARY KEY,
    connection   TEXT NOT NULL,
    event_type   TEXT NOT NULL,
    received_at  TEXT NOT NULL,
    lead_id      TEXT,
    status       TEXT NOT NULL CHECK (status IN ('pending', 'done', 'ignored', 'failed')),
    error        TEXT
);

CREATE VIEW persons AS
SELECT person_key,
       COUNT(*)                            AS leads,
       COUNT(DISTINCT connection)          AS connections_count,
       GROUP_CONCAT(DISTINCT connection)   AS connections,
       MIN(first_seen_at)                  AS first_seen_at,
       MAX(changed_at)                     AS changed_at
FROM leads
WHERE person_key IS NOT NULL AND deleted_at IS NULL
GROUP BY person_key;
