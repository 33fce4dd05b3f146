"""The ``KnowledgeBase`` facade: the one entry point the CLI, web app and exporters call."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Self, TypeVar

from sse_atlas import __version__
from sse_atlas.curation_log import is_change_log
from sse_atlas.enrich.geocode import shared_geocoder as shared_geocoder
from sse_atlas.enrich.incremental import NoIndex, apply_changed, resolve_added
from sse_atlas.enrich.pipeline import EnrichmentResult, run_enrichment
from sse_atlas.ingest.reader import ReadResult, read_document
from sse_atlas.model import (
    Catalogue,
    CountCheck,
    Dataset,
    Finding,
    Initiative,
    Organisation,
    Person,
    QualityReport,
    Severity,
    Workshop,
    WorkshopKind,
)
from sse_atlas.search import SearchHit, SearchQuery, SearchResults, engine_for
from sse_atlas.search.entities import entities_named
from sse_atlas.search.semantic import ENCODERS, embedder_named
from sse_atlas.search.service import ENCODER_SETTING
from sse_atlas.store import Repository, StoreError, corrupt_error, open_repository

if TYPE_CHECKING:
    from sse_atlas.curation import Curation

BUILTIN_CATALOGUE = "gsef2018-fr.txt"
ENV_DATABASE = "SSE_ATLAS_DB"
# The enrichment steps every ingest runs, in order (see sse_atlas.enrich.pipeline).
ENRICHMENT_STEPS = ("entities", "links", "language", "places", "classification")
# The settings a knowledge base keeps in its store, with their values (the first is the default).
SETTINGS: dict[str, tuple[str, ...]] = {ENCODER_SETTING: ENCODERS}
T = TypeVar("T")


def builtin_catalogue_path() -> Path:
    """The GSEF 2018 catalogue shipped inside the package."""
    return Path(str(resources.files("sse_atlas") / "data" / BUILTIN_CATALOGUE))


def default_database_path() -> Path:
    """Where the built-in knowledge base lives: the user's data directory, one file per version."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "sse-atlas" / f"atlas-{__version__}.sqlite3"


@dataclass
class IngestOutcome:
    """What one ingested document added to the knowledge base."""

    path: Path
    catalogues: list[str]
    initiatives: int
    workshops: int
    report: QualityReport | None = None


@dataclass
class Stats:
    """Counts across the knowledge base, and what each catalogue states about itself."""

    counts: dict[str, int]
    initiatives_by_country: dict[str, int]
    initiatives_by_day: dict[str, int]
    coordinated_workshops: int
    stated: dict[str, list[CountCheck]] = field(default_factory=dict)


