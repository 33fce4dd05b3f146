"""Linked data: JSON-LD and Turtle of one graph, in ESSGLOBAL and schema.org terms.

The graph is made of one node per record, each with its stable URI under
``https://sse-atlas.org/id/``:

- the forum (``catalogue/<id>``), its days, sessions and workshops are ``schema:Event``\\ s
  linked upwards by ``schema:superEvent``, held at the forum's ``schema:Place``;
- an initiative is both an ``essglobal:SSEInitiative`` and a ``schema:Organization``, run by
  its organisation (``schema:parentOrganization``), presented in its workshop
  (``schema:subjectOf``) by its presenters (``schema:member``), located at a ``schema:Place``
  with a ``schema:PostalAddress`` and, once geocoded, ``schema:GeoCoordinates``; its ESSGLOBAL
  themes and sectors and its UN SDGs are SKOS concept URIs under ``dcterms:subject`` (so are a
  workshop's);
- organisations are ``schema:Organization``\\ s and people ``schema:Person``\\ s; a workshop
  names its coordinating organisation (``schema:organizer``), its moderator
  (``schema:contributor``) and everyone who speaks in it (``schema:performer``).

Places, addresses and coordinates are named after their owner (``...#place``) rather than
blank nodes, so the Turtle can be written in independent parts.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any, ClassVar, Final, TextIO

from sse_atlas.enrich.vocabularies import SDGS as SDG_SCHEME
from sse_atlas.enrich.vocabularies import SECTORS as SECTOR_SCHEME
from sse_atlas.enrich.vocabularies import THEMES as THEME_SCHEME
from sse_atlas.enrich.vocabularies import UnknownConcept, concept_uri
from sse_atlas.exports import ids
from sse_atlas.exports.base import register
from sse_atlas.exports.programme import Programme
from sse_atlas.exports.table import catalogue_label
from sse_atlas.model import Catalogue, Dataset, Initiative, Involvement, Place, Workshop

SCHEMA: Final = "https://schema.org/"
ESSGLOBAL: Final = "http://purl.org/essglobal/vocab/"
THEMES: Final = "http://purl.org/essglobal/standard/themes/"
SECTORS: Final = "http://purl.org/essglobal/standard/activities-modified/"
SDGS: Final = "http://metadata.un.org/sdg/"
DCTERMS: Final = "http://purl.org/dc/terms/"
XSD: Final = "http://www.w3.org/2001/XMLSchema#"

PREFIXES: Final = {
    "schema": SCHEMA,
    "essglobal": ESSGLOBAL,
    "themes": THEMES,
    "sectors": SECTORS,
    "sdg": SDGS,
    "dcterms": DCTERMS,
    "xsd": XSD,
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
}


def _link(term: str) -> dict[str, str]:
    return {"@id": f"schema:{term}", "@type": "@id"}


CONTEXT: Final[dict[str, Any]] = {
    "@vocab": SCHEMA,
    **{prefix: iri for prefix, iri in PREFIXES.items() if prefix != "rdf"},
    **{
        term: _link(term)
        for term in (
            "url",
            "superEvent",
            "subjectOf",
            "parentOrganization",
            "member",
            "performer",
            "contributor",
            "organizer",
        )
    },
    "startDate": {"@id": "schema:startDate", "@type": "xsd:date"},
    "endDate": {"@id": "schema:endDate", "@type": "xsd:date"},
    "latitude": {"@id": "schema:latitude", "@type": "xsd:double"},
    "longitude": {"@id": "schema:longitude", "@type": "xsd:double"},
    "subject": {"@id": "dcterms:subject", "@type": "@id"},
}

Node = dict[str, Any]

_IRI: Final = re.compile(r'^[a-zA-Z][a-zA-Z0-9+.-]*:[^\s<>"{}|\\^`]+$')


def _text(value: str | None, language: str | None) -> Any:
    if value is None or not language:
        return value
    return {"@value": value, "@language": language}


def _compact(node: Node) -> Node:
    """The node without empty values, which JSON-LD would drop anyway."""
    return {key: value for key, value in node.items() if value not in (None, [], "")}


def _people(involvements: list[Involvement]) -> list[str]:
    uris = (ids.entity_uri(who.person_id) for who in involvements if who.person_id)
    return list(dict.fromkeys(uris))


def _iris(urls: Iterable[str | None]) -> list[str]:
    """The URLs that are absolute IRIs, once each: anything else would make the graph invalid."""
    return list(dict.fromkeys(url for url in urls if url and _IRI.match(url)))


def _urls(initiative: Initiative) -> list[str]:
    return _iris(link.url for link in initiative.links if not link.problem)


def _place(uri: str, place: Place) -> Node | None:
    address = _compact(
        {
            "@id": f"{uri}#address",
            "@type": "PostalAddress",
            "addressLocality": place.city,
            "addressRegion": place.region,
            "addressCountry": place.country_code or place.country,
        }
    )
    geo = None
    if place.latitude is not None and place.longitude is not None:
        geo = {
            "@id": f"{uri}#geo",
            "@type": "GeoCoordinates",
            "latitude": place.latitude,
            "longitude": place.longitude,
        }
    if len(address) == 2 and geo is None:
        return None
    return _compact(
        {
            "@id": f"{uri}#place",
            "@type": "Place",
            "name": place.as_written,
            "address": address if len(address) > 2 else None,
            "geo": geo,
        }
    )


def _concepts(scheme: str, codes: Iterable[str | int]) -> Iterator[str]:
    for code in codes:
        try:
            uri = concept_uri(scheme, str(code))
        except UnknownConcept:
            uri = None
        if uri is None and scheme == THEME_SCHEME:
            uri = f"{THEMES}{code}"  # a theme code the bundled vocabulary does not list yet
        if uri is not None:
            yield uri


def _subjects(themes: list[str], sectors: list[str], sdgs: list[int]) -> list[str]:
    """ESSGLOBAL themes and sectors and UN SDGs as SKOS concept URIs."""
    return [
        *_concepts(THEME_SCHEME, themes),
        *_concepts(SECTOR_SCHEME, sectors),
        *_concepts(SDG_SCHEME, sdgs),
    ]


def _initiative(initiative: Initiative) -> Node:
    uri = ids.initiative_uri(initiative.id)
    workshop = f"{initiative.catalogue}/{initiative.workshop}" if initiative.workshop else None
    return _compact(
        {
            "@id": uri,
            "@type": ["essglobal:SSEInitiative", "Organization"],
            "identifier": initiative.id,
            "name": _text(initiative.title, initiative.language),
            "description": _text(initiative.description, initiative.language),
            "parentOrganization": (
                ids.entity_uri(initiative.organisation_id) if initiative.organisation_id else None
            ),
            "subjectOf": ids.workshop_uri(workshop) if workshop else None,
            "member": _people(initiative.presenters),
            "url": _urls(initiative),
            "location": _place(uri, initiative.place),
            "subject": _subjects(initiative.themes, initiative.sectors, initiative.sdgs),
        }
    )


def _workshop(
    workshop: Workshop, catalogue: Catalogue, programme: Programme, organizers: list[str]
) -> Node:
    initiatives = programme.workshop_initiatives(workshop)
    presenters = [who for initiative in initiatives for who in initiative.presenters]
    parent = (
        ids.session_uri(catalogue.id, workshop.session)
        if workshop.session in programme.sessions
        else ids.catalogue_uri(catalogue.id)
    )
    return _compact(
        {
            "@id": ids.workshop_uri(workshop.id),
            "@type": "Event",
            "identifier": workshop.id,
            "name": _text(f"{workshop.code} {workshop.title}", catalogue.language),
            "alternateName": _text(workshop.item_title, catalogue.language),
            "description": _text(workshop.description, catalogue.language),
            "startDate": workshop.date.isoformat() if workshop.date else None,
            "superEvent": parent,
            "location": {"@id": f"{ids.catalogue_uri(catalogue.id)}#place"},
            "organizer": organizers,
            "contributor": _people([workshop.moderator] if workshop.moderator else []),
            "performer": _people([*workshop.speakers, *workshop.panel, *presenters]),
            "subject": _subjects(workshop.themes, workshop.sectors, workshop.sdgs),
        }
    )


def _programme(catalogue: Catalogue, organizers: dict[str, list[str]]) -> Iterator[Node]:
    uri = ids.catalogue_uri(catalogue.id)
    place = {"@id": f"{uri}#place", "@type": "Place", "name": catalogue.city}
    yield _compact(
        {
            "@id": uri,
            "@type": "Event",
            "name": catalogue_label(catalogue),
            "alternateName": _text(catalogue.title, catalogue.language),
            "startDate": catalogue.start_date.isoformat() if catalogue.start_date else None,
            "endDate": catalogue.end_date.isoformat() if catalogue.end_date else None,
            "inLanguage": catalogue.language,
            "location": _compact(place) if catalogue.city else None,
        }
    )
    programme = Programme.of(catalogue)
    day_of_session: dict[int, str] = {}
    for day in programme.dated_days():
        assert day.date is not None  # dated_days() keeps only those
        day_uri = ids.day_uri(catalogue.id, day.date.isoformat())
        day_of_session.update(dict.fromkeys(day.sessions, day_uri))
        yield _compact(
            {
                "@id": day_uri,
                "@type": "Event",
                "name": _text(day.label, catalogue.language) or day.date.isoformat(),
                "startDate": day.date.isoformat(),
                "endDate": day.date.isoformat(),
                "superEvent": uri,
            }
        )
    for session in catalogue.sessions:
        yield _compact(
            {
                "@id": ids.session_uri(catalogue.id, session.number),
                "@type": "Event",
                "name": _text(session.heading or f"Session {session.number}", catalogue.language),
                "startDate": session.date.isoformat() if session.date else None,
                "superEvent": day_of_session.get(session.number, uri),
            }
        )
    for workshop in catalogue.workshops:
        yield _workshop(workshop, catalogue, programme, organizers.get(workshop.id, []))
    for initiative in catalogue.initiatives:
        yield _initiative(initiative)


def nodes(dataset: Dataset) -> Iterator[Node]:
    """The graph, one record's node at a time (JSON-LD node objects under :data:`CONTEXT`)."""
    # a workshop's organizer is its coordinating organisation, not every organisation named in
    # its panel; an organisation is found under any of the spellings it was printed with
    coordinators = {
        workshop.id: set(workshop.coordinators)
        for catalogue in dataset.catalogues
        for workshop in catalogue.workshops
    }
    organizers: defaultdict[str, list[str]] = defaultdict(list)
    for organisation in dataset.organisations:
        spellings = {organisation.name, *organisation.aliases}
        for workshop in organisation.workshops:
            if spellings & coordinators.get(workshop, set()):
                organizers[workshop].append(ids.entity_uri(organisation.id))
    for catalogue in dataset.catalogues:
        yield from _programme(catalogue, organizers)
    for organisation in dataset.organisations:
        uri = ids.entity_uri(organisation.id)
        address = {
            "@id": f"{uri}#address",
            "@type": "PostalAddress",
            "addressLocality": organisation.city,
            "addressCountry": organisation.country_code,
        }
        yield _compact(
            {
                "@id": uri,
                "@type": "Organization",
                "name": organisation.name,
                "alternateName": organisation.aliases,
                "url": _iris(organisation.urls),
                "address": address if organisation.city or organisation.country_code else None,
            }
        )
    for person in dataset.people:
        yield _compact(
            {
                "@id": ids.entity_uri(person.id),
                "@type": "Person",
                "name": person.name,
                "alternateName": person.aliases,
                "jobTitle": person.roles,
            }
        )


