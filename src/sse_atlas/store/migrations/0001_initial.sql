-- Catalogues and their records, entities, ingest reports and edits.
-- Portable SQL (SQLite and PostgreSQL): dates, timestamps and JSON are TEXT, no engine functions.
-- Each record row keeps queryable columns plus `data`, the whole record as JSON (lossless).

CREATE TABLE catalogues (
    id TEXT PRIMARY KEY,
    title TEXT,
    forum TEXT,
    edition INTEGER,
    city TEXT,
    start_date TEXT,
    end_date TEXT,
    language TEXT,
    source TEXT,
    sha256 TEXT,
    data TEXT NOT NULL
);

CREATE TABLE days (
    catalogue_id TEXT NOT NULL REFERENCES catalogues (id) ON DELETE CASCADE,
    ordinal INTEGER NOT NULL,
    date TEXT,
    label TEXT,
    data TEXT NOT NULL,
    PRIMARY KEY (catalogue_id, ordinal)
);

CREATE TABLE sessions (
    catalogue_id TEXT NOT NULL REFERENCES catalogues (id) ON DELETE CASCADE,
    ordinal INTEGER NOT NULL,
    number INTEGER NOT NULL,
    date TEXT,
    heading TEXT,
    data TEXT NOT NULL,
    PRIMARY KEY (catalogue_id, ordinal)
);

CREATE TABLE workshops (
    id TEXT PRIMARY KEY,
    catalogue_id TEXT NOT NULL REFERENCES catalogues (id) ON DELETE CASCADE,
    ordinal INTEGER NOT NULL,
    code TEXT NOT NULL,
    title TEXT NOT NULL,
    session INTEGER,
    date TEXT,
    kind TEXT NOT NULL,
    coordinator TEXT,
    moderator TEXT,
    data TEXT NOT NULL,
    UNIQUE (catalogue_id, ordinal)
);

CREATE TABLE initiatives (
    id TEXT PRIMARY KEY,
    catalogue_id TEXT NOT NULL REFERENCES catalogues (id) ON DELETE CASCADE,
    ordinal INTEGER NOT NULL,
    code TEXT NOT NULL,
    title TEXT NOT NULL,
    workshop TEXT,
    session INTEGER,
    date TEXT,
    organisation TEXT,
    organisation_id TEXT,
    organisation_type TEXT,
    city TEXT,
    region TEXT,
    country TEXT,
    country_code TEXT,
    latitude DOUBLE PRECISION,
    longitude DOUBLE PRECISION,
    language TEXT,
    data TEXT NOT NULL,
    UNIQUE (catalogue_id, ordinal)
);

CREATE INDEX initiatives_workshop ON initiatives (catalogue_id, workshop);
CREATE INDEX initiatives_country_code ON initiatives (country_code);
CREATE INDEX initiatives_organisation_id ON initiatives (organisation_id);

-- One row per presenter, panelist or moderator; record_type is 'initiative' or 'workshop'.
CREATE TABLE involvements (
    catalogue_id TEXT NOT NULL REFERENCES catalogues (id) ON DELETE CASCADE,
    record_type TEXT NOT NULL,
    record_id TEXT NOT NULL,
    ordinal INTEGER NOT NULL,
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    role TEXT,
    kind TEXT NOT NULL,
    organisation TEXT,
    country_code TEXT,
    person_id TEXT,
    PRIMARY KEY (record_type, record_id, ordinal)
);

CREATE INDEX involvements_catalogue ON involvements (catalogue_id);
CREATE INDEX involvements_person ON involvements (person_id);

CREATE TABLE organisations (
    id TEXT PRIMARY KEY,
    ordinal INTEGER NOT NULL,
    name TEXT NOT NULL,
    type TEXT,
    country_code TEXT,
    city TEXT,
    data TEXT NOT NULL
);

CREATE TABLE people (
    id TEXT PRIMARY KEY,
    ordinal INTEGER NOT NULL,
    name TEXT NOT NULL,
    data TEXT NOT NULL
);

-- Reports are history: no foreign key, they outlive the catalogue rows they describe.
CREATE TABLE ingest_reports (
    seq INTEGER PRIMARY KEY,
    document TEXT NOT NULL,
    catalogue_id TEXT,
    sha256 TEXT,
    ingested_at TEXT NOT NULL,
    report TEXT NOT NULL
);

CREATE INDEX ingest_reports_document ON ingest_reports (document);

-- Edits are keyed by public record id, not by row, so they survive re-ingest.
CREATE TABLE edits (
    seq INTEGER PRIMARY KEY,
    record_id TEXT NOT NULL,
    field TEXT NOT NULL,
    value TEXT NOT NULL,
    edited_at TEXT NOT NULL,
    note TEXT
);

CREATE INDEX edits_record ON edits (record_id);
