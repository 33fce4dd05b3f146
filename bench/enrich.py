"""Enrichment against a hand-made reference: places, entities and classification.

Run: ``python -m bench.enrich``. The references in ``bench/enrich_reference/`` were written by
reading the catalogue (and, for coordinates, from the places' known positions), not by running
the code. Places count as right within 30 km.
"""

from __future__ import annotations

import argparse
import copy
import json
import math
from pathlib import Path

from sse_atlas.enrich.pipeline import EnrichmentResult, run_enrichment
from sse_atlas.ingest.reader import read_document
from sse_atlas.kb import builtin_catalogue_path, shared_geocoder
from sse_atlas.model import Catalogue, Organisation, Person

REFERENCE = Path(__file__).parent / "enrich_reference"


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(h))


def places(catalogue: Catalogue) -> dict[str, float]:
    reference: dict[str, list[float]] = json.loads((REFERENCE / "places.json").read_text())
    located = {
        i.code: (i.place.latitude, i.place.longitude)
        for i in catalogue.initiatives
        if i.place.latitude is not None and i.place.longitude is not None
    }
    right = 0
    for code, (lat, lon) in reference.items():
        found = located.get(code)
        if found and found[0] is not None and found[1] is not None:
            right += _km(lat, lon, found[0], found[1]) <= 30.0
    judged = [code for code in located if code in reference]
    return {
        "reference places": len(reference),
        "precision": right / len(judged) if judged else 0.0,
        "recall": right / len(reference),
    }


def entities(result: EnrichmentResult) -> dict[str, float]:
    """Pairs of mentions: same entity (should share an id) and different (must not)."""
    reference = json.loads((REFERENCE / "entities.json").read_text())
    ids: dict[str, str] = {}
    named: list[Organisation | Person] = [*result.organisations, *result.people]
    for entity in named:
        for name in [entity.name, *entity.aliases]:
            ids[name] = entity.id
    same = [(a, b) for group in reference["same"] for a in group for b in group if a < b]
    apart = [tuple(pair) for pair in reference["different"]]
    missing = sorted({n for pair in [*same, *apart] for n in pair if n not in ids})
    merged_right = sum(1 for a, b in same if a in ids and ids[a] == ids.get(b))
    merged_wrong = sum(1 for a, b in apart if a in ids and ids[a] == ids.get(b))
    predicted = merged_right + merged_wrong
    if missing:
        print("names not found as entities:", "; ".join(missing))
    return {
        "same pairs": len(same),
        "different pairs": len(apart),
        "precision": merged_right / predicted if predicted else 1.0,
        "recall": merged_right / len(same) if same else 1.0,
        "wrong merges": merged_wrong,
    }


def main(argv: list[str] | None = None) -> None:
    argparse.ArgumentParser(description=__doc__).parse_args(argv)
    result = read_document(builtin_catalogue_path())
    assert result.parsed is not None
    catalogue = copy.deepcopy(result.parsed.catalogue)
    enriched = run_enrichment(
        [catalogue],
        ("entities", "links", "language", "places"),
        geocoder=shared_geocoder(),
    )
    for name, scores in (("places", places(catalogue)), ("entities", entities(enriched))):
        figures = ", ".join(
            f"{key} {value:.3f}" if isinstance(value, float) else f"{key} {value}"
            for key, value in scores.items()
        )
        print(f"{name}: {figures}")
    print("classification: python -m bench.enrich_classify")


if __name__ == "__main__":
    main()
