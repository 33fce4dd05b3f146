-- Settings of one knowledge base (the search encoder): a key and its value as text.
CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
