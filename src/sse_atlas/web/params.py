"""The search state carried in a URL's query string: text, facet filters, sort, page and size.

Whatever a query string holds gives a valid state for the pages: text is cleaned of control
characters and cut to a bounded length, unknown parameters and sorts are ignored, bad numbers
fall back to defaults (the JSON API refuses unknown parameters instead).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Final

from sse_atlas.search.results import FACETS, SearchQuery

MAX_TEXT: Final = 1000  # characters of query text passed on to the search
MAX_VALUES: Final = 50  # values a facet filter keeps
MAX_VALUE: Final = 200  # characters of one facet value
MAX_PAGE: Final = 1000
PAGE_SIZE: Final = 20
MAX_LIMIT: Final = 100
PAGE_SIZES: Final = (10, 20, 50, 100)  # what the page offers; any size up to MAX_LIMIT works
SORTS: Final = ("relevance", "code", "title", "country", "day")
_SPACES: Final = re.compile(r"\s+")


def clean_text(text: str) -> str:
    """Control and format characters become spaces; runs of spaces become one."""
    kept = "".join(
        " " if unicodedata.category(ch) in ("Cc", "Cs") or ch in "\u2028\u2029" else ch
        for ch in text
    )
    return _SPACES.sub(" ", kept).strip()


def _number(value: str | None, default: int, low: int, high: int) -> int:
    try:
        number = int(value) if value is not None else default
    except ValueError:
        return default
    return max(low, min(high, number))


@dataclass(frozen=True)
class SearchParams:
    text: str = ""
    filters: dict[str, tuple[str, ...]] = field(default_factory=dict)
    page: int = 1
    limit: int = PAGE_SIZE
    shortened: bool = False  # the text was cut to MAX_TEXT characters
    sort: str = "relevance"

    @classmethod
    def parse(cls, items: Iterable[tuple[str, str]]) -> SearchParams:
        """From query-string pairs (repeated keys give several values)."""
        pairs = list(items)
        first: dict[str, str] = {}
        values: dict[str, list[str]] = {}
        for key, value in pairs:
            first.setdefault(key, value)
            if key in FACETS:
                cleaned = clean_text(value)[:MAX_VALUE]
                chosen = values.setdefault(key, [])
                if cleaned and cleaned not in chosen and len(chosen) < MAX_VALUES:
                    chosen.append(cleaned)
        text = clean_text(first.get("q", ""))
        return cls(
            text=text[:MAX_TEXT],
            filters={name: tuple(values[name]) for name in FACETS if values.get(name)},
            page=_number(first.get("page"), 1, 1, MAX_PAGE),
            limit=_number(first.get("limit"), PAGE_SIZE, 1, MAX_LIMIT),
            shortened=len(text) > MAX_TEXT,
            sort=first.get("sort", "relevance") if first.get("sort") in SORTS else "relevance",
        )

    def steering(self) -> list[tuple[str, str]]:
        """The sort and page size as query-string pairs, when they are not the defaults."""
        pairs = [("sort", self.sort)] if self.sort != "relevance" else []
        return pairs + ([("limit", str(self.limit))] if self.limit != PAGE_SIZE else [])

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.limit

    def query(self, limit: int | None = None, offset: int | None = None) -> SearchQuery:
        return SearchQuery(
            text=self.text,
            filters=dict(self.filters),
            limit=self.limit if limit is None else limit,
            offset=self.offset if offset is None else offset,
        )

    def lists(self) -> dict[str, list[str]]:
        return {name: list(values) for name, values in self.filters.items()}

    def toggled(self, facet: str, value: str) -> dict[str, list[str]]:
        """The filters with ``value`` of ``facet`` added, or removed if it was there."""
        lists = self.lists()
        chosen = lists.setdefault(facet, [])
        if value in chosen:
            chosen.remove(value)
        else:
            chosen.append(value)
        return {name: values for name, values in lists.items() if values}
