-- Curation: accounts, API tokens, the change log, public suggestions and entity rules.
-- Portable SQL (SQLite and PostgreSQL): timestamps and JSON are TEXT, flags are INTEGER 0/1.

CREATE TABLE users (
    name TEXT PRIMARY KEY,
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL,
    disabled INTEGER NOT NULL,
    created_at TEXT NOT NULL
);

-- Only a digest of each token's secret is kept; the token is shown once, when it is made.
CREATE TABLE api_tokens (
    id TEXT PRIMARY KEY,
    user_name TEXT NOT NULL REFERENCES users (name),
    secret_hash TEXT NOT NULL,
    scope TEXT NOT NULL,
    created_at TEXT NOT NULL,
    revoked INTEGER NOT NULL
);

-- Append-only: who changed which field of which record, from what to what, and why.
-- `printed` is the value as ingested when the change was made, to notice a re-ingest under it.
CREATE TABLE changes (
    seq INTEGER PRIMARY KEY,
    record_id TEXT NOT NULL,
    field TEXT NOT NULL,
    before_value TEXT NOT NULL,
    after_value TEXT NOT NULL,
    printed TEXT NOT NULL,
    author TEXT NOT NULL,
    origin TEXT NOT NULL,
    reason TEXT NOT NULL,
    changed_at TEXT NOT NULL,
    reverts INTEGER,
    credit TEXT
);

CREATE INDEX changes_record ON changes (record_id);

CREATE TABLE suggestions (
    id INTEGER PRIMARY KEY,
    record_id TEXT NOT NULL,
    field TEXT NOT NULL,
    value TEXT NOT NULL,
    message TEXT NOT NULL,
    suggester TEXT,
    status TEXT NOT NULL,
    created_at TEXT NOT NULL,
    decided_by TEXT,
    decision_reason TEXT
);

CREATE INDEX suggestions_status ON suggestions (status);

-- Decisions the entity resolution must respect: kind is 'same-as' or 'not-same-as'.
CREATE TABLE entity_rules (
    seq INTEGER PRIMARY KEY,
    entity_type TEXT NOT NULL,
    kind TEXT NOT NULL,
    first_id TEXT NOT NULL,
    second_id TEXT NOT NULL,
    first_name TEXT NOT NULL,
    second_name TEXT NOT NULL,
    author TEXT NOT NULL,
    reason TEXT NOT NULL,
    created_at TEXT NOT NULL,
    withdrawn INTEGER NOT NULL
);

-- Secrets the server generates once (the session signing key).
CREATE TABLE store_secrets (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
