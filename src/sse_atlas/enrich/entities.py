"""One organisation and one person per natural key, across every catalogue.

Ids come from the name with accents, case, honorifics and punctuation folded away, so the same
name printed twice gives one entity and a re-ingest gives the same ids. Every mention is kept:
the aliases list holds each distinct spelling, the initiatives and workshops lists where it
appears.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from sse_atlas.model import Catalogue, Involvement, Organisation, Person

_HONORIFIC = re.compile(r"^(?:M|Mme|Mmes|Mlle|Mr|Mrs|Ms|Dr|Dra|Pr|Prof|Sr|Sra|Srta|Dña)\.?\s+")


def natural_key(name: str) -> str:
    """Accents, case, honorifics and punctuation folded: ``Mme. Ana Aguirre`` -> ``ana-aguirre``."""
    bare = _HONORIFIC.sub("", name.strip())
    decomposed = unicodedata.normalize("NFKD", bare)
    ascii_text = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")


@dataclass
class _Entity:
    name: str
    aliases: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    initiatives: list[str] = field(default_factory=list)
    workshops: list[str] = field(default_factory=list)
    urls: list[str] = field(default_factory=list)
    country_code: str | None = None
    city: str | None = None

    def mention(self, alias: str, record: str, *, workshop: bool) -> None:
        if alias not in self.aliases and alias != self.name:
            self.aliases.append(alias)
        target = self.workshops if workshop else self.initiatives
        if record not in target:
            target.append(record)


def _add(register: dict[str, _Entity], name: str | None, record: str, workshop: bool) -> str | None:
    if not name:
        return None
    key = natural_key(name)
    if not key:
        return None
    entity = register.setdefault(key, _Entity(name=name))
    entity.mention(name, record, workshop=workshop)
    return key


def _person(register: dict[str, _Entity], who: Involvement, record: str, workshop: bool) -> None:
    key = _add(register, who.name, record, workshop)
    if key is None:
        return
    who.person_id = f"person/{key}"
    if who.role and who.role not in register[key].roles:
        register[key].roles.append(who.role)


def resolve_entities(catalogues: Iterable[Catalogue]) -> tuple[list[Organisation], list[Person]]:
    """Organisations and people of the catalogues; sets the ids on the records in place."""
    organisations: dict[str, _Entity] = {}
    people: dict[str, _Entity] = {}
    for catalogue in catalogues:
        for initiative in catalogue.initiatives:
            key = _add(organisations, initiative.organisation, initiative.id, False)
            initiative.organisation_id = f"organisation/{key}" if key else None
            if key:
                entity = organisations[key]
                entity.country_code = entity.country_code or initiative.place.country_code
                entity.city = entity.city or initiative.place.city
                for link in initiative.links[:1]:
                    if link.url and link.url not in entity.urls:
                        entity.urls.append(link.url)
            for name in initiative.co_organisations:
                _add(organisations, name, initiative.id, False)
            for presenter in initiative.presenters:
                _person(people, presenter, initiative.id, False)
        for workshop in catalogue.workshops:
            for name in workshop.coordinators:
                _add(organisations, name, workshop.id, True)
            everyone = [*workshop.panel, *workshop.speakers]
            if workshop.moderator is not None:
                everyone.append(workshop.moderator)
            for member in everyone:
                _person(people, member, workshop.id, True)
                _add(organisations, member.organisation, workshop.id, True)
    return (
        [
            Organisation(
                id=f"organisation/{key}", name=e.name, aliases=e.aliases,
                country_code=e.country_code, city=e.city, urls=e.urls,
                initiatives=e.initiatives, workshops=e.workshops,
            )
            for key, e in sorted(organisations.items())
        ],
        [
            Person(
                id=f"person/{key}", name=e.name, aliases=e.aliases, roles=e.roles,
                initiatives=e.initiatives, workshops=e.workshops,
            )
            for key, e in sorted(people.items())
        ],
    )  # fmt: skip
