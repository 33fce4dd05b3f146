"""Mentions of organisations and people, read from catalogues with what surrounds them.

A mention is one printed name in one record: the name as written, its natural key, and its
context (organisations, acronyms, web domains, cities, countries, honorific, role text), which
entity resolution weighs as evidence. Mentions with one key form a cluster.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from sse_atlas.enrich.links import GENERIC_DOMAINS, host_of, registered_domain
from sse_atlas.enrich.names import (
    FEMININE,
    MASCULINE,
    acronyms_in,
    fold,
    initials,
    natural_key,
    split_organisation,
)
from sse_atlas.model import Catalogue, Involvement, Link


def _domains(links: Iterable[Link]) -> set[str]:
    found = {registered_domain(host) for link in links if (host := host_of(link.url))}
    return found - GENERIC_DOMAINS


@dataclass
class Context:
    """What a mention says around a name: organisations, web domains, places."""

    organisations: set[str] = field(default_factory=set)
    acronyms: set[str] = field(default_factory=set)
    domains: set[str] = field(default_factory=set)
    cities: set[str] = field(default_factory=set)
    countries: set[str] = field(default_factory=set)
    genders: set[str] = field(default_factory=set)
    people: set[str] = field(default_factory=set)  # natural keys of the people it is named with
    text: str = ""

    def absorb(self, other: Context) -> None:
        self.organisations |= other.organisations
        self.acronyms |= other.acronyms
        self.domains |= other.domains
        self.cities |= other.cities
        self.countries |= other.countries
        self.genders |= other.genders
        self.people |= other.people
        self.text = f"{self.text} | {other.text}".strip(" |")


@dataclass
class Mention:
    name: str
    key: str
    # (catalogue id, position in it): the same in every run that reads this catalogue, whichever
    # others it reads beside it, so that resolution over a few catalogues agrees with a full one
    order: tuple[str, int]
    record: str
    workshop: bool
    context: Context
    involvement: Involvement | None = None
    role: str | None = None
    city: str | None = None  # as written
    country: str | None = None
    url: str | None = None


@dataclass
class Cluster:
    key: str
    mentions: list[Mention] = field(default_factory=list)
    context: Context = field(default_factory=Context)

    @property
    def names(self) -> list[str]:
        return list(dict.fromkeys(m.name for m in self.mentions))

    words: list[str] = field(init=False)

    def __post_init__(self) -> None:
        self.words = self.key.split("-")

    def add(self, mention: Mention) -> None:
        self.mentions.append(mention)
        self.context.absorb(mention.context)


def iter_involvements(catalogue: Catalogue) -> Iterator[tuple[str, str, Involvement]]:
    """(record id, field path, involvement) for every person named in the catalogue."""
    for initiative in catalogue.initiatives:
        for index, presenter in enumerate(initiative.presenters):
            yield initiative.id, f"presenters[{index}]", presenter
    for workshop in catalogue.workshops:
        for index, member in enumerate(workshop.panel):
            yield workshop.id, f"panel[{index}]", member
        for index, speaker in enumerate(workshop.speakers):
            yield workshop.id, f"speakers[{index}]", speaker
        if workshop.moderator is not None:
            yield workshop.id, "moderator", workshop.moderator


class MentionCollector:
    """Reads every mention of an organisation or a person, in document order."""

    def __init__(self) -> None:
        self.organisations: list[Mention] = []
        self.people: list[Mention] = []
        self.cities: set[str] = set()
        self._catalogue = ""
        self._order = 0

    def _next(self) -> tuple[str, int]:
        self._order += 1
        return self._catalogue, self._order

    def organisation(
        self,
        name: str | None,
        record: str,
        workshop: bool,
        *,
        city: str | None = None,
        country: str | None = None,
        links: Iterable[Link] = (),
        people: Iterable[Involvement] = (),
    ) -> list[str]:
        """Register an organisation mention (and its parent councils); their folded names."""
        if not name or not natural_key(name):
            return []
        head, parents, parent_city = split_organisation(name)
        city = city or parent_city
        names = []
        for written in [head, *parents]:
            own = written is head
            context = Context(
                domains=_domains(links) if own else set(),
                cities={fold(city)} if city else set(),
                countries={country} if country else set(),
                people={natural_key(who.name) for who in people} if own else set(),
            )
            url = next((link.url for link in links if link.url), None) if own else None
            self.organisations.append(
                Mention(
                    name=written, key=natural_key(written), order=self._next(), record=record,
                    workshop=workshop, context=context, city=city, country=country, url=url,
                )
            )  # fmt: skip
            names.append(fold(written))
        return names

    def person(self, who: Involvement, record: str, workshop: bool, around: Context) -> None:
        key = natural_key(who.name)
        if not key:
            return
        context = Context(text=fold(" ".join(t for t in (who.role, who.organisation) if t)))
        context.absorb(around)
        context.acronyms |= acronyms_in(" ".join(t for t in (who.role, who.organisation) if t))
        context.domains |= _domains(who.links)
        if who.country_code:
            context.countries.add(who.country_code)
        honorific = fold(who.honorific or "")
        if honorific in FEMININE or honorific in MASCULINE:
            context.genders.add("f" if honorific in FEMININE else "m")
        self.people.append(
            Mention(
                name=who.name.strip(), key=key, order=self._next(), record=record,
                workshop=workshop, context=context, involvement=who, role=who.role,
            )
        )  # fmt: skip

    def catalogue(self, catalogue: Catalogue) -> None:
        self._catalogue, self._order = catalogue.id, 0
        for initiative in catalogue.initiatives:
            place = initiative.place
            if place.city:
                self.cities.update(fold(part) for part in re.split(r"\s+[-–/]\s+", place.city))
            names = self.organisation(
                initiative.organisation, initiative.id, False, city=place.city,
                country=place.country_code, links=initiative.links[:1],
                people=initiative.presenters,
            )  # fmt: skip
            for co_name in initiative.co_organisations:
                names += self.organisation(co_name, initiative.id, False)
            around = Context(organisations=set(names), domains=_domains(initiative.links))
            for org in (initiative.organisation, *initiative.co_organisations):
                around.acronyms |= acronyms_in(org or "")
                spelled = initials(org or "")
                around.acronyms |= {spelled} if spelled else set()
            if place.city:
                around.cities.add(fold(place.city))
            if place.country_code:
                around.countries.add(place.country_code)
            for presenter in initiative.presenters:
                self.person(presenter, initiative.id, False, around)
        for workshop in catalogue.workshops:
            for coordinator in workshop.coordinators:
                self.organisation(coordinator, workshop.id, True)
            for record, _, member in iter_involvements(Catalogue(id="", workshops=[workshop])):
                names = self.organisation(
                    member.organisation, record, True, country=member.country_code, people=[member]
                )
                around = Context(organisations=set(names))
                if names:
                    parent_city = split_organisation(member.organisation or "")[2]
                    around.cities |= {fold(parent_city)} if parent_city else set()
                self.person(member, record, True, around)

    def known_cities(self) -> set[str]:
        """The cities a person's role text is searched for (see :meth:`place_people`)."""
        cities = {city for city in self.cities if len(city) >= 4}
        return cities | {fold(m.city) for m in self.organisations if m.city}

    def place_people(self) -> None:
        """Add the known cities each person's role names (``Maire ... Nawaka. Kampala``)."""
        cities = self.known_cities()
        for mention in self.people:
            mention.context.cities |= cities_named(mention.context.text, cities)


def cities_named(text: str, cities: Iterable[str]) -> set[str]:
    """The ``cities`` a (folded) role text names as whole words."""
    padded = f" {text} "
    return {city for city in cities if f" {city} " in padded}


def clusters_of(mentions: list[Mention]) -> dict[str, Cluster]:
    clusters: dict[str, Cluster] = {}
    for mention in mentions:
        clusters.setdefault(mention.key, Cluster(mention.key)).add(mention)
    return clusters