@register
class JsonLdExporter:
    """JSON-LD 1.1: ``{"@context": ..., "@graph": [...]}``, one node per record."""

    identifier: ClassVar[str] = "jsonld"
    extension: ClassVar[str] = "jsonld"
    media_type: ClassVar[str] = "application/ld+json"

    def write(self, stream: TextIO, dataset: Dataset) -> None:
        stream.write('{"@context": ' + json.dumps(CONTEXT, indent=1) + ',\n"@graph": [')
        for index, node in enumerate(nodes(dataset)):
            stream.write(("," if index else "") + "\n  ")
            stream.write(json.dumps(node, ensure_ascii=False))
        stream.write("\n]}\n")


@register
class TurtleExporter:
    """Turtle (RDF 1.1): the JSON-LD graph, serialised by rdflib a batch of records at a time."""

    identifier: ClassVar[str] = "turtle"
    extension: ClassVar[str] = "ttl"
    media_type: ClassVar[str] = "text/turtle; charset=utf-8"

    # records per rdflib graph: its Turtle serialiser slows as a graph gathers namespaces
    batch: ClassVar[int] = 25

    def write(self, stream: TextIO, dataset: Dataset) -> None:
        from rdflib import Graph
        from rdflib.plugins.parsers.jsonld import to_rdf

        for prefix, iri in PREFIXES.items():
            stream.write(f"@prefix {prefix}: <{iri}> .\n")
        records = nodes(dataset)
        while batch := list(islice(records, self.batch)):
            graph = Graph(bind_namespaces="none")
            for prefix, iri in PREFIXES.items():
                graph.bind(prefix, iri)
            # the parser's core, as Graph.parse would wrap the graph in a deprecated class
            to_rdf({"@context": CONTEXT, "@graph": batch}, graph)
            text = graph.serialize(format="turtle")
            # rdflib opens with its prefix block and a blank line; ours was written once above
            body = text.partition("\n\n")[2] if text.startswith("@prefix") else text
            stream.write("\n" + body.strip("\n") + "\n")
