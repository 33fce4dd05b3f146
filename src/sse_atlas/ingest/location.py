"""The organisation-and-place line under an initiative's title.

Shapes seen in catalogues: ``Org. City, Country``, ``Org. City, Region, Country``,
``Org. Country``, ``Org. Region, Country``, ``Org.`` alone, ``Org, City, Region, Country``,
``Org. City Country``, ``Org. City. Country``, two organisations (``Commune de District d'Ate.
Lima et FEMLUP. Pérou``), ``(PA)``-style regions and compound cities (``Lima - Huamanga``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sse_atlas.ingest import patterns as p
from sse_atlas.ingest.countries import match_country, split_trailing_country
from sse_atlas.model import Place

# Regions printed without a city; anything else alone in the place slot is read as a city.
REGIONS = frozenset(
    p.fold(name.strip())
    for name in """
    Pays Basque|País Vasco|Euskadi|Basque Country|Catalogne|Cataluña|Catalunya|Catalonia|
    Bretagne|Brittany|Navarre|Navarra|Andalousie|Andalucía|Galice|Galicia|Aragon|Aragón|
    Occitanie|Nouvelle-Aquitaine|Île-de-France|Ile-de-France|Wallonie|Flandre|Flanders|
    Emilia Romagna|Emilia-Romagna|Lombardie|Toscane|Asturies|Asturias|Murcie|Murcia|
    Pays de la Loire|Auvergne-Rhône-Alpes|Hauts-de-France|Grand Est|Normandie|
    Provence-Alpes-Côte d'Azur|Corse|Biscaye|Bizkaia|Gipuzkoa|Guipúzcoa|Álava|Araba|
    Ontario|Colombie-Britannique|British Columbia|Texas|California|Californie|Kerala|
    Tamil Nadu|Gyeonggi|Jeju|Shiga|Andhra Pradesh|PA|NY|CA|TX|QC
    """.replace("\n", "").split("|")
)
# Abbreviations whose final dot belongs to the organisation's name (S. Coop., S.L.L., A.C.).
_KEEP_DOT = re.compile(r"(?:^|\s)(?:[A-Z]\.)*[A-Z](?:\.[A-Z])+$|(?:Coop|Ac|Inc|Ltd|Co|Corp|Cía)$")
_SEPARATOR = re.compile(r"\.\s+")
_PARENTHESISED = re.compile(r"\(([^()]{1,40})\)")
_CO_ORGANISATION = re.compile(r"^(.*?)\s+(?:et|y|and|eta|e)\s+([A-Z0-9][A-Z0-9&'-]{2,}(?:\s.*)?)$")


@dataclass
class LocationLine:
    """What a location line says: organisation(s) and place, with notes for the report."""

    organisation: str | None
    co_organisations: list[str] = field(default_factory=list)
    place: Place = field(default_factory=Place)
    problems: list[str] = field(default_factory=list)


def _last_separator(text: str) -> int | None:
    """Index of the last ``". "`` that ends a segment (not an initial such as ``S. Coop``)."""
    found: int | None = None
    for match in _SEPARATOR.finditer(text):
        before = text[: match.start()].rsplit(" ", 1)[-1]
        if len(before) == 1 and before.isalpha():
            continue
        found = match.start()
    return found


def _organisation_name(text: str) -> str | None:
    name = text.strip(" ,;-–")
    if not name:
        return None
    return name + "." if _KEEP_DOT.search(name) else name


def _place_parts(text: str) -> tuple[str | None, str | None, list[str]]:
    """City and region from the slot between organisation and country; other organisations."""
    co_organisations: list[str] = []
    region: str | None = None
    bracketed = _PARENTHESISED.search(text)
    if bracketed:
        region = bracketed.group(1).strip()
        text = (text[: bracketed.start()] + text[bracketed.end() :]).strip(" ,")
    co = _CO_ORGANISATION.match(text)
    if co:
        text = co.group(1)
        co_organisations.append(co.group(2).strip())
    parts = [part.strip() for part in text.split(",") if part.strip()]
    if not parts:
        return None, region, co_organisations
    if len(parts) == 1:
        if p.fold(parts[0]) in REGIONS and region is None:
            return None, parts[0], co_organisations
        return parts[0], region, co_organisations
    city, rest = parts[0], ", ".join(parts[1:])
    return city, region or rest, co_organisations


def parse_location(text: str) -> LocationLine:
    """Read a location line; unknown countries are reported, never guessed."""
    line = text.strip()
    body = line.rstrip(". ")
    problems: list[str] = []
    country: str | None = None
    country_code: str | None = None
    split = split_trailing_country(body)
    if split is not None:
        prefix, match = split
        country, country_code = match.as_written, match.code
        between = body[len(prefix) :]
        separator = (
            between[: between.rfind(match.as_written)] if match.as_written in between else between
        )
        country_separated_by_dot = "." in separator
    else:
        prefix, country_separated_by_dot = body, False
        head, comma, last = body.rpartition(",")
        last = last.strip()
        if (
            comma
            and 0 < len(last.split()) <= 3
            and last[:1].isupper()
            and match_country(last) is None
        ):
            prefix, country = head.strip(), last
            problems.append(f"unknown country {last!r}")
    dot = _last_separator(prefix)
    organisation: str | None
    place_text: str
    if dot is not None:
        organisation = _organisation_name(prefix[:dot])
        place_text = prefix[dot + 1 :].strip()
    elif country is not None and not country_separated_by_dot and "," in prefix:
        organisation_part, _, place_text = prefix.partition(",")
        organisation = _organisation_name(organisation_part)
    else:
        organisation, place_text = _organisation_name(prefix), ""
    city, region, co_organisations = _place_parts(place_text)
    place = Place(
        city=city, region=region, country=country, country_code=country_code, as_written=line
    )
    return LocationLine(organisation, co_organisations, place, problems)


def looks_like_location(text: str) -> bool:
    """Whether the first line under a title is an organisation/place line, not a paragraph."""
    if len(text) > 250 or text.endswith(("?", ":")):
        return False
    if split_trailing_country(text.rstrip(". ")) is not None:
        return len(text.split()) <= 30
    words = text.split()
    if len(words) > 16:
        return False
    return not (len(words) >= 8 and p.SENTENCE_VERB.search(text))
