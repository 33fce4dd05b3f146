"""Search results as JSON-ready values and as text, and batch query files (for the CLI)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

from sse_atlas.ingest.limits import MAX_TEXT_BYTES
from sse_atlas.ingest.lines import DocumentError, decode_lines, read_regular
from sse_atlas.model.interchange import InterchangeError
from sse_atlas.model.validate import check_depth
from sse_atlas.search.results import SearchHit, SearchResults
from sse_atlas.search.understand import Interpretation


def hit_to_dict(hit: SearchHit) -> dict[str, Any]:
    return asdict(hit)


def interpretation_to_dict(interpretation: Interpretation) -> dict[str, Any]:
    """``{"kind", "values", "label", "span", "filter", "facet"}``."""
    return asdict(interpretation)


def describe(interpretations: Sequence[Interpretation]) -> str:
    """ "in Brazil · about housing · for women": how the query was read, in a few words."""
    parts = []
    for interpretation in interpretations:
        prefix = _PREFIXES.get(interpretation.kind, "")
        how = "" if interpretation.filter else " (ranked first)"
        parts.append(f"{prefix}{interpretation.label}{how}")
    return " · ".join(parts)


_PLURALS = {"country": "countries", "theme": "themes"}
# how each kind reads after "Showing initiatives"
_PREFIXES = {
    "place": "in ",
    "day": "on ",
    "session": "in ",
    "organisation_type": "by ",
    "group": "for ",
    "theme": "about ",
    "sdg": "towards ",
    "entity": "naming ",
}


def results_to_dict(results: SearchResults, facets: bool = True) -> dict[str, Any]:
    """``{"query", "mode", "language", "weak", "interpreted", "suggestion", "spelling", "total",
    "entities", "hits", "closest", "facets"}``; facets hold only values with a count or a
    selection."""
    value: dict[str, Any] = {
        "query": results.query.text,
        "mode": results.query.mode,
        "filters": {k: list(v) for k, v in results.query.filters.items()},
        "literal": list(results.query.literal),
        "language": results.language,
        "weak": results.weak,
        "interpreted": [interpretation_to_dict(i) for i in results.interpreted],
        "suggestion": results.suggestion,
        "spelling": results.spelling,
        "total": results.total,
        "entities": [asdict(entity) for entity in results.entities],
        "hits": [hit_to_dict(hit) for hit in results.hits],
        "closest": {k: [asdict(v) for v in values] for k, values in results.closest.items()},
    }
    if facets:
        value["facets"] = {
            name: [asdict(v) for v in values] for name, values in results.facets.items()
        }
    return value


def read_batch(path: Path) -> list[tuple[str, str]]:
    """``(id, text)`` of every line of a JSONL file of ``{"id", "text"}`` objects.

    Every line is read before any search runs, so a bad line stops the batch before it starts;
    the error names the file and line.
    """
    queries: list[tuple[str, str]] = []
    data = read_regular(path, MAX_TEXT_BYTES)  # a FIFO or a device is refused, not waited on
    if not data.strip():
        return queries
    for number, line in enumerate(decode_lines(data, str(path)), start=1):
        if not line.text.strip():
            continue
        try:
            check_depth(line.text.encode("utf-8"))
            item = json.loads(line.text)
        except InterchangeError as error:
            raise DocumentError(path, error.message, number) from None
        except json.JSONDecodeError as error:
            raise DocumentError(path, f"not JSON: {error.msg}", number) from error
        if not isinstance(item, dict) or not isinstance(item.get("text"), str):
            raise DocumentError(path, 'expected an object with a "text" string', number)
        queries.append((str(item.get("id", number)), item["text"]))
    return queries


def format_results(results: SearchResults) -> str:
    """Results for a terminal: a heading, then each hit with its snippet."""
    query = results.query
    noun = "result" if results.total == 1 else "results"
    heading = (
        f"{results.total} {noun} for {query.text!r}" if query.text else f"{results.total} {noun}"
    )
    if results.language:
        heading += f" (read as {results.language})"
    lines = [heading]
    if results.interpreted:
        lines.append(f"Showing initiatives {describe(results.interpreted)}")
        kinds = ",".join(dict.fromkeys(i.kind for i in results.interpreted))
        lines.append(f"  (to search the words alone: --literal {kinds})")
    if results.suggestion:
        lines.append(f"Searched for: {results.suggestion}")
    if results.weak and results.hits:
        lines.append("Nothing matches this query well; the closest records are shown.")
    elif results.weak or not results.total:
        lines.append("Nothing matches this query.")
    if results.spelling:
        lines.append(f"Did you mean: {results.spelling}")
    for facet, values in results.closest.items():
        offered = ", ".join(f"{v.label} ({v.count})" for v in values)
        lines.append(f"Closest {_PLURALS[facet]}: {offered}  (--filter {facet}=...)")
    for entity in results.entities:
        count = len(entity.initiatives) + len(entity.workshops)
        lines.append(f"  {entity.kind}: {entity.name} ({entity.id}), {count} records")
        for record in (*entity.initiatives, *entity.workshops)[:10]:
            lines.append(f"     - {record}")
    for rank, hit in enumerate(results.hits, start=query.offset + 1):
        where = ", ".join(p for p in (hit.organisation, hit.city, hit.country_code) if p)
        lines.append(f"{rank:>3}. {hit.id}  {hit.title}")
        if where:
            lines.append(f"     {where}")
        lines.append(f"     {hit.snippet[:300]}")
    return "\n".join(lines)
