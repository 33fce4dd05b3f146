"""The store's side of added entity resolution: clusters, blocks, catalogue keys and cities
(tables of migration 0004), read and written inside the ingest's write transaction."""

from __future__ import annotations

from collections.abc import Collection, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from sse_atlas.enrich.incremental import EntityDelta
from sse_atlas.model import Catalogue
from sse_atlas.store import rows
from sse_atlas.store.dialect import Cursor

if TYPE_CHECKING:
    from sse_atlas.store.sql import SQLRepository

_CHUNK = 500  # parameters per IN (...) list: under every driver's limit
INDEX_TABLES = ("entity_blocks", "entity_clusters", "entity_catalogue_keys", "entity_cities")


def _chunks(values: Collection[str]) -> Iterator[list[str]]:
    ordered = sorted(values)
    for begin in range(0, len(ordered), _CHUNK):
        yield ordered[begin : begin + _CHUNK]


def _marks(values: Sequence[object]) -> str:
    return ", ".join("?" for _ in values)


class SQLEntityIndex:
    """:class:`~sse_atlas.enrich.incremental.EntityIndex` over a SQL repository; every read
    joins the caller's open transaction."""

    def __init__(self, repository: SQLRepository) -> None:
        self._repo = repository

    def _select(self, query: str, params: Sequence[Any] = ()) -> list[Any]:
        with self._repo._transaction(write=False) as cursor:
            return self._repo._all(cursor, query, params)

    def ready(self) -> bool:
        """Whether the tables hold every stored catalogue (else the next ingest rebuilds them)."""
        found = self._select("SELECT value FROM store_state WHERE key = 'entity_index'")
        return bool(found and int(found[0][0]))

    def clusters(self, entity: str, keys: Collection[str]) -> dict[str, tuple[str, str]]:
        found: dict[str, tuple[str, str]] = {}
        for chunk in _chunks(keys):
            query = (
                "SELECT key, kept, data FROM entity_clusters"
                f" WHERE entity = ? AND key IN ({_marks(chunk)})"
            )
            for key, kept, data in self._select(query, [entity, *chunk]):
                found[str(key)] = (str(kept), str(data))
        return found

    def keys_in_blocks(self, entity: str, blocks: Collection[str]) -> list[tuple[str, str]]:
        found: list[tuple[str, str]] = []
        for chunk in _chunks(blocks):
            query = (
                "SELECT block, key FROM entity_blocks"
                f" WHERE entity = ? AND block IN ({_marks(chunk)})"
            )
            found += [(str(b), str(k)) for b, k in self._select(query, [entity, *chunk])]
        return found

    def keys_kept_as(self, entity: str, kept: Collection[str]) -> set[str]:
        found: set[str] = set()
        for chunk in _chunks(kept):
            query = (
                f"SELECT key FROM entity_clusters WHERE entity = ? AND kept IN ({_marks(chunk)})"
            )
            found |= {str(row[0]) for row in self._select(query, [entity, *chunk])}
        return found

    def keys_of_catalogues(self, catalogue_ids: Collection[str]) -> set[tuple[str, str]]:
        found: set[tuple[str, str]] = set()
        for chunk in _chunks(catalogue_ids):
            query = (
                "SELECT entity, key FROM entity_catalogue_keys"
                f" WHERE catalogue_id IN ({_marks(chunk)})"
            )
            found |= {(str(e), str(k)) for e, k in self._select(query, chunk)}
        return found

    def cities(self, without: Collection[str] = ()) -> set[str]:
        every = {str(row[0]) for row in self._select("SELECT DISTINCT city FROM entity_cities")}
        if not without:
            return every
        if len(without) > _CHUNK:  # a bulk rebuild: every row, once
            rows_ = self._select("SELECT catalogue_id, city FROM entity_cities")
            return {str(city) for catalogue, city in rows_ if catalogue not in without}
        excluded = sorted(without)
        marks = _marks(excluded)
        theirs = {
            str(row[0])
            for row in self._select(
                f"SELECT DISTINCT city FROM entity_cities WHERE catalogue_id IN ({marks})", excluded
            )
        }
        shared: set[str] = set()  # named by another catalogue too
        for chunk in _chunks(theirs):
            query = (
                "SELECT DISTINCT city FROM entity_cities"
                f" WHERE catalogue_id NOT IN ({marks}) AND city IN ({_marks(chunk)})"
            )
            shared.update(str(row[0]) for row in self._select(query, [*excluded, *chunk]))
        return (every - theirs) | shared

    def people_naming(self, cities: Collection[str]) -> set[str]:
        found: set[str] = set()
        for city in cities:
            query = "SELECT key FROM entity_clusters WHERE entity = 'person' AND role_text LIKE ?"
            found |= {str(row[0]) for row in self._select(query, [f"%{city}%"])}
        return found


