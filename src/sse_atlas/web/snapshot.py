"""Every record of the knowledge base read once and indexed, so that pages are cheap to build.

The web app reads the knowledge base and never writes to it; a snapshot is taken at one store
generation (see :class:`sse_atlas.web.site.View`) and taken again when the store moves on. A
snapshot is never changed once loaded: requests of several threads read it at once.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from sse_atlas.kb import KnowledgeBase, Stats
from sse_atlas.model import (
    Catalogue,
    Initiative,
    Involvement,
    Organisation,
    Person,
    QualityReport,
    Workshop,
)


def workshop_people(workshop: Workshop) -> list[Involvement]:
    """The moderator, panel and other speakers of a workshop, in that order."""
    found = [workshop.moderator] if workshop.moderator else []
    return [*found, *workshop.panel, *workshop.speakers]


@dataclass
class Snapshot:
    catalogues: dict[str, Catalogue]
    initiatives: dict[str, Initiative]
    workshops: dict[str, Workshop]
    organisations: dict[str, Organisation]
    people: dict[str, Person]
    reports: list[QualityReport]
    stats: Stats
    by_country: dict[str, list[Initiative]] = field(default_factory=dict)
    organisations_by_country: dict[str, list[Organisation]] = field(default_factory=dict)

    @classmethod
    def load(cls, kb: KnowledgeBase) -> Snapshot:
        catalogues = {c.id: c for c in kb.catalogues()}
        initiatives = {i.id: i for c in catalogues.values() for i in c.initiatives}
        workshops = {w.id: w for c in catalogues.values() for w in c.workshops}
        snapshot = cls(
            catalogues=catalogues,
            initiatives=initiatives,
            workshops=workshops,
            organisations={o.id: o for o in kb.organisations()},
            people={p.id: p for p in kb.people()},
            reports=kb.reports(),
            stats=kb.stats(),
        )
        by_country: defaultdict[str, list[Initiative]] = defaultdict(list)
        for initiative in initiatives.values():
            if initiative.place.country_code:
                by_country[initiative.place.country_code.upper()].append(initiative)
        snapshot.by_country = dict(by_country)
        organisations: defaultdict[str, list[Organisation]] = defaultdict(list)
        for organisation in snapshot.organisations.values():
            if organisation.country_code:
                organisations[organisation.country_code.upper()].append(organisation)
        snapshot.organisations_by_country = dict(organisations)
        return snapshot

    def initiatives_of(self, ids: list[str]) -> list[Initiative]:
        return [self.initiatives[i] for i in ids if i in self.initiatives]

    def initiatives_in(self, workshop: Workshop) -> list[Initiative]:
        """The initiatives of a workshop, in the order the catalogue gives."""
        ids = [i if "/" in i else f"{workshop.catalogue}/{i}" for i in workshop.initiatives]
        if ids:
            return self.initiatives_of(ids)
        return [
            i
            for i in self.initiatives.values()
            if i.catalogue == workshop.catalogue and i.workshop == workshop.code
        ]

    def workshops_of(self, ids: list[str]) -> list[Workshop]:
        return [self.workshops[w] for w in ids if w in self.workshops]