class KnowledgeBase:
    """Catalogues, workshops, initiatives, organisations and people behind one repository."""

    def __init__(self, repository: Repository, location: str) -> None:
        self.repository = repository
        self.location = location

    @classmethod
    def open(cls, target: str | Path | None = None) -> KnowledgeBase:
        """``target``, else ``$SSE_ATLAS_DB``, else the built-in knowledge base (built if new)."""
        chosen = target if target is not None else os.environ.get(ENV_DATABASE) or None
        if chosen is not None:
            return cls(open_repository(chosen), str(chosen))
        path = default_database_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        kb = cls(open_repository(path), str(path))
        if not kb.repository.counts().get("catalogues"):
            kb.ingest([builtin_catalogue_path()])
        return kb

    def close(self) -> None:
        self.repository.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    # -- reading documents -------------------------------------------------------------------

    @staticmethod
    def check_document(path: Path) -> ReadResult:
        """Parse a document and report on it; no knowledge base is touched."""
        return read_document(path)

    def ingest(
        self,
        paths: Sequence[Path],
        progress: Callable[[IngestOutcome], None] | None = None,
        *,
        index: bool = True,
    ) -> list[IngestOutcome]:
        """Read every document first (bad input stops everything), then store them all in one
        transaction, replacing what an earlier ingest of the same catalogues stored.

        The new catalogues are enriched alone; their entities are resolved against the clusters
        earlier ingests stored (:mod:`sse_atlas.enrich.incremental`), and the new catalogues,
        any stored one whose ids changed and the entities that changed are written inside one
        write transaction, so a concurrent writer waits instead of being overwritten.
        ``index=False`` leaves the search index to the next search (a bulk load's last call).
        A change log (``export --format changes``) is replayed after the documents.
        """
        logs = [path for path in paths if is_change_log(path)]
        if logs:
            documents = [path for path in paths if path not in logs]
            done = self.ingest(documents, progress, index=index) if documents else []
            replayed = [IngestOutcome(p, [], self.curation.replay(p), 0) for p in logs]
            return [*done, *replayed]
        results = [read_document(path) for path in paths]
        batches = [_catalogues_of(result) for result in results]
        incoming = [catalogue for batch in batches for catalogue, _ in batch]
        self._store_added(incoming, [pair for batch in batches for pair in batch])
        if index:
            # vectors are computed (and cached by model and text) at ingest, not at first search
            engine_for(self.repository)
        outcomes = [
            IngestOutcome(
                path=result.path,
                catalogues=[c.id for c, _ in batch],
                initiatives=sum(len(c.initiatives) for c, _ in batch),
                workshops=sum(len(c.workshops) for c, _ in batch),
                report=result.parsed.report if result.parsed else None,
            )
            for result, batch in zip(results, batches, strict=True)
        ]
        if progress is not None:
            for outcome in outcomes:
                progress(outcome)
        return outcomes

    def _store_added(
        self, incoming: list[Catalogue], batch: list[tuple[Catalogue, QualityReport]]
    ) -> None:
        # the steps but entities read one catalogue at a time: they run before the write lock
        run_enrichment(incoming, ENRICHMENT_STEPS[1:], geocoder=shared_geocoder())
        replaced = {catalogue.id for catalogue in incoming}
        with self.repository.write_transaction() as store:
            rules = [rule.as_rule() for rule in store.curation.rules()]  # merges and splits
            entity_index = store.entity_index()
            if entity_index.ready():
                resolution = resolve_added(entity_index, incoming, rules)
                # only the stored records whose ids changed are read and written again
                records = store.raw_records(sorted(resolution.touched))
                for _, record in records:
                    apply_changed(record, resolution.changed)
                store.ingest_added(batch, resolution.delta, records=records)
                return
            # first ingest into this store (or after a full resolution): every catalogue once
            refreshed = [c for c in store.catalogues(with_edits=False) if c.id not in replaced]
            resolution = resolve_added(NoIndex(), [*refreshed, *incoming], rules)
            store.ingest_added(batch, resolution.delta, refreshed=refreshed, rebuilt=True)

    def _enrich(self, catalogues: list[Catalogue]) -> EnrichmentResult:
        rules = [rule.as_rule() for rule in self.repository.curation.rules()]
        return run_enrichment(catalogues, ENRICHMENT_STEPS, geocoder=shared_geocoder(), rules=rules)

    def enrich(self) -> EnrichmentResult:
        """Run the enrichment steps again on every stored record; report what changed and why.

        Read, enrichment and write are one write transaction, as in :meth:`ingest`."""
        shared_geocoder()
        with self.repository.write_transaction() as store:
            catalogues = store.catalogues(with_edits=False)
            result = self._enrich(catalogues)
            store.ingest([], result.organisations, result.people, refreshed=catalogues)
        engine_for(self.repository)
        return result

    def settings(self) -> dict[str, str]:
        """Every setting of this knowledge base, with its default where it was never set."""
        return {key: self.repository.setting(key) or values[0] for key, values in SETTINGS.items()}

    def set_setting(self, key: str, value: str, *, encode: bool = True) -> None:
        """Change a setting; for the encoder, every record is encoded again now unless
        ``encode`` is False (an ingest that follows does it). ValueError for an unknown key or
        value, or an encoder whose optional package is missing."""
        values = SETTINGS.get(key)
        if values is None:
            raise ValueError(f"unknown setting {key!r}: expected one of {', '.join(SETTINGS)}")
        if value not in values:
            raise ValueError(f"{key}: unknown value {value!r}: expected one of {', '.join(values)}")
        if key == ENCODER_SETTING:
            try:
                embedder_named(value)
            except RuntimeError as error:
                raise ValueError(f"{key} {value}: {error}") from error
        if self.repository.setting(key) == value:
            return
        self.repository.set_setting(key, value)
        if encode:  # the vectors of the new encoder now, not at the first search
            engine_for(self.repository)

    def verify_store(self) -> None:
        """Raise StoreError naming the store if its quick integrity check finds damage; run
        before writing, so nothing is written on top of a damaged store."""
        problems = self.repository.check()
        if problems:
            more = f" and {len(problems) - 1} more" if len(problems) > 1 else ""
            raise corrupt_error(self.repository.label, f"{problems[0]}{more}")

    # -- records -----------------------------------------------------------------------------

    def catalogues(self) -> list[Catalogue]:
        return self.repository.catalogues()

    def catalogue(self, catalogue_id: str) -> Catalogue | None:
        return self.repository.catalogue(catalogue_id)

    def initiatives(self, catalogue_id: str | None = None) -> list[Initiative]:
        return self.repository.initiatives(catalogue_id)

    def initiative(self, initiative_id: str) -> Initiative | None:
        return self.repository.initiative(initiative_id)

    def workshops(self, catalogue_id: str | None = None) -> list[Workshop]:
        return self.repository.workshops(catalogue_id)

    def workshop(self, workshop_id: str) -> Workshop | None:
        return self.repository.workshop(workshop_id)

    def organisations(self) -> list[Organisation]:
        return self.repository.organisations()

    def organisation(self, organisation_id: str) -> Organisation | None:
        return self.repository.organisation(organisation_id)

    def people(self) -> list[Person]:
        return self.repository.people()

    def person(self, person_id: str) -> Person | None:
        return self.repository.person(person_id)

    def reports(self, catalogue_id: str | None = None) -> list[QualityReport]:
        return self.repository.reports(catalogue_id)

    def dataset(self) -> Dataset:
        """Everything, as one dataset (catalogues carry their workshops and initiatives)."""
        return Dataset(
            catalogues=self.catalogues(),
            organisations=self.organisations(),
            people=self.people(),
        )

    def edit(self, record_id: str, field_name: str, value: object, note: str | None = None) -> None:
        """Correct one field of an initiative or workshop; the edit survives re-ingest.

        The record is read, checked and rewritten inside one write transaction."""
        self.repository.record_edit(record_id, field_name, value, note)

    @property
    def curation(self) -> Curation:
        """Accounts, the change log, suggestions and entity rules, with their rules."""
        from sse_atlas.curation import Curation  # it builds on this class

        return Curation(self)

    def stats(self) -> Stats:
        initiatives = self.initiatives()
        by_country = Counter(i.place.country_code or "unknown" for i in initiatives)
        by_day = Counter(i.date.isoformat() if i.date else "unknown" for i in initiatives)
        workshops = self.workshops()
        return Stats(
            counts=self.repository.counts(),
            initiatives_by_country=dict(by_country.most_common()),
            initiatives_by_day=dict(sorted(by_day.items())),
            coordinated_workshops=sum(1 for w in workshops if w.kind is WorkshopKind.COORDINATED),
            stated={r.catalogue or r.document: r.counts for r in self.reports()},
        )

    # -- search (the work is done in sse_atlas.search) ----------------------------------------

    def search(self, query: SearchQuery) -> SearchResults:
        """Initiatives and coordinated workshops matching a text and facet filters, and the
        organisations and people the text names (``query.types`` chooses among them)."""
        engine = engine_for(self.repository)
        results = engine.search(query)
        entities = entities_named(self.repository, engine.stamp, results.interpreted, query.types)
        if "initiative" not in query.types:
            results = replace(results, hits=[], total=0)
        return replace(results, entities=entities) if entities else results

    def similar(self, record_id: str, limit: int = 10) -> list[SearchHit]:
        """Initiatives and workshops most like ``record_id``, in any catalogue or language."""
        return engine_for(self.repository).similar(record_id, limit)

    # -- consistent reads (the web app's per-generation view) ---------------------------------

    def read_at_one_generation(
        self, read: Callable[[KnowledgeBase], T], attempts: int = 20
    ) -> tuple[int, T]:
        """``read(self)`` and the store generation it saw, with no write landing in between.

        Each read of the store is its own transaction; the generation is read before and after,
        and ``read`` runs again while a writer moved it (writers bump it in their transaction).
        """
        for _ in range(attempts):
            before = self.repository.generation()
            value = read(self)
            if self.repository.generation() == before:
                return before, value
        raise StoreError(f"{self.location}: the store changed during {attempts} reads in a row")


def _catalogues_of(result: ReadResult) -> list[tuple[Catalogue, QualityReport]]:
    if result.parsed is not None:
        return [(result.parsed.catalogue, result.parsed.report)]
    assert result.dataset is not None
    return [(c, _imported_report(result, c)) for c in result.dataset.catalogues]


def _imported_report(result: ReadResult, catalogue: Catalogue) -> QualityReport:
    finding = Finding(
        kind="imported",
        message=f"imported from the interchange export {result.path.name}",
        severity=Severity.INFO,
    )
    return QualityReport(document=result.path.name, catalogue=catalogue.id, findings=[finding])


def open_knowledge_base(target: str | Path | None = None) -> KnowledgeBase:
    """Shorthand for :meth:`KnowledgeBase.open`."""
    return KnowledgeBase.open(target)
