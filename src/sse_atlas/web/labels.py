"""Labels of codes (countries, themes, SDGs, organisation types, continents) in the interface
language; the codes themselves come from the knowledge base."""

from __future__ import annotations

import datetime as dt
from typing import Final

from babel.dates import format_date

from sse_atlas.enrich import vocabularies
from sse_atlas.ingest.countries import country_name

# schemes an organisation type may come from, in the order they are tried
_ORGANISATION_SCHEMES: Final = (vocabularies.ORGANISATION_TYPES, vocabularies.STRUCTURES)

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
