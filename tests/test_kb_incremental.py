from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from bench.scale import perturbed

from sse_atlas.ingest.catalogue import ParseResult
from sse_atlas.kb import KnowledgeBase
from sse_atlas.model import Catalogue, Dataset, Initiative, Involvement
from sse_atlas.model.interchange import dataset_to_document
from tests.conftest import SEED


def _file(folder: Path, *catalogues: Catalogue) -> Path:
    path = folder / f"{catalogues[0].id}.json"
    document = dataset_to_document(Dataset(catalogues=list(catalogues)))
    path.write_text(json.dumps(document, ensure_ascii=False), "utf-8")
    return path


def _catalogue(name: str, organisation: str, person: str) -> Catalogue:
    initiative = Initiative(
        code="1.1.1",
        title=f"Initiative {name}",
        catalogue=name,
        organisation=organisation,
        description="Une coopérative de logement.",
        presenters=[Involvement(name=person)],
    )
    return Catalogue(id=name, language="fr", initiatives=[initiative])


def _row_ids(database: Path, catalogue: str) -> list[int]:
    with sqlite3.connect(database) as connection:
        query = "SELECT rowid FROM initiatives WHERE catalogue_id = ? ORDER BY rowid"
        return [row[0] for row in connection.execute(query, [catalogue])]


def test_kb_incremental_ingest_leaves_what_a_full_enrichment_would(
    fresh_kb: KnowledgeBase, seed: ParseResult, tmp_path: Path
) -> None:
    fresh_kb.ingest([SEED])
    fresh_kb.ingest([_file(tmp_path, perturbed(seed.catalogue, 1))])
    before = fresh_kb.dataset()
    result = fresh_kb.enrich()
    assert ({r.name: r.changed for r in result.reports}, fresh_kb.dataset()) == (
        {"entities": 0, "links": 0, "language": 0, "places": 0, "classification": 0},
        before,
    )


def test_kb_incremental_ingest_writes_only_the_catalogues_it_touches(
    fresh_kb: KnowledgeBase, tmp_path: Path
) -> None:
    database = Path(fresh_kb.location)
    fresh_kb.ingest([_file(tmp_path, _catalogue("a", "Réseau Alpha", "Marie Dupont"))])
    fresh_kb.ingest([_file(tmp_path, _catalogue("b", "Réseau Beta", "Jean Martin"))])
    rows = (_row_ids(database, "a"), _row_ids(database, "b"))
    fresh_kb.ingest([_file(tmp_path, _catalogue("c", "Réseau Alpha", "Marie Dupont"))])
    organisation = fresh_kb.organisation("organisation/reseau-alpha")
    assert (
        (_row_ids(database, "a"), _row_ids(database, "b")),
        organisation is not None and organisation.initiatives,
    ) == (rows, ["a/1.1.1", "c/1.1.1"])
