"""What search sees of a record: weighted text fields, the text to embed, facet values.

Initiatives and coordinated workshops become :class:`SearchDocument` values; workshops that only
group initiatives are not results of their own (their titles reach the initiatives they hold).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache

from babel import Locale, UnknownLocaleError

from sse_atlas.enrich import vocabularies
from sse_atlas.enrich.regions import continent, un_region
from sse_atlas.model import Initiative, Workshop, WorkshopKind

# How much a word counts in each field, relative to the description.
FIELD_WEIGHTS = {
    "title": 3.0,
    "organisation": 2.0,
    "place": 1.5,
    "people": 1.0,
    "workshop": 0.5,
    "body": 1.0,
}
# Country and continent names are indexed in the languages users ask in.
NAME_LANGUAGES = ("en", "fr", "es", "pt", "ca", "eu")
_CONTINENT_CODES = {
    "Africa": "002",
    "Americas": "019",
    "Asia": "142",
    "Europe": "150",
    "Oceania": "009",
}
# Facet -> vocabulary scheme its codes come from.
_SCHEMES = {
    "theme": vocabularies.THEMES,
    "sector": vocabularies.SECTORS,
    "group": vocabularies.GROUPS,
    "organisation_type": vocabularies.STRUCTURES,
}


@dataclass(frozen=True)
class SearchDocument:
    """One searchable record."""

    id: str
    code: str
    kind: str  # initiative | workshop
    title: str
    catalogue: str
    body: str  # shown in snippets
    fields: tuple[tuple[str, str], ...]  # (field name, text) for the lexical index
    semantic_text: str
    facets: dict[str, tuple[str, ...]] = field(default_factory=dict)
    organisation: str | None = None
    city: str | None = None
    country_code: str | None = None
    language: str | None = None
    region: str | None = None

    @property
    def content_hash(self) -> str:
        """Changes when anything search reads changes (text, facets, language)."""
        digest = hashlib.blake2b(digest_size=16)
        for part in (self.id, self.language or "", self.semantic_text, repr(self.fields)):
            digest.update(part.encode("utf-8"))
            digest.update(b"\x00")
        digest.update(repr(sorted(self.facets.items())).encode("utf-8"))
        return digest.hexdigest()


@cache
def _locale(language: str) -> Locale | None:
    try:
        return Locale.parse(language)
    except (UnknownLocaleError, ValueError):
        return None


@cache
def territory_names(code: str) -> tuple[str, ...]:
    """A country's or region's names in the languages users ask in (``BR`` -> Brazil, Brasil...)."""
    names: list[str] = []
    for language in NAME_LANGUAGES:
        locale = _locale(language)
        name = locale.territories.get(code) if locale is not None else None
        if name and name not in names:
            names.append(name)
    return tuple(names)


@cache
def facet_label(facet: str, value: str) -> str:
    """A human label for a facet value (English; the code when nothing better is known)."""
    if facet == "country":
        names = territory_names(value)
        return names[0] if names else value
    if facet == "sdg":
        return _concept_label(vocabularies.SDGS, value, f"SDG {value}")
    if facet == "organisation_type":
        for structure in (vocabularies.STRUCTURES, vocabularies.ORGANISATION_TYPES):
            label = _concept_label(structure, value, "")
            if label:
                return label
        return value
    scheme = _SCHEMES.get(facet)
    if scheme is not None:
        return _concept_label(scheme, value, value)
    if facet == "session":
        return f"Session {value}"
    return value


def _concept_label(scheme: str, code: str, default: str) -> str:
    try:
        return vocabularies.concept(scheme, code).label("en")
    except KeyError:
        return default


def _codes(record: object, name: str) -> tuple[str, ...]:
    """Codes a record carries in a list field the model may not have yet (sectors, groups)."""
    value = getattr(record, name, None)
    if not isinstance(value, list | tuple):
        return ()
    return tuple(str(item) for item in value if item not in (None, ""))


def _join(parts: Iterable[str | None]) -> str:
    return "\n".join(part for part in parts if part)


def _place_text(city: str | None, region: str | None, country: str | None, code: str | None) -> str:
    names: list[str | None] = [city, region, country]
    if code:
        names.extend(territory_names(code))
        found = continent(code)
        if found:
            names.extend(territory_names(_CONTINENT_CODES[found]))
    return _join(dict.fromkeys(names))


def from_initiative(initiative: Initiative, workshop: Workshop | None) -> SearchDocument:
    place = initiative.place
    code = place.country_code
    people = [p.name for p in initiative.presenters]
    organisations = [initiative.organisation, *initiative.co_organisations]
    facets: dict[str, tuple[str, ...]] = {
        "country": (code,) if code else (),
        "continent": _some(continent(code)),
        "un_region": _some(un_region(code)),
        "theme": tuple(initiative.themes),
        "sdg": tuple(str(n) for n in initiative.sdgs),
        "sector": _codes(initiative, "sectors"),
        "organisation_type": _some(initiative.organisation_type),
        "group": _codes(initiative, "groups"),
        "day": _some(initiative.date.isoformat() if initiative.date else None),
        "session": _some(str(initiative.session) if initiative.session is not None else None),
        "workshop": _some(
            f"{initiative.catalogue}/{initiative.workshop}" if initiative.workshop else None
        ),
        "catalogue": (initiative.catalogue,),
        "language": _some(initiative.language),
        "kind": ("initiative",),
    }
    workshop_title = workshop.title if workshop is not None else None
    fields = (
        ("title", initiative.title),
        ("organisation", _join(organisations)),
        ("place", _place_text(place.city, place.region, place.country, code)),
        ("people", _join(people)),
        ("workshop", workshop_title or ""),
        ("body", initiative.description or ""),
    )
    semantic = _join([initiative.title, initiative.organisation, initiative.description])
    return SearchDocument(
        id=initiative.id,
        code=initiative.code,
        kind="initiative",
        title=initiative.title,
        catalogue=initiative.catalogue,
        body=initiative.description or "",
        fields=tuple((name, text) for name, text in fields if text),
        semantic_text=semantic,
        facets={name: values for name, values in facets.items() if values},
        organisation=initiative.organisation,
        city=place.city,
        country_code=code,
        language=initiative.language,
        region=place.region,
    )


def from_workshop(workshop: Workshop, language: str | None) -> SearchDocument:
    """A coordinated workshop (a panel run by a partner) as a result of its own."""
    sections = [part for s in workshop.sections for part in (s.title, s.description)]
    body = _join([workshop.description, *sections])
    people = [p.name for p in [*workshop.panel, *workshop.speakers]]
    if workshop.moderator is not None:
        people.append(workshop.moderator.name)
    title = workshop.item_title or workshop.title
    facets: dict[str, tuple[str, ...]] = {
        "day": _some(workshop.date.isoformat() if workshop.date else None),
        "session": _some(str(workshop.session) if workshop.session is not None else None),
        "workshop": (workshop.id,),
        "catalogue": (workshop.catalogue,),
        "language": _some(language),
        "kind": ("workshop",),
    }
    fields = (
        ("title", _join(dict.fromkeys([workshop.title, workshop.item_title]))),
        ("organisation", _join([workshop.coordinator, *workshop.coordinators])),
        ("people", _join(people)),
        ("body", body),
    )
    return SearchDocument(
        id=workshop.id,
        code=workshop.code,
        kind="workshop",
        title=title,
        catalogue=workshop.catalogue,
        body=body,
        fields=tuple((name, text) for name, text in fields if text),
        semantic_text=_join([title, workshop.coordinator, body]),
        facets={name: values for name, values in facets.items() if values},
        organisation=workshop.coordinator,
        language=language,
    )


def _some(value: str | None) -> tuple[str, ...]:
    return (value,) if value else ()


def build_documents(
    initiatives: Sequence[Initiative],
    workshops: Sequence[Workshop],
    languages: dict[str, str | None] | None = None,
) -> list[SearchDocument]:
    """Initiatives, then coordinated workshops; ``languages`` maps catalogue id -> language."""
    by_id = {w.id: w for w in workshops}
    documents = [
        from_initiative(i, by_id.get(f"{i.catalogue}/{i.workshop}") if i.workshop else None)
        for i in initiatives
    ]
    languages = languages or {}
    for workshop in workshops:
        if workshop.kind is WorkshopKind.COORDINATED:
            documents.append(from_workshop(workshop, languages.get(workshop.catalogue)))
    return documents
