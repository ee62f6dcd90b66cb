-- The store, PostgreSQL dialect. Instants are timestamptz, value is numeric, nested values are jsonb.
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
    value            NUMERIC,
    note             TEXT,
    loss_reason      TEXT,
    conversion_name  TEXT,
    attribution      JSONB NOT NULL,
    consent          JSONB NOT NULL,
    campaign         JSONB,
    workflow         JSONB,
    assignee         JSONB,
    labels           JSONB NOT NULL,
    custom           JSONB NOT NULL,
    created_at       TIMESTAMPTZ,
    updated_at       TIMESTAMPTZ,
    qualified_at     TIMESTAMPTZ,
    expires_at       TIMESTAMPTZ,
    raw              JSONB NOT NULL,
    first_seen_at    TIMESTAMPTZ NOT NULL,
    last_seen_at     TIMESTAMPTZ NOT NULL,
    changed_at       TIMESTAMPTZ NOT NULL,
    deleted_at       TIMESTAMPTZ,
    origin           TEXT NOT NULL CHECK (origin IN ('list', 'get', 'webhook', 'create')),
    content_hash     TEXT NOT NULL,
    last_run_id      BIGINT
);
CREATE INDEX leads_connection ON leads (connection, native_id);
CREATE INDEX leads_person_key ON leads (person_key);
CREATE INDEX leads_updated_at ON leads (updated_at);

CREATE TABLE sync_state (
    connection  TEXT PRIMARY KEY,
    checkpoint  TEXT,
    updated_at  TIMESTAMPTZ NOT NULL
);

CREATE TABLE sync_runs (
    id             BIGSERIAL PRIMARY KEY,
    connection     TEXT NOT NULL,
    mode           TEXT NOT NULL,
    started_at     TIMESTAMPTZ NOT NULL,
    finished_at    TIMESTAMPTZ,
    outcome        TEXT CHECK (outcome IN ('ok', 'failed', 'skipped')),
    leads_new      BIGINT NOT NULL DEFAULT 0,
    leads_updated  BIGINT NOT NULL DEFAULT 0,
    leads_deleted  BIGINT NOT NULL DEFAULT 0,
    requests       BIGINT NOT NULL DEFAULT 0,
    error          TEXT
);
CREATE INDEX sync_runs_connection ON sync_runs (connection, started_at);

CREATE TABLE webhook_events (
    event_key    TEXT PRIMARY KEY,
    connection   TEXT NOT NULL,
    event_type   TEXT NOT NULL,
    received_at  TIMESTAMPTZ NOT NULL,
    lead_id      TEXT,
    status       TEXT NOT NULL CHECK (status IN ('pending', 'done', 'ignored', 'failed')),
    error        TEXT
);

CREATE VIEW persons AS
SELECT person_key,
       COUNT(*)                                                  AS leads,
       COUNT(DISTINCT connection)                                AS connections_count,
       STRING_AGG(DISTINCT connection, ',' ORDER BY connection)  AS connections,
       MIN(first_seen_at)                                        AS first_seen_at,
       MAX(changed_at)                                           AS changed_at
FROM leads
WHERE person_key IS NOT NULL AND deleted_at IS NULL
GROUP BY person_key;
