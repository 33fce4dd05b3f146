-- Entity resolution's working set, so that adding a catalogue re-resolves only the clusters its
-- mentions touch (sse_atlas.enrich.incremental). Derived from the records: a store whose
-- 'entity_index' state is 0 has it rebuilt by its next ingest.

-- One row per cluster of mentions with one natural key: the key it resolved to, the role texts
-- of its mentions (people: for the cities they name) and its mentions and context by catalogue.
CREATE TABLE entity_clusters (
    entity TEXT NOT NULL,
    key TEXT NOT NULL,
    kept TEXT NOT NULL,
    role_text TEXT NOT NULL,
    data TEXT NOT NULL,
    PRIMARY KEY (entity, key)
);

CREATE INDEX entity_clusters_kept ON entity_clusters (entity, kept);

-- Blocks every pair of clusters a merge rule can accept shares.
CREATE TABLE entity_blocks (
    entity TEXT NOT NULL,
    block TEXT NOT NULL,
    key TEXT NOT NULL,
    PRIMARY KEY (entity, block, key)
);

CREATE INDEX entity_blocks_key ON entity_blocks (entity, key);

-- Which clusters each catalogue's mentions are in, and the cities it makes known.
CREATE TABLE entity_catalogue_keys (
    catalogue_id TEXT NOT NULL,
    entity TEXT NOT NULL,
    key TEXT NOT NULL,
    PRIMARY KEY (catalogue_id, entity, key)
);

CREATE TABLE entity_cities (
    catalogue_id TEXT NOT NULL,
    city TEXT NOT NULL,
    PRIMARY KEY (catalogue_id, city)
);

INSERT INTO store_state (key, value) VALUES ('entity_index', 0);
