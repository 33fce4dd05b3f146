"""What a search asks and answers: the contract between the search engine and its callers."""

from __future__ import annotations

from dataclasses import dataclass, field

from sse_atlas.search.understand import Interpretation

# Facets every search offers; values are OR-ed within a facet and AND-ed across facets.
FACETS = (
    "country",
    "continent",
    "un_region",
    "theme",
    "sdg",
    "sector",
    "organisation_type",
    "group",
    "day",
    "session",
    "workshop",
    "catalogue",
    "language",
    "kind",
)


@dataclass(frozen=True)
class SearchQuery:
    """A text (may be empty: facets alone) with facet filters, a page size and an offset."""

    text: str = ""
    filters: dict[str, tuple[str, ...]] = field(default_factory=dict)
    limit: int = 20
    offset: int = 0
    mode: str = "hybrid"  # hybrid | lexical | semantic
    # kinds of interpretation turned off ("place", "theme", ...): their words are plain words
    literal: tuple[str, ...] = ()
    # what to return: "initiative" (initiatives and workshops), "organisation", "person"
    types: tuple[str, ...] = ("initiative", "organisation", "person")


@dataclass(frozen=True)
class SearchHit:
    """One result: an initiative or a coordinated workshop."""

    id: str  # gsef2018-fr/4.2.1 (initiative) or gsef2018-fr/2.4 (workshop)
    code: str
    kind: str  # initiative | workshop
    title: str
    score: float
    snippet: str  # plain text with matched words wrapped in [[ and ]]: escape before rendering
    organisation: str | None = None
    city: str | None = None
    country_code: str | None = None
    catalogue: str | None = None
    lexical_score: float | None = None
    semantic_score: float | None = None


@dataclass(frozen=True)
class EntityHit:
    """An organisation or person the query names, with the records it presents."""

    kind: str  # organisation | person
    id: str  # organisation/koopera, person/roberto-di-meglio
    name: str
    initiatives: tuple[str, ...] = ()
    workshops: tuple[str, ...] = ()


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool = False


@dataclass(frozen=True)
class SearchResults:
    query: SearchQuery
    total: int
    hits: list[SearchHit]
    facets: dict[str, list[FacetValue]]
    weak: bool = False  # nothing matched well: say so rather than pad the page
    language: str | None = None  # detected language of the query text
    # what the query was read as (places, days, kinds of organisation, names...)
    interpreted: tuple[Interpretation, ...] = ()
    suggestion: str | None = None  # "did you mean": the query with misspellings corrected
    # when nothing is found: the query spelled as the collection spells its words, to offer
    spelling: str | None = None
    entities: tuple[EntityHit, ...] = ()  # organisations and people named, shown first
    # when nothing is found: the countries and themes nearest the query, to offer (not list)
    closest: dict[str, list[FacetValue]] = field(default_factory=dict)
