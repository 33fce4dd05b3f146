"""The one URL builder used by routes, page contexts and templates."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import Final
from urllib.parse import quote, quote_plus

ORGANISATION_PREFIX: Final = "organisation/"
PERSON_PREFIX: Final = "person/"


def _segment(text: str) -> str:
    return quote(text, safe="")


def _split(record_id: str) -> tuple[str, str]:
    catalogue, _, code = record_id.partition("/")
    return catalogue, code


def initiative(record_id: str) -> str:
    """``gsef2018-fr/4.2.1`` -> ``/initiatives/gsef2018-fr/4.2.1``."""
    catalogue, code = _split(record_id)
    return f"/initiatives/{_segment(catalogue)}/{_segment(code)}"


def workshop(record_id: str) -> str:
    catalogue, code = _split(record_id)
    return f"/workshops/{_segment(catalogue)}/{_segment(code)}"


def hit(record_id: str, kind: str) -> str:
    """The HTML page of a search hit (an initiative or a workshop)."""
    return workshop(record_id) if kind == "workshop" else initiative(record_id)


def organisation(organisation_id: str) -> str:
    """``organisation/groupe-terre`` -> ``/organisations/groupe-terre``."""
    return f"/organisations/{_segment(organisation_id.removeprefix(ORGANISATION_PREFIX))}"


def person(person_id: str) -> str:
    return f"/people/{_segment(person_id.removeprefix(PERSON_PREFIX))}"


def organisation_id(slug: str) -> str:
    """The organisation id a URL segment names (the prefix may be left out)."""
    return slug if slug.startswith(ORGANISATION_PREFIX) else ORGANISATION_PREFIX + slug


def person_id(slug: str) -> str:
    return slug if slug.startswith(PERSON_PREFIX) else PERSON_PREFIX + slug


def country(code: str) -> str:
    return f"/countries/{_segment(code.lower())}"


def programme(catalogue: str, anchor: str | None = None) -> str:
    base = f"/programme/{_segment(catalogue)}"
    return f"{base}#{anchor}" if anchor else base


def workshop_anchor(code: str) -> str:
    """The id of a workshop's block on the programme page."""
    return "w-" + code.replace(".", "-")


@lru_cache(maxsize=8192)
def _pair(key: str, value: str) -> str:
    # a search page builds a link for every facet value: each pair is encoded once
    return f"{quote_plus(key)}={quote_plus(value)}"


def with_query(path: str, params: Iterable[tuple[str, str]]) -> str:
    """``path`` with the query string of ``params`` (none: the bare path)."""
    query = "&".join(_pair(key, value) for key, value in params if value != "")
    return f"{path}?{query}" if query else path


def search_pairs(
    text: str = "", filters: Mapping[str, Iterable[str]] | None = None
) -> list[tuple[str, str]]:
    """The query-string pairs of a search: ``q`` then each facet value."""
    pairs: list[tuple[str, str]] = [("q", text)] if text else []
    for name, values in (filters or {}).items():
        pairs.extend((name, value) for value in values)
    return pairs


def search(
    text: str = "",
    filters: Mapping[str, Iterable[str]] | None = None,
    page: int = 1,
    path: str = "/",
    steering: Iterable[tuple[str, str]] = (),
) -> str:
    """The search page (or the map, or an export, with ``path``) for a query and filters;
    ``steering`` adds the sort and page size."""
    params = search_pairs(text, filters)
    params.extend(steering)
    if page > 1:
        params.append(("page", str(page)))
    return with_query(path, params)


def static(path: str, version: str) -> str:
    """A static file, with a hash of its content in the query: a changed file gets a new URL."""
    return f"/static/{path}?v={quote(version)}"


def workshop_calendar(record_id: str) -> str:
    catalogue, code = _split(record_id)
    return f"/calendar/workshops/{_segment(catalogue)}/{_segment(code)}.ics"


def person_calendar(person_id: str) -> str:
    return f"/calendar/people/{_segment(person_id.removeprefix(PERSON_PREFIX))}.ics"