def write_delta(
    repository: SQLRepository, cursor: Cursor, delta: EntityDelta, rebuilt: bool
) -> None:
    """Write the delta of an added resolution (``rebuilt``: it holds every catalogue, so the
    tables and entities are emptied first and the index is marked complete)."""
    run = repository._execute
    if rebuilt:
        for table in (*INDEX_TABLES, "organisations", "people"):
            run(cursor, f"DELETE FROM {table}")
        run(cursor, "UPDATE store_state SET value = 1 WHERE key = 'entity_index'")
    for chunk in _chunks(delta.replaced):
        for table in ("entity_catalogue_keys", "entity_cities"):
            run(cursor, f"DELETE FROM {table} WHERE catalogue_id IN ({_marks(chunk)})", chunk)
    gone = [*delta.removed, *((c.entity, c.key) for c in delta.clusters)]
    for entity in ("organisation", "person"):
        keys = [key for e, key in gone if e == entity]
        for chunk in _chunks(keys):
            for table in ("entity_blocks", "entity_clusters"):
                query = f"DELETE FROM {table} WHERE entity = ? AND key IN ({_marks(chunk)})"
                run(cursor, query, [entity, *chunk])
    insert = repository._insert_many
    insert(
        cursor,
        "entity_clusters",
        [
            {"entity": c.entity, "key": c.key, "kept": c.kept, "role_text": c.text, "data": c.data}
            for c in delta.clusters
        ],
    )
    blocks: list[rows.Row] = [
        {"entity": c.entity, "block": b, "key": c.key} for c in delta.clusters for b in c.blocks
    ]
    insert(cursor, "entity_blocks", blocks)
    owned: list[rows.Row] = [
        {"catalogue_id": catalogue, "entity": entity, "key": key}
        for catalogue, found in sorted(delta.catalogue_keys.items())
        for entity, key in sorted(found)
    ]
    insert(cursor, "entity_catalogue_keys", owned)
    cities: list[rows.Row] = [
        {"catalogue_id": catalogue, "city": city}
        for catalogue, found in sorted(delta.cities.items())
        for city in sorted(found)
    ]
    insert(cursor, "entity_cities", cities)
    organisations, people = delta.organisations, delta.people
    for table, ids in (
        ("organisations", {*delta.dropped, *(o.id for o in organisations)}),
        ("people", {*delta.dropped, *(p.id for p in people)}),
    ):
        for chunk in _chunks(ids):
            run(cursor, f"DELETE FROM {table} WHERE id IN ({_marks(chunk)})", chunk)
    insert(cursor, "organisations", [rows.organisation_row(0, o) for o in organisations])
    insert(cursor, "people", [rows.person_row(0, p) for p in people])


def mark_stale(repository: SQLRepository, cursor: Cursor) -> None:
    """After a write that replaced every entity another way: the next ingest rebuilds."""
    repository._execute(cursor, "UPDATE store_state SET value = 0 WHERE key = 'entity_index'")


def catalogue_ids(repository: SQLRepository) -> list[str]:
    """The stored catalogues' ids, without reading their records."""
    with repository._transaction(write=False) as cursor:
        order = f"id{repository._dialect.text_order}"
        query = f"SELECT id FROM catalogues ORDER BY {order}"
        return [str(row[0]) for row in repository._all(cursor, query)]


def raw_catalogues(repository: SQLRepository, ids: Sequence[str]) -> list[Catalogue]:
    """The catalogues named, as ingested (no edits), by id."""
    with repository._transaction(write=False) as cursor:
        found = []
        for catalogue_id in sorted(ids):
            query = "SELECT data FROM catalogues WHERE id = ?"
            for row in repository._all(cursor, query, [catalogue_id]):
                found.append(repository._assemble(cursor, rows.loads(Catalogue, row[0]), {}))
        return found
