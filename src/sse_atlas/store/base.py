"""The repository interface every storage backend implements, and its error and edit types."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from types import TracebackType
from typing import TYPE_CHECKING, Protocol, Self, TypeGuard

from sse_atlas.model import (
    Catalogue,
    Initiative,
    Organisation,
    Person,
    QualityReport,
    Workshop,
)

if TYPE_CHECKING:
    from sse_atlas.enrich.incremental import EntityDelta
    from sse_atlas.store.curation_types import CurationStore
    from sse_atlas.store.entity_index import SQLEntityIndex


class StoreError(Exception):
    """A storage problem callers can report as is: bad target, schema, record, edit or write."""


POSTGRES_SCHEMES = ("postgresql://", "postgres://")


def is_postgres_url(target: object) -> TypeGuard[str]:
    """Whether a store target names a PostgreSQL database rather than a SQLite file."""
    return isinstance(target, str) and target.startswith(POSTGRES_SCHEMES)


def corrupt_error(store: str, detail: str) -> StoreError:
    """The one message for a damaged store, whichever check or read found the damage."""
    return StoreError(f"{store}: the database is corrupt ({detail}); restore a backup")


@dataclass(frozen=True)
class Edit:
    """A curator's correction of one field of an initiative or workshop.

    ``field`` is a dataclass field name, or a dotted path into nested dataclasses
    (``place.city``). ``value`` is kept in its JSON form (``codec.to_value``: dates as ISO
    strings, dataclasses as dicts), as it is stored.
    """

    record_id: str
    field: str
    value: object
    edited_at: dt.datetime
    note: str | None = None


class Repository(Protocol):
    """Persistence of catalogues, entities, ingest reports and edits.

    Records come back with the stored edits applied on top, initiatives and workshops in
    document order (catalogues by id). Errors of the store itself (locked, damaged, unreadable)
    name it by ``label``.
    """

    label: str
    """The store as messages name it: a file path, or a URL without its password."""

    def write_transaction(self) -> AbstractContextManager[Self]:
        """One read-modify-write unit: every call made on the repository inside the ``with``
        block, reads and writes, is one transaction holding the store's write lock, committed
        when the block ends and rolled back if it raises.

        Another writer, in this process or another, waits for the lock at most the lock
        timeout, then fails with StoreError; it never overwrites what this unit wrote.
        """
        ...

    def check(self, *, thorough: bool = False) -> list[str]:
        """The problems an integrity check of the store finds; empty when it is sound.

        The quick check is cheap enough to run before every write; ``thorough`` checks more.
        """
        ...

    def replace_catalogue(self, catalogue: Catalogue, report: QualityReport) -> None:
        """Replace every row of ``catalogue.id`` and store ``report``, in one transaction."""
        ...

    def ingest(
        self,
        batch: Sequence[tuple[Catalogue, QualityReport]],
        organisations: list[Organisation],
        people: list[Person],
        refreshed: Sequence[Catalogue] = (),
    ) -> None:
        """ONE transaction: replace the batch's catalogues (each with its ingest report), rewrite
        the ``refreshed`` ones (stored catalogues enriched again, no new report), then replace
        all entities."""
        ...

    def entity_index(self) -> SQLEntityIndex:
        """What earlier entity resolutions left, for resolving an added catalogue alone."""
        ...

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
        the stored ``records`` (document ordinal, raw record) whose ids changed, and write only
        the entities and clusters ``delta`` changed."""
        ...

    def raw_records(self, record_ids: Sequence[str]) -> list[tuple[int, Initiative | Workshop]]:
        """(document ordinal, record as ingested) of each initiative or workshop named."""
        ...

    def catalogue_ids(self) -> list[str]:
        """The stored catalogues' ids, without reading their records."""
        ...

    def raw_catalogues(self, catalogue_ids: Sequence[str]) -> list[Catalogue]:
        """The catalogues named, as ingested (no edits)."""
        ...

    def replace_entities(self, organisations: list[Organisation], people: list[Person]) -> None:
        """Replace all organisations and people, in one transaction."""
        ...

    def catalogues(self, *, with_edits: bool = True) -> list[Catalogue]:
        """Every catalogue; ``with_edits=False`` gives the records as ingested."""
        ...

    def catalogue(self, catalogue_id: str) -> Catalogue | None: ...

    def initiatives(self, catalogue_id: str | None = None) -> list[Initiative]: ...

    def initiative(self, initiative_id: str) -> Initiative | None: ...

    def workshops(self, catalogue_id: str | None = None) -> list[Workshop]: ...

    def workshop(self, workshop_id: str) -> Workshop | None: ...

    def organisations(self) -> list[Organisation]: ...

    def organisation(self, organisation_id: str) -> Organisation | None: ...

    def people(self) -> list[Person]: ...

    def person(self, person_id: str) -> Person | None: ...

    def reports(self, catalogue_id: str | None = None) -> list[QualityReport]:
        """The latest report of each document, oldest document first."""
        ...

    def record_edit(
        self, record_id: str, field: str, value: object, note: str | None = None
    ) -> None:
        """Store a correction; raises StoreError for an unknown record, field or bad value."""
        ...

    def edits(self, record_id: str | None = None) -> list[Edit]:
        """Stored edits in the order they were made."""
        ...

    def counts(self) -> dict[str, int]: ...

    @property
    def curation(self) -> CurationStore:
        """Accounts, tokens, the change log, suggestions and entity rules (one write each)."""
        ...

    def generation(self) -> int:
        """A number that grows with every write, for caches built from the records."""
        ...

    def setting(self, key: str) -> str | None:
        """The value of one setting of this store (None when never set)."""
        ...

    def set_setting(self, key: str, value: str) -> None:
        """Store a setting (a write: caches built from the store are rebuilt)."""
        ...

    def close(self) -> None: ...

    def __enter__(self) -> Self: ...

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None: ...
