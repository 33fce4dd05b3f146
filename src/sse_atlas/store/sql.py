"""The repository over any DB-API 2 connection; a backend brings the connection and its dialect.

All SQL is written once here with ``?`` placeholders and portable statements;
:meth:`Dialect.sql` adapts it to the driver's parameter style.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from types import TracebackType
from typing import Any, Self, TypeVar

from sse_atlas.enrich.incremental import EntityDelta
from sse_atlas.model import (
    Catalogue,
    Day,
    Initiative,
    Organisation,
    Person,
    QualityReport,
    Session,
    Workshop,
)
from sse_atlas.store import rows
from sse_atlas.store.base import Edit, StoreError, corrupt_error
from sse_atlas.store.curation_types import CurationStore
from sse_atlas.store.dialect import DEFAULT_LOCK_TIMEOUT, Connection, Cursor, Dialect
from sse_atlas.store.edits import apply_edit, apply_edits, encode_value
from sse_atlas.store.entity_index import (
    SQLEntityIndex,
    catalogue_ids,
    mark_stale,
    raw_catalogues,
    write_delta,
)
from sse_atlas.store.integrity import RECORD_TABLES, check_catalogue, undecodable
from sse_atlas.store.schema import BOOTSTRAP, Migration, bundled_migrations, check_sequence, pending

R = TypeVar("R", Initiative, Workshop)
E = TypeVar("E", Organisation, Person)

Clock = Callable[[], dt.datetime]

# Child tables first, so the deletes never depend on cascading.
_CATALOGUE_TABLES = ("involvements", "initiatives", "workshops", "sessions", "days")

_COUNTED = ("catalogues", "days", "sessions", "workshops", "initiatives", "organisations", "people")


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _edited(raw: Initiative | Workshop, edits: list[Edit]) -> Initiative | Workshop:
    return apply_edits(copy.deepcopy(raw), edits) if edits else raw


class SQLRepository:
    """:class:`~sse_atlas.store.base.Repository` over a DB-API 2 connection in autocommit mode.

    One lock serialises use of the connection; every public method is one transaction, and
    every call inside :meth:`write_transaction` joins that one.
    """

    def __init__(
        self,
        connection: Connection,
        dialect: Dialect,
        *,
        migrations: Sequence[Migration] | None = None,
        clock: Clock | None = None,
        label: str = "database",
        lock_timeout: float = DEFAULT_LOCK_TIMEOUT,
    ) -> None:
        self._connection = connection
        self._dialect = dialect
        self._clock = clock or _utc_now
        self._lock = threading.RLock()
        self._closed = False
        self.label = label
        self.lock_timeout = lock_timeout
        # What opening the store applied (see ``sse-atlas db upgrade``).
        self.migrated: list[Migration] = []
        # Per thread: the open transaction's cursor, whether it may write, how many savepoints
        # are open (one thread at a time here; each on its own pooled connection in PostgreSQL).
        self._state = threading.local()
        try:
            known = bundled_migrations() if migrations is None else check_sequence(list(migrations))
            self._migrate(known)
        except BaseException:
            self.close()
            raise

    # -- plumbing -------------------------------------------------------------------------

    def _run_script(self, cursor: Cursor, script: str) -> None:
        """Run a migration file; drivers that take one statement per call override this."""
        cursor.execute(script)

    def _execute(self, cursor: Cursor, query: str, params: Sequence[Any] = ()) -> Cursor:
        cursor.execute(self._dialect.sql(query), params)
        return cursor

    def _all(self, cursor: Cursor, query: str, params: Sequence[Any] = ()) -> list[Any]:
        return self._execute(cursor, query, params).fetchall()

    def _insert(self, cursor: Cursor, table: str, row: rows.Row) -> None:
        query, params = rows.insert_statement(table, row)
        self._execute(cursor, query, params)

    def _insert_many(self, cursor: Cursor, table: str, found: Sequence[rows.Row]) -> None:
        """Rows of one table (same columns) in one call: the driver batches the round trips."""
        if not found:
            return
        query, _ = rows.insert_statement(table, found[0])
        cursor.executemany(self._dialect.sql(query), [list(row.values()) for row in found])

    def _bump(self, cursor: Cursor) -> None:
        """Count one more write (see ``generation``)."""
        self._execute(cursor, "UPDATE store_state SET value = value + 1 WHERE key = 'generation'")

    def generation(self) -> int:
        """How many writes the store has seen: changes whenever any record may have changed."""
        with self._transaction(write=False) as cursor:
            rows_ = self._all(cursor, "SELECT value FROM store_state WHERE key = 'generation'")
            return int(rows_[0][0]) if rows_ else 0

    def setting(self, key: str) -> str | None:
        with self._transaction(write=False) as cursor:
            found = self._all(cursor, "SELECT value FROM settings WHERE key = ?", [key])
            return str(found[0][0]) if found else None

    def set_setting(self, key: str, value: str) -> None:
        with self._transaction(write=True) as cursor:
            self._execute(cursor, "DELETE FROM settings WHERE key = ?", [key])
            self._execute(cursor, "INSERT INTO settings (key, value) VALUES (?, ?)", [key, value])
            self._bump(cursor)

    def _rollback(self, cursor: Cursor) -> None:
        # Nothing may be open, or the connection may be gone: then there is nothing to undo.
        with suppress(*self._dialect.errors):
            cursor.execute("ROLLBACK")

    def _gave_up(self) -> StoreError:
        return StoreError(
            f"another process is writing to {self.label}; gave up after {self.lock_timeout:g} s"
        )

    def _translated(self, error: BaseException, *, ours: bool = True) -> BaseException:
        """What a failure inside a transaction is reported as: always naming the store.

        ``ours``: the failure came from the repository's own code, not a caller's block."""
        if isinstance(error, self._dialect.errors):
            if self._dialect.busy(error):
                return self._gave_up()
            if self._dialect.corrupt(error):
                # Leave out the damaged bytes the driver quotes ("... with text '...'").
                detail = str(error).split(" with text ", 1)[0].splitlines()[0][:200]
                return corrupt_error(self.label, detail)
            # One line: PostgreSQL adds DETAIL and HINT lines.
            return StoreError(f"{self.label}: {' '.join(str(error).split())}")
        if ours and isinstance(error, json.JSONDecodeError | UnicodeDecodeError):
            # The repository decodes only stored rows: their bytes are damaged.
            return corrupt_error(self.label, f"unreadable record: {error}")
        return error

    @contextmanager
    def _reporting(self, *, ours: bool = True) -> Iterator[None]:
        """Failures of the block come out as :meth:`_translated` says."""
        try:
            yield
        except BaseException as error:
            translated = self._translated(error, ours=ours)
            if translated is error:
                raise
            raise translated from error

    @contextmanager
    def _exclusive(self) -> Iterator[None]:
        """Hold the connection for a whole transaction: threads of this process wait for each
        other as long as other processes may. A pooled backend overrides this."""
        if not self._lock.acquire(timeout=max(self.lock_timeout, 0.001)):
            raise self._gave_up()
        try:
            yield
        finally:
            self._lock.release()

    @contextmanager
    def _session(self) -> Iterator[Cursor]:
        """A cursor for one outer transaction: on the one connection here; a backend with a
        connection pool overrides this."""
        yield self._connection.cursor()

    @contextmanager
    def _transaction(self, *, write: bool, ours: bool = True) -> Iterator[Cursor]:
        """One transaction: committed on success, rolled back on any exception.

        Inside an open transaction (see :meth:`write_transaction`) it joins that one, writes in
        a savepoint. Database errors come out as StoreError naming the store, and so do stored
        rows that do not decode (unless the block is a caller's: ``ours=False``); other
        exceptions pass through unchanged.
        """
        with self._exclusive():
            if self._closed:
                raise StoreError(f"{self.label}: the repository is closed")
            state = self._state
            with self._reporting(ours=ours):
                active: Cursor | None = getattr(state, "active", None)
                if active is not None:
                    with self._nested(active, write=write) as cursor:
                        yield cursor
                    return
                with self._session() as cursor:
                    try:
                        # inside the try: a BEGIN that failed waiting for the lock is rolled back
                        cursor.execute(
                            self._dialect.begin_write if write else self._dialect.begin_read
                        )
                        state.active, state.write, state.depth = cursor, write, 0
                        yield cursor
                        cursor.execute("COMMIT")
                    except BaseException:
                        self._rollback(cursor)
                        raise
                    finally:
                        state.active = None

    @contextmanager
    def _nested(self, cursor: Cursor, *, write: bool) -> Iterator[Cursor]:
        """A step inside the open transaction; a failed write step is undone on its own."""
        if not write:
            yield cursor
            return
        state = self._state
        if not state.write:
            raise StoreError(f"{self.label}: a write inside a read-only transaction")
        name = f"step_{state.depth}"
        state.depth += 1
        try:
            cursor.execute(f"SAVEPOINT {name}")
            try:
                yield cursor
            except BaseException:
                with suppress(*self._dialect.errors):
                    cursor.execute(f"ROLLBACK TO SAVEPOINT {name}")
                    cursor.execute(f"RELEASE SAVEPOINT {name}")
                raise
            cursor.execute(f"RELEASE SAVEPOINT {name}")
        finally:
            state.depth -= 1

    @contextmanager
    def write_transaction(self) -> Iterator[Self]:
        """Reads and writes made on this repository in the block are one locked transaction."""
        with self._transaction(write=True, ours=False):
            yield self

    def check(self, *, thorough: bool = False) -> list[str]:
        """The engine's integrity check, and with ``thorough`` every stored row decoded too."""
        with self._transaction(write=False) as cursor:
            problems = self._integrity_problems(cursor, thorough=thorough)
            if thorough and not problems:
                problems = self._undecodable_rows(cursor)
            return problems

    def _integrity_problems(self, cursor: Cursor, *, thorough: bool) -> list[str]:
        """What the engine's own check finds; backends with one override this."""
        del cursor, thorough
        return []

    def _undecodable_rows(self, cursor: Cursor) -> list[str]:
        problems: list[str] = []
        for table, tp in RECORD_TABLES.items():
            texts = (row[0] for row in self._all(cursor, f"SELECT data FROM {table}"))
            problems.extend(undecodable(table, tp, texts))
        return problems

    def _applied(self) -> set[int] | None:
        """The applied schema versions, read without the write lock; None when unreadable."""
        try:
            with self._transaction(write=False) as cursor:
                found = self._all(cursor, "SELECT version FROM schema_migrations")
                return {int(row[0]) for row in found}
        except StoreError:
            return None  # a new store (no table yet): the write path creates it, or says why

    def _pending(self, migrations: list[Migration], applied: set[int]) -> list[Migration]:
        try:
            return pending(migrations, applied)
        except StoreError as error:  # a schema newer than the code: say which store
            raise StoreError(f"{self.label}: {error}") from error

    def _migrate(self, migrations: list[Migration]) -> None:
        applied = self._applied()
        # Opening a store that is up to date takes no lock: readers never wait for a writer.
        if applied is not None and not self._pending(migrations, applied):
            return
        with self._transaction(write=True) as cursor:
            cursor.execute(BOOTSTRAP)
            applied = {
                int(row[0]) for row in self._all(cursor, "SELECT version FROM schema_migrations")
            }
            for migration in self._pending(migrations, applied):
                self.migrated.append(migration)
                self._run_script(cursor, migration.sql)
                self._execute(
                    cursor,
                    "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                    [migration.version, migration.name, self._clock().isoformat()],
                )

    def schema_version(self) -> int:
        """The newest migration applied to the store."""
        with self._transaction(write=False) as cursor:
            found = self._all(cursor, "SELECT MAX(version) FROM schema_migrations")
            return int(found[0][0] or 0)

    # -- writing --------------------------------------------------------------------------

    def replace_catalogue(self, catalogue: Catalogue, report: QualityReport) -> None:
        check_catalogue(catalogue)
        with self._transaction(write=True) as cursor:
            self._replace_catalogue(cursor, catalogue, report)
            self._bump(cursor)

    def ingest(
        self,
        batch: Sequence[tuple[Catalogue, QualityReport]],
        organisations: list[Organisation],
        people: list[Person],
        refreshed: Sequence[Catalogue] = (),
    ) -> None:
        for catalogue in [*(c for c, _ in batch), *refreshed]:
            check_catalogue(catalogue)
        with self._transaction(write=True) as cursor:
            for catalogue, report in batch:
                self._replace_catalogue(cursor, catalogue, report)
            for catalogue in refreshed:
                self._replace_catalogue(cursor, catalogue, None)
            self._replace_entities(cursor, organisations, people)
            self._bump(cursor)

    def entity_index(self) -> SQLEntityIndex:
        """The clusters earlier resolutions left, for an added one (inside a transaction)."""
        return SQLEntityIndex(self)

    def ingest_added(
        self,
        batch: Sequence[tuple[Catalogue, QualityReport]],
        delta: EntityDelta,
        *,
        refreshed: Sequence[Catalogue] = (),
        records: Sequence[tuple[int, Initiative | Workshop]] = (),
        rebuilt: bool = False,
    ) -> None:
        """ONE transaction: replace the batch's catalogues, rewrite the ``refreshed`` ones and
        the stored ``records`` (document ordinal, raw record), and write the entities and
        clusters an added resolution changed (the others stay)."""
        for catalogue in [*(c for c, _ in batch), *refreshed]:
            check_catalogue(catalogue)
        with self._transaction(write=True) as cursor:
            edits = self._edit_map(cursor)
            for catalogue, report in batch:
                self._replace_catalogue(cursor, catalogue, report, edits)
            for catalogue in refreshed:
                self._replace_catalogue(cursor, catalogue, None, edits)
            for ordinal, raw in records:
                self._rewrite_record(cursor, ordinal, raw, edits.get(raw.id, []))
            write_delta(self, cursor, delta, rebuilt)
            self._bump(cursor)

    def raw_records(self, record_ids: Sequence[str]) -> list[tuple[int, Initiative | Workshop]]:
        """(document ordinal, record as ingested) of each initiative or workshop named."""
        with self._transaction(write=False) as cursor:
            found = [self._find_record(cursor, record_id) for record_id in record_ids]
            return [record for record in found if record is not None]

    def catalogue_ids(self) -> list[str]:
        return catalogue_ids(self)

    def raw_catalogues(self, catalogue_ids: Sequence[str]) -> list[Catalogue]:
        return raw_catalogues(self, catalogue_ids)

    def _replace_catalogue(
        self,
        cursor: Cursor,
        catalogue: Catalogue,
        report: QualityReport | None,
        edits: dict[str, list[Edit]] | None = None,
    ) -> None:
        edits = self._edit_map(cursor) if edits is None else edits
        for table in _CATALOGUE_TABLES:
            self._execute(cursor, f"DELETE FROM {table} WHERE catalogue_id = ?", [catalogue.id])
        self._execute(cursor, "DELETE FROM catalogues WHERE id = ?", [catalogue.id])

        def edited(raw: Initiative | Workshop) -> Initiative | Workshop:
            return _edited(raw, edits.get(raw.id, []))

        for table, found in rows.catalogue_tables(catalogue, edited).items():
            self._insert_many(cursor, table, found)
        if report is None:
            return  # a refresh of stored records: the ingest report stays the one of the ingest
        self._execute(
            cursor,
            "INSERT INTO ingest_reports"
            " (seq, document, catalogue_id, sha256, ingested_at, report)"
            " SELECT COALESCE(MAX(seq), 0) + 1, ?, ?, ?, ?, ? FROM ingest_reports",
            [
                report.document,
                catalogue.id,
                catalogue.sha256,
                self._clock().isoformat(),
                rows.dumps(report),
            ],
        )

    def _write_record(
        self, cursor: Cursor, ordinal: int, raw: Initiative | Workshop, edits: list[Edit]
    ) -> None:
        """Insert a record row and its involvements; the columns show the edited record."""
        for table, row in rows.record_rows(ordinal, raw, _edited(raw, edits)):
            self._insert(cursor, table, row)

    def replace_entities(self, organisations: list[Organisation], people: list[Person]) -> None:
        with self._transaction(write=True) as cursor:
            self._replace_entities(cursor, organisations, people)
            self._bump(cursor)

    def _replace_entities(
        self, cursor: Cursor, organisations: list[Organisation], people: list[Person]
    ) -> None:
        self._execute(cursor, "DELETE FROM organisations")
        self._execute(cursor, "DELETE FROM people")
        mark_stale(self, cursor)  # entities resolved another way: the next ingest rebuilds it
        self._insert_many(
            cursor,
            "organisations",
            [rows.organisation_row(n, o) for n, o in enumerate(organisations, start=1)],
        )
        self._insert_many(
            cursor, "people", [rows.person_row(n, p) for n, p in enumerate(people, start=1)]
        )

    def record_edit(
        self, record_id: str, field: str, value: object, note: str | None = None
    ) -> None:
        with self._transaction(write=True) as cursor:
            self._record_edit(cursor, record_id, field, value, note)
            self._bump(cursor)

    def _record_edit(
        self, cursor: Cursor, record_id: str, field: str, value: object, note: str | None
    ) -> Edit:
        """Store one edit inside the caller's write transaction; the stored edit comes back."""
        found = self._find_record(cursor, record_id)
        if found is None:
            raise StoreError(f"no initiative or workshop with id {record_id!r}")
        ordinal, raw = found
        stored = encode_value(type(raw), field, value)
        edit = Edit(record_id, field, stored, self._clock(), note)
        history = [*self._edit_map(cursor, record_id).get(record_id, []), edit]
        # Strict here, unlike reads: the new edit must land on the record as it is now.
        if not apply_edit(apply_edits(copy.deepcopy(raw), history[:-1]), edit):
            raise StoreError(f"field {field!r} cannot be set on {record_id}: a parent is empty")
        self._rewrite_record(cursor, ordinal, raw, history)
        self._insert_edit(cursor, edit)
        return edit

    def _rewrite_record(
        self, cursor: Cursor, ordinal: int, raw: Initiative | Workshop, edits: list[Edit]
    ) -> None:
        """Replace a stored record's row and its involvements' rows."""
        record_type = "initiative" if isinstance(raw, Initiative) else "workshop"
        self._execute(
            cursor,
            "DELETE FROM involvements WHERE record_type = ? AND record_id = ?",
            [record_type, raw.id],
        )
        self._execute(cursor, f"DELETE FROM {record_type}s WHERE id = ?", [raw.id])
        self._write_record(cursor, ordinal, raw, edits)

    def _insert_edit(self, cursor: Cursor, edit: Edit) -> None:
        self._execute(
            cursor,
            "INSERT INTO edits (seq, record_id, field, value, edited_at, note)"
            " SELECT COALESCE(MAX(seq), 0) + 1, ?, ?, ?, ?, ? FROM edits",
            [
                edit.record_id,
                edit.field,
                json.dumps(edit.value, ensure_ascii=False),
                edit.edited_at.isoformat(),
                edit.note,
            ],
        )

    @property
    def curation(self) -> CurationStore:
        """Accounts, tokens, the change log, suggestions and entity rules in this store."""
        from sse_atlas.store.curation import SQLCuration  # it builds on this class

        return SQLCuration(self)

    # -- reading --------------------------------------------------------------------------

    def _find_record(
        self, cursor: Cursor, record_id: str
    ) -> tuple[int, Initiative | Workshop] | None:
        """The document ordinal and raw (unedited) record with this id."""
        found = self._all(cursor, "SELECT ordinal, data FROM initiatives WHERE id = ?", [record_id])
        if found:
            return int(found[0][0]), rows.loads(Initiative, found[0][1])
        found = self._all(cursor, "SELECT ordinal, data FROM workshops WHERE id = ?", [record_id])
        if found:
            return int(found[0][0]), rows.loads(Workshop, found[0][1])
        return None

    def _edit_map(self, cursor: Cursor, record_id: str | None = None) -> dict[str, list[Edit]]:
        by_record: dict[str, list[Edit]] = {}
        for edit in self._edits(cursor, record_id):
            by_record.setdefault(edit.record_id, []).append(edit)
        return by_record

    def _edits(self, cursor: Cursor, record_id: str | None) -> list[Edit]:
        query = "SELECT record_id, field, value, edited_at, note FROM edits"
        params: list[Any] = []
        if record_id is not None:
            query += " WHERE record_id = ?"
            params.append(record_id)
        return [
            Edit(str(rid), str(field), json.loads(value), dt.datetime.fromisoformat(at), note)
            for rid, field, value, at, note in self._all(cursor, query + " ORDER BY seq", params)
        ]

    def _records(
        self,
        cursor: Cursor,
        tp: type[R],
        table: str,
        edits: dict[str, list[Edit]],
        *,
        where: str = "",
        params: Sequence[Any] = (),
    ) -> list[R]:
        order = f"catalogue_id{self._dialect.text_order}, ordinal"
        query = f"SELECT data FROM {table}{where} ORDER BY {order}"
        found = [rows.loads(tp, row[0]) for row in self._all(cursor, query, params)]
        return [apply_edits(record, edits.get(record.id, [])) for record in found]

    def _assemble(
        self, cursor: Cursor, catalogue: Catalogue, edits: dict[str, list[Edit]]
    ) -> Catalogue:
        """The catalogue row completed with its days, sessions, workshops and initiatives."""
        where, params = " WHERE catalogue_id = ?", [catalogue.id]
        ordered = " WHERE catalogue_id = ? ORDER BY ordinal"
        catalogue.days = [
            rows.loads(Day, row[0])
            for row in self._all(cursor, "SELECT data FROM days" + ordered, params)
        ]
        catalogue.sessions = [
            rows.loads(Session, row[0])
            for row in self._all(cursor, "SELECT data FROM sessions" + ordered, params)
        ]
        catalogue.workshops = self._records(
            cursor, Workshop, "workshops", edits, where=where, params=params
        )
        catalogue.initiatives = self._records(
            cursor, Initiative, "initiatives", edits, where=where, params=params
        )
        return catalogue

    def catalogues(self, *, with_edits: bool = True) -> list[Catalogue]:
        with self._transaction(write=False) as cursor:
            edits = self._edit_map(cursor) if with_edits else {}
            order = f"id{self._dialect.text_order}"
            found = self._all(cursor, f"SELECT data FROM catalogues ORDER BY {order}")
            return [self._assemble(cursor, rows.loads(Catalogue, row[0]), edits) for row in found]

    def catalogue(self, catalogue_id: str) -> Catalogue | None:
        with self._transaction(write=False) as cursor:
            found = self._all(cursor, "SELECT data FROM catalogues WHERE id = ?", [catalogue_id])
            if not found:
                return None
            return self._assemble(
                cursor, rows.loads(Catalogue, found[0][0]), self._edit_map(cursor)
            )

    def _filtered(self, tp: type[R], table: str, catalogue_id: str | None) -> list[R]:
        with self._transaction(write=False) as cursor:
            edits = self._edit_map(cursor)
            if catalogue_id is None:
                return self._records(cursor, tp, table, edits)
            return self._records(
                cursor, tp, table, edits, where=" WHERE catalogue_id = ?", params=[catalogue_id]
            )

    def _one(self, tp: type[R], table: str, record_id: str) -> R | None:
        with self._transaction(write=False) as cursor:
            found = self._records(
                cursor,
                tp,
                table,
                self._edit_map(cursor, record_id),
                where=" WHERE id = ?",
                params=[record_id],
            )
            return found[0] if found else None

    def initiatives(self, catalogue_id: str | None = None) -> list[Initiative]:
        return self._filtered(Initiative, "initiatives", catalogue_id)

    def initiative(self, initiative_id: str) -> Initiative | None:
        return self._one(Initiative, "initiatives", initiative_id)

    def workshops(self, catalogue_id: str | None = None) -> list[Workshop]:
        return self._filtered(Workshop, "workshops", catalogue_id)

    def workshop(self, workshop_id: str) -> Workshop | None:
        return self._one(Workshop, "workshops", workshop_id)

    def _entities(self, tp: type[E], table: str, entity_id: str | None = None) -> list[E]:
        """Organisations or people, with curators' edits applied (keyed by entity id)."""
        where, params = (" WHERE id = ?", [entity_id]) if entity_id else ("", [])
        with self._transaction(write=False) as cursor:
            edits = self._edit_map(cursor, entity_id)
            # by id: what a full resolution numbers them by, and an added one keeps
            query = f"SELECT id, data FROM {table}{where} ORDER BY id{self._dialect.text_order}"
            found = self._all(cursor, query, params)
            return [apply_edits(rows.loads(tp, data), edits.get(str(i), [])) for i, data in found]

    def organisations(self) -> list[Organisation]:
        return self._entities(Organisation, "organisations")

    def organisation(self, organisation_id: str) -> Organisation | None:
        found = self._entities(Organisation, "organisations", organisation_id)
        return found[0] if found else None

    def people(self) -> list[Person]:
        return self._entities(Person, "people")

    def person(self, person_id: str) -> Person | None:
        found = self._entities(Person, "people", person_id)
        return found[0] if found else None

    def reports(self, catalogue_id: str | None = None) -> list[QualityReport]:
        query = (
            "SELECT report FROM ingest_reports"
            " WHERE seq IN (SELECT MAX(seq) FROM ingest_reports GROUP BY document)"
        )
        params: list[Any] = []
        if catalogue_id is not None:
            query += " AND catalogue_id = ?"
            params.append(catalogue_id)
        with self._transaction(write=False) as cursor:
            found = self._all(cursor, query + " ORDER BY seq", params)
            return [rows.loads(QualityReport, row[0]) for row in found]

    def edits(self, record_id: str | None = None) -> list[Edit]:
        with self._transaction(write=False) as cursor:
            return self._edits(cursor, record_id)

    def counts(self) -> dict[str, int]:
        with self._transaction(write=False) as cursor:
            return {
                table: int(self._all(cursor, f"SELECT COUNT(*) FROM {table}")[0][0])
                for table in _COUNTED
            }

    # -- lifetime -------------------------------------------------------------------------

    def close(self) -> None:
        with self._lock:
            if not self._closed:
                self._closed = True
                self._connection.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()
