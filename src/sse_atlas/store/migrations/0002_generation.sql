-- A counter every write transaction increases, so that caches built from the records (the
-- search index) know cheaply when to rebuild, whatever the write was.
CREATE TABLE store_state (
    key TEXT PRIMARY KEY,
    value INTEGER NOT NULL
);

INSERT INTO store_state (key, value) VALUES ('generation', 0);
