"""Labels of codes (countries, themes, SDGs, organisation types, continents) in the interface
language; the codes themselves come from the knowledge base."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Final

from babel.dates import format_date

from sse_atlas.enrich import vocabularies
from sse_atlas.ingest.countries import country_name
from sse_atlas.model import Catalogue

# schemes an organisation type may come from, in the order they are tried
_ORGANISATION_SCHEMES: Final = (
    vocabularies.ORGANISATION_TYPES,
    vocabularies.STRUCTURES,
    vocabularies.LEGAL_FORMS,
)

FACET_SCHEMES: Final = {
    "theme": (vocabularies.THEMES,),
    "sdg": (vocabularies.SDGS,),
    "sector": (vocabularies.SECTORS,),
    "group": (vocabularies.GROUPS,),
    "organisation_type": _ORGANISATION_SCHEMES,
}


def concept_label(schemes: tuple[str, ...], code: str, language: str) -> str:
    """The label of ``code`` in the first scheme that has it; the code itself otherwise."""
    for name in schemes:
        try:
            return vocabularies.concept(name, code).label(language)
        except KeyError:
            continue
    return code


def theme(code: str, language: str) -> str:
    return concept_label((vocabularies.THEMES,), code, language)


def sdg(number: int | str, language: str) -> str:
    return concept_label((vocabularies.SDGS,), str(number), language)


def organisation_type(code: str, language: str) -> str:
    return concept_label(_ORGANISATION_SCHEMES, code, language)


def country(code: str | None, language: str) -> str | None:
    """The country's name in ``language`` (``ES`` -> ``Espagne``), or None if not a country."""
    if not code:
        return None
    try:
        return country_name(code, language)
    except ValueError:
        return country_name(code, "en")


def day(date: dt.date | None, language: str) -> str | None:
    """A day as the interface language writes it (``lundi 1 octobre 2018``)."""
    return format_date(date, format="full", locale=language) if date else None


def facet_value(facet: str, value: str, fallback: str, language: str) -> str:
    """A facet value's label in the interface language, else the label the search gave."""
    if facet == "country":
        return country(value, language) or fallback
    if facet == "day":
        try:
            return day(dt.date.fromisoformat(value), language) or fallback
        except ValueError:
            return fallback
    schemes = FACET_SCHEMES.get(facet)
    if schemes:
        label = concept_label(schemes, value, language)
        if facet == "sdg" and label != value:
            return f"{value}. {label}"
        return label if label != value else fallback
    return fallback


# Data-quality findings in words: each value is a msgid the interface language translates.
FINDING_KINDS: Final = {
    "back-matter": "Text after the entries",
    "broken-url": "A link that cannot work",
    "count-mismatch": "A count that differs from the one stated",
    "duplicate": "A record given twice",
    "duplicate-code": "A code used twice",
    "imported": "Read from an export",
    "inferred-day": "A day deduced, not stated",
    "irregular-line": "A line read with difficulty",
    "missing-field": "Missing information",
    "unknown-country": "A country not recognised",
}
FINDING_FIELDS: Final = {
    "coordinator": "coordinator",
    "country": "country",
    "description": "description",
    "heading": "heading",
    "location": "place",
    "organisation": "organisation",
    "panel": "panel",
    "presenter": "presenter",
    "url": "web address",
    "urls": "web addresses",
}
SEVERITIES: Final = {"error": "Error", "warning": "Warning", "info": "Note"}


def in_words(table: dict[str, str], code: str | None, gettext: Callable[[str], str]) -> str | None:
    """The translated words for ``code``; a code no table knows is shown as it is."""
    if code is None:
        return None
    words = table.get(code)
    return gettext(words) if words else code.replace("-", " ").replace("_", " ")


def catalogue_name(catalogue: Catalogue) -> str:
    """A catalogue's short human name: its forum's initials, edition and city
    ("GSEF 2018 · Bilbao"), else its title, else its id."""
    if not catalogue.forum:
        return catalogue.title or catalogue.id
    words = catalogue.forum.split()
    initials = "".join(word[0] for word in words if word[:1].isupper())
    forum = initials if len(initials) >= 2 else catalogue.forum
    edition = str(catalogue.edition) if catalogue.edition else None
    head = " ".join(part for part in (forum, edition) if part)
    return f"{head} · {catalogue.city}" if catalogue.city else head
