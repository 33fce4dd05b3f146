"""Contexts of the record pages: initiative, workshop, organisation, person and country."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache

import pycountry

from sse_atlas.enrich.regions import continent, un_region
from sse_atlas.model import Initiative, Organisation, Person, Workshop
from sse_atlas.search.results import SearchHit
from sse_atlas.web import labels, urls
from sse_atlas.web.contexts.common import (
    Coded,
    InitiativeCard,
    Lang,
    LinkView,
    PersonView,
    Provenance,
    Ref,
    WorkshopCard,
    country_ref,
    initiative_card,
    link_view,
    person_view,
    provenance,
    safe_href,
    time_span,
    workshop_card,
    workshop_language,
)
from sse_atlas.web.snapshot import Snapshot, workshop_people


@dataclass(frozen=True)
class PlaceView:
    as_written: str | None
    city: str | None
    region: str | None
    country: Ref | None
    country_code: str | None
    country_numeric: str | None  # ISO 3166-1 numeric, the id of the country's outline
    latitude: float | None
    longitude: float | None
    precision: str | None


@dataclass(frozen=True)
class InitiativePage:
    title: str
    id: str
    url: str
    initiative: Initiative
    catalogue: Ref
    workshop: Ref | None
    session: int | None
    day: str | None
    programme_url: str
    presenters: list[PersonView]
    organisation: Ref | None
    organisation_type: Coded | None
    place: PlaceView
    themes: list[Coded]
    sdgs: list[Coded]
    sectors: list[Coded]
    groups: list[Coded]
    links: list[LinkView]
    link_problems: int
    similar: list[InitiativeCard]
    provenance: Provenance | None


@dataclass(frozen=True)
class WorkshopPage:
    title: str
    id: str
    url: str
    workshop: Workshop
    catalogue: Ref
    day: str | None
    time: str | None  # "14:00–15:30" when the catalogue states it
    text_lang: str | None  # language of the title and description
    programme_url: str
    calendar_url: str
    moderator: PersonView | None
    panel: list[PersonView]
    speakers: list[PersonView]
    initiatives: list[InitiativeCard]
    links: list[LinkView]
    provenance: Provenance | None


@dataclass(frozen=True)
class OrganisationPage:
    title: str
    id: str
    url: str
    organisation: Organisation
    type: Coded | None
    country: Ref | None
    links: list[LinkView]
    initiatives: list[InitiativeCard]
    workshops: list[WorkshopCard]
    people: list[Ref]


@dataclass(frozen=True)
class Appearance:
    """When and where a person took part: a workshop, and what they did there."""

    date: dt.date | None
    day: str | None
    session: int | None
    workshop: Ref
    initiative: Ref | None  # the initiative they presented there, if any
    role: str | None
    time: str | None  # "14:00–15:30" when the catalogue states it, else shown as "not stated"
    room: str | None
    text_lang: str | None = None  # language of the workshop's title and the role as printed


@dataclass(frozen=True)
class PersonPage:
    title: str
    id: str
    url: str
    person: Person
    initiatives: list[InitiativeCard]
    workshops: list[WorkshopCard]
    organisations: list[Ref]
    links: list[LinkView]
    appearances: list[Appearance]
    calendar_url: str


@dataclass(frozen=True)
class CountryPage:
    title: str
    code: str
    url: str
    name: str
    numeric: str | None
    continent: str | None
    region: str | None
    initiatives: list[InitiativeCard]
    organisations: list[Ref]
    people: list[Ref]


@cache
def country_numeric(code: str | None) -> str | None:
    """ISO 3166-1 numeric code (``ES`` -> ``724``), the id of a country in the outlines file."""
    if not code:
        return None
    found = pycountry.countries.get(alpha_2=code.upper())
    return str(found.numeric) if found is not None else None


def is_country(code: str) -> bool:
    return len(code) == 2 and pycountry.countries.get(alpha_2=code.upper()) is not None


def _catalogue_ref(snapshot: Snapshot, catalogue_id: str) -> Ref:
    catalogue = snapshot.catalogues.get(catalogue_id)
    label = labels.catalogue_name(catalogue) if catalogue else catalogue_id
    return Ref(id=catalogue_id, label=label, url=urls.programme(catalogue_id))


def _organisation_ref(snapshot: Snapshot, organisation_id: str | None, name: str) -> Ref:
    found = snapshot.organisations.get(organisation_id) if organisation_id else None
    if found is None:
        return Ref(id=organisation_id or "", label=name, url=None)
    return Ref(id=found.id, label=name, url=urls.organisation(found.id))


def _coded(code: str, label: str, facet: str) -> Coded:
    return Coded(code=code, label=label, url=urls.search(filters={facet: [code]}))


def _classified(
    initiative: Initiative, scheme: str, codes: list[str], facet: str, lang: Lang
) -> list[Coded]:
    """Codes of one scheme with their labels, and the evidence the classification kept."""
    found = {label.code: label for label in initiative.labels if label.scheme == scheme}
    schemes = labels.FACET_SCHEMES[facet]
    coded = []
    for code in codes:
        label = found.get(code)
        coded.append(
            Coded(
                code=code,
                label=labels.concept_label(schemes, code, lang.code),
                url=urls.search(filters={facet: [code]}),
                confidence=label.confidence if label else None,
                evidence=label.evidence if label else None,
            )
        )
    return coded


def _similar(snapshot: Snapshot, hits: list[SearchHit], lang: Lang) -> list[InitiativeCard]:
    found = snapshot.initiatives.many([hit.id for hit in hits if hit.kind == "initiative"])
    return [initiative_card(initiative, lang) for initiative in found]


def initiative_page(
    snapshot: Snapshot, initiative: Initiative, similar: list[SearchHit], lang: Lang
) -> InitiativePage:
    place = initiative.place
    workshop = snapshot.workshops.get(f"{initiative.catalogue}/{initiative.workshop}")
    org_type = initiative.organisation_type
    return InitiativePage(
        title=initiative.title,
        id=initiative.id,
        url=urls.initiative(initiative.id),
        initiative=initiative,
        catalogue=_catalogue_ref(snapshot, initiative.catalogue),
        workshop=Ref(id=workshop.id, label=workshop.title, url=urls.workshop(workshop.id))
        if workshop
        else None,
        session=initiative.session,
        day=labels.day(initiative.date, lang.code),
        programme_url=urls.programme(
            initiative.catalogue, urls.workshop_anchor(initiative.workshop or "")
        ),
        presenters=[person_view(p) for p in initiative.presenters],
        organisation=_organisation_ref(
            snapshot, initiative.organisation_id, initiative.organisation
        )
        if initiative.organisation
        else None,
        organisation_type=_coded(
            org_type, labels.organisation_type(org_type, lang.code), "organisation_type"
        )
        if org_type
        else None,
        place=PlaceView(
            as_written=place.as_written,
            city=place.city,
            region=place.region,
            country=country_ref(place.country_code, place.country, lang),
            country_code=place.country_code,
            country_numeric=country_numeric(place.country_code),
            latitude=place.latitude,
            longitude=place.longitude,
            precision=place.precision,
        ),
        themes=_classified(initiative, "themes", initiative.themes, "theme", lang),
        sdgs=_classified(initiative, "sdgs", [str(n) for n in initiative.sdgs], "sdg", lang),
        sectors=_classified(initiative, "sectors", initiative.sectors, "sector", lang),
        groups=_classified(initiative, "groups", initiative.groups, "group", lang),
        links=[link_view(link) for link in initiative.links],
        link_problems=sum(1 for link in initiative.links if link.problem),
        similar=_similar(snapshot, similar, lang),
        provenance=provenance(initiative.catalogue, initiative.source),
    )


def workshop_page(snapshot: Snapshot, workshop: Workshop, lang: Lang) -> WorkshopPage:
    return WorkshopPage(
        title=workshop.title,
        id=workshop.id,
        url=urls.workshop(workshop.id),
        workshop=workshop,
        catalogue=_catalogue_ref(snapshot, workshop.catalogue),
        day=labels.day(workshop.date, lang.code),
        time=time_span(workshop),
        text_lang=workshop_language(workshop, snapshot.catalogues),
        programme_url=urls.programme(workshop.catalogue, urls.workshop_anchor(workshop.code)),
        calendar_url=urls.workshop_calendar(workshop.id),
        moderator=person_view(workshop.moderator) if workshop.moderator else None,
        panel=[person_view(p) for p in workshop.panel],
        speakers=[person_view(p) for p in workshop.speakers],
        initiatives=[initiative_card(i, lang) for i in snapshot.initiatives_in(workshop)],
        links=[link_view(link) for link in workshop.links],
        provenance=provenance(workshop.catalogue, workshop.source),
    )


def _unique_refs(refs: list[Ref]) -> list[Ref]:
    seen: dict[str, Ref] = {}
    for ref in refs:
        seen.setdefault(ref.id or ref.label, ref)
    return sorted(seen.values(), key=lambda ref: ref.label.casefold())


def _presenter_refs(initiatives: list[Initiative]) -> list[Ref]:
    return _unique_refs(
        [
            Ref(id=p.person_id, label=p.name, url=urls.person(p.person_id))
            for initiative in initiatives
            for p in initiative.presenters
            if p.person_id
        ]
    )


def organisation_page(
    snapshot: Snapshot, organisation: Organisation, lang: Lang
) -> OrganisationPage:
    initiatives = snapshot.initiatives_of(organisation.initiatives)
    org_type = organisation.type
    return OrganisationPage(
        title=organisation.name,
        id=organisation.id,
        url=urls.organisation(organisation.id),
        organisation=organisation,
        type=_coded(org_type, labels.organisation_type(org_type, lang.code), "organisation_type")
        if org_type
        else None,
        country=country_ref(organisation.country_code, None, lang),
        links=[
            LinkView(as_written=url, url=url, href=safe_href(url), problem=None)
            for url in organisation.urls
        ],
        initiatives=[initiative_card(i, lang) for i in initiatives],
        workshops=[
            workshop_card(w, text_lang=workshop_language(w, snapshot.catalogues))
            for w in snapshot.workshops_of(organisation.workshops)
        ],
        people=_presenter_refs(initiatives),
    )


def person_page(snapshot: Snapshot, person: Person, lang: Lang) -> PersonPage:
    initiatives: list[InitiativeCard] = []
    links: dict[str, LinkView] = {}
    organisations: list[Ref] = []
    for initiative in snapshot.initiatives_of(person.initiatives):
        mine = [p for p in initiative.presenters if p.person_id == person.id]
        role = next((p.role for p in mine if p.role), None)
        initiatives.append(initiative_card(initiative, lang, role))
        for involvement in mine:
            for link in involvement.links:
                links.setdefault(link.as_written, link_view(link))
        if initiative.organisation:
            organisations.append(
                _organisation_ref(snapshot, initiative.organisation_id, initiative.organisation)
            )
    workshops: list[WorkshopCard] = []
    for workshop in snapshot.workshops_of(person.workshops):
        mine = [p for p in workshop_people(workshop) if p.person_id == person.id]
        workshops.append(
            workshop_card(
                workshop,
                mine[0].kind if mine else None,
                workshop_language(workshop, snapshot.catalogues),
            )
        )
        for involvement in mine:
            for link in involvement.links:
                links.setdefault(link.as_written, link_view(link))
    return PersonPage(
        title=person.name,
        id=person.id,
        url=urls.person(person.id),
        person=person,
        initiatives=initiatives,
        workshops=workshops,
        organisations=_unique_refs(organisations),
        links=list(links.values()),
        appearances=_appearances(snapshot, initiatives, workshops, lang),
        calendar_url=urls.person_calendar(person.id),
    )


def _appearances(
    snapshot: Snapshot,
    initiatives: list[InitiativeCard],
    workshops: list[WorkshopCard],
    lang: Lang,
) -> list[Appearance]:
    found: list[Appearance] = []
    for card in initiatives:
        initiative = snapshot.initiatives[card.id]
        workshop = snapshot.workshops.get(f"{initiative.catalogue}/{initiative.workshop}")
        if workshop is None:
            continue
        found.append(
            Appearance(
                date=workshop.date or initiative.date,
                day=labels.day(workshop.date or initiative.date, lang.code),
                session=workshop.session,
                workshop=Ref(
                    workshop.id, f"{workshop.code} {workshop.title}", urls.workshop(workshop.id)
                ),
                initiative=Ref(card.id, f"{card.code} {card.title}", card.url),
                role=card.role,
                time=time_span(workshop),
                room=workshop.room,
                text_lang=workshop_language(workshop, snapshot.catalogues),
            )
        )
    for held in workshops:
        record = snapshot.workshops[held.id]
        found.append(
            Appearance(
                date=held.date,
                day=labels.day(held.date, lang.code),
                session=held.session,
                workshop=Ref(held.id, f"{held.code} {held.title}", held.url),
                initiative=None,
                role=held.role,
                time=time_span(record),
                room=record.room,
                text_lang=workshop_language(record, snapshot.catalogues),
            )
        )
    return sorted(found, key=lambda a: (a.date or dt.date.max, a.session or 0, a.workshop.id))


def country_page(snapshot: Snapshot, code: str, lang: Lang) -> CountryPage:
    code = code.upper()
    initiatives = snapshot.in_country(code)
    name = labels.country(code, lang.code) or code
    found_continent = continent(code)
    found_region = un_region(code)
    return CountryPage(
        title=name,
        code=code,
        url=urls.country(code),
        name=name,
        numeric=country_numeric(code),
        continent=lang.gettext(found_continent) if found_continent else None,
        region=lang.gettext(found_region) if found_region else None,
        initiatives=[initiative_card(i, lang) for i in initiatives],
        organisations=_unique_refs(
            [
                Ref(id=o.id, label=o.name, url=urls.organisation(o.id))
                for o in snapshot.organisations_in(code)
            ]
        ),
        people=_presenter_refs(initiatives),
    )
