"""Relevance of search on the judged queries, per language, beside a plain BM25 baseline.

Run: ``python -m bench.relevance [--db DB] [--json FILE] [--per-query]``.

The judged queries are ``bench/judgements/queries.jsonl``: one query a line with its language,
kind and grades (0-3) for the records of the seed catalogue; a record not listed was read and
judged 0. Reported per language and overall: nDCG@10 (gain 2^grade - 1), MRR (first record of
grade >= 1) and recall@20 (share of records of grade >= 1 in the first 20), for the baseline
(BM25 over lower-cased words of the same fields, k1 1.2, b 0.75, no stemming, folding or
lexicon, run in this process) and for lexical, semantic and hybrid search.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import tempfile
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from sse_atlas.kb import KnowledgeBase, builtin_catalogue_path
from sse_atlas.search import SearchEngine, SearchQuery, engine_for
from sse_atlas.search.documents import SearchDocument

JUDGEMENTS = Path(__file__).parent / "judgements" / "queries.jsonl"
SYSTEMS = ("bm25", "lexical", "semantic", "hybrid")
DEPTH = 20
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Judged:
    id: str
    text: str
    language: str
    kind: str
    grades: dict[str, int]


def load_judgements(path: Path = JUDGEMENTS) -> list[Judged]:
    found = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            item = json.loads(line)
            found.append(
                Judged(item["id"], item["text"], item["language"], item["kind"], item["judgements"])
            )
    return found


class BM25:
    """Textbook BM25 over lower-cased words of all fields concatenated: the baseline."""

    def __init__(self, documents: Sequence[SearchDocument], k1: float = 1.2, b: float = 0.75):
        self.ids = [d.id for d in documents]
        self.tf = [
            Counter(_WORD.findall(" ".join(t for _, t in d.fields).lower())) for d in documents
        ]
        self.lengths = [sum(c.values()) for c in self.tf]
        self.average = sum(self.lengths) / max(len(self.lengths), 1)
        df: Counter[str] = Counter()
        for counts in self.tf:
            df.update(counts.keys())
        n = len(documents)
        self.idf = {w: math.log(1 + (n - f + 0.5) / (f + 0.5)) for w, f in df.items()}
        self.k1, self.b = k1, b

    def search(self, text: str, limit: int = DEPTH) -> list[str]:
        words = _WORD.findall(text.lower())
        scored = []
        for row, counts in enumerate(self.tf):
            score = 0.0
            norm = self.k1 * (1 - self.b + self.b * self.lengths[row] / self.average)
            for word in words:
                tf = counts.get(word, 0)
                if tf:
                    score += self.idf[word] * tf * (self.k1 + 1) / (tf + norm)
            if score > 0:
                scored.append((-score, row))
        return [self.ids[row] for _, row in sorted(scored)[:limit]]


def ndcg(ranked: Sequence[str], grades: dict[str, int], k: int = 10) -> float:
    gain = sum((2 ** grades.get(d, 0) - 1) / math.log2(i + 2) for i, d in enumerate(ranked[:k]))
    ideal_grades = sorted(grades.values(), reverse=True)[:k]
    ideal = sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(ideal_grades))
    return gain / ideal if ideal else 0.0


def reciprocal_rank(ranked: Sequence[str], grades: dict[str, int]) -> float:
    for i, d in enumerate(ranked):
        if grades.get(d, 0) >= 1:
            return 1.0 / (i + 1)
    return 0.0


def recall(ranked: Sequence[str], grades: dict[str, int], k: int = DEPTH) -> float:
    relevant = {d for d, g in grades.items() if g >= 1}
    return len(relevant & set(ranked[:k])) / len(relevant) if relevant else 0.0


def runners(engine: SearchEngine) -> dict[str, Callable[[str], list[str]]]:
    baseline = BM25(engine.documents)

    def mode(name: str) -> Callable[[str], list[str]]:
        def run(text: str) -> list[str]:
            results = engine.search(SearchQuery(text=text, limit=DEPTH, mode=name))
            return [hit.id for hit in results.hits]

        return run

    return {"bm25": baseline.search, **{name: mode(name) for name in SYSTEMS[1:]}}


def evaluate(
    engine: SearchEngine, judged: Sequence[Judged]
) -> dict[str, dict[str, dict[str, float]]]:
    """system -> language ("all" too) -> metric -> mean value; also per query under "queries"."""
    runs = runners(engine)
    table: dict[str, dict[str, dict[str, float]]] = {}
    for system, run in runs.items():
        per_language: dict[str, list[tuple[float, float, float]]] = {}
        for query in judged:
            ranked = run(query.text)
            values = (
                ndcg(ranked, query.grades),
                reciprocal_rank(ranked, query.grades),
                recall(ranked, query.grades),
            )
            per_language.setdefault(query.language, []).append(values)
            per_language.setdefault("all", []).append(values)
            table.setdefault(f"{system}:queries", {})[query.id] = {"ndcg@10": values[0]}
        table[system] = {
            language: {
                "ndcg@10": sum(v[0] for v in rows) / len(rows),
                "mrr": sum(v[1] for v in rows) / len(rows),
                "recall@20": sum(v[2] for v in rows) / len(rows),
                "queries": float(len(rows)),
            }
            for language, rows in per_language.items()
        }
    return table


def format_table(table: dict[str, dict[str, dict[str, float]]]) -> str:
    languages = [lang for lang in table["bm25"] if lang != "all"] + ["all"]
    lines = [f"{'language':<9}{'n':>4}  " + "  ".join(f"{s:>22}" for s in SYSTEMS)]
    lines.append(f"{'':<13}  " + "  ".join(f"{'nDCG@10  MRR    R@20':>22}" for _ in SYSTEMS))
    for language in languages:
        cells = []
        for system in SYSTEMS:
            m = table[system][language]
            cells.append(f"{m['ndcg@10']:>8.3f}{m['mrr']:>7.3f}{m['recall@20']:>7.3f}")
        count = int(table["bm25"][language]["queries"])
        lines.append(f"{language:<9}{count:>4}  " + "  ".join(f"{c:>22}" for c in cells))
    base = table["bm25"]["all"]["ndcg@10"]
    hybrid = table["hybrid"]["all"]["ndcg@10"]
    lowest = min(table["hybrid"][lang]["ndcg@10"] for lang in languages)
    lines.append(
        f"hybrid / bm25 nDCG@10: {hybrid / base:.2f}x (target >= 1.35); "
        f"lowest language {lowest:.3f} (target >= 0.6)"
    )
    return "\n".join(lines)


def open_seed(db: Path | None) -> tuple[KnowledgeBase, tempfile.TemporaryDirectory[str] | None]:
    holder = None
    if db is None:
        holder = tempfile.TemporaryDirectory()
        db = Path(holder.name) / "atlas.sqlite3"
    kb = KnowledgeBase.open(db)
    if not kb.repository.counts().get("catalogues"):
        kb.ingest([builtin_catalogue_path()])
    return kb, holder


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", type=Path, help="seed knowledge base to reuse (vectors cached)")
    parser.add_argument("--json", type=Path, help="write every figure to this file")
    parser.add_argument("--per-query", action="store_true", help="nDCG@10 of each query")
    args = parser.parse_args(argv)
    kb, holder = open_seed(args.db)
    try:
        engine = engine_for(kb.repository)
        judged = load_judgements()
        table = evaluate(engine, judged)
    finally:
        kb.close()
        if holder is not None:
            holder.cleanup()
    print(format_table(table))
    if args.per_query:
        for query in judged:
            row = "  ".join(
                f"{s} {table[f'{s}:queries'][query.id]['ndcg@10']:.2f}" for s in SYSTEMS
            )
            print(f"{query.id:<6} {query.kind:<10} {row}  {query.text}")
    if args.json:
        args.json.write_text(json.dumps(table, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
