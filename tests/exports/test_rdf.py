"""JSON-LD and Turtle, each parsed back by rdflib: one graph in ESSGLOBAL and schema.org terms."""

from __future__ import annotations

import warnings

from rdflib import RDF, Graph, Literal, Namespace, URIRef

from sse_atlas.exports.rdf import JsonLdExporter, TurtleExporter
from sse_atlas.model import Dataset

from .helpers import render

SDO = Namespace("https://schema.org/")
ESS = Namespace("http://purl.org/essglobal/vocab/")
DCTERMS = Namespace("http://purl.org/dc/terms/")
ID = Namespace("https://sse-atlas.org/id/")


def _jsonld_graph(dataset: Dataset) -> Graph:
    graph = Graph()
    with warnings.catch_warnings():
        # rdflib's JSON-LD parser builds a ConjunctiveGraph, which rdflib itself deprecates
        warnings.filterwarnings("ignore", "ConjunctiveGraph is deprecated", DeprecationWarning)
        graph.parse(data=render(JsonLdExporter(), dataset), format="json-ld")
    return graph


def _turtle_graph(dataset: Dataset) -> Graph:
    return Graph().parse(data=render(TurtleExporter(), dataset), format="turtle")


def test_jsonld_and_turtle_hold_the_same_triples(small_dataset: Dataset) -> None:
    jsonld = _jsonld_graph(small_dataset)
    assert len(jsonld) > 100
    assert set(jsonld) == set(_turtle_graph(small_dataset))


def test_turtle_written_in_batches_is_the_same_graph(small_dataset: Dataset) -> None:
    class SmallBatches(TurtleExporter):
        batch = 2

    parts = Graph().parse(data=render(SmallBatches(), small_dataset), format="turtle")
    assert set(parts) == set(_turtle_graph(small_dataset))


def test_rdf_initiative_is_an_sse_initiative_and_an_organisation(small_dataset: Dataset) -> None:
    graph = _turtle_graph(small_dataset)
    initiative = ID["initiative/gsef2018-fr/2.3.2"]
    described: dict[str, object] = {
        "types": set(graph.objects(initiative, RDF.type)),
        "organisation": graph.value(initiative, SDO.parentOrganization),
        "workshop": graph.value(initiative, SDO.subjectOf),
        "presenter": graph.value(initiative, SDO.member),
        "name": graph.value(initiative, SDO.name),
    }
    assert described == {
        "types": {ESS.SSEInitiative, SDO.Organization},
        "organisation": ID["organisation/fiducie-du-chantier-de-l-economie-sociale"],
        "workshop": ID["workshop/gsef2018-fr/2.3"],
        "presenter": ID["person/jacques-charest"],
        "name": Literal(
            "Instruments financiers du Chantier de l'économie sociale et de l'investissement",
            lang="fr",
        ),
    }


def test_rdf_place_has_an_address_and_coordinates(small_dataset: Dataset) -> None:
    graph = _turtle_graph(small_dataset)
    place = graph.value(ID["initiative/gsef2018-fr/2.3.2"], SDO.location)
    assert isinstance(place, URIRef)
    address, geo = graph.value(place, SDO.address), graph.value(place, SDO.geo)
    described: dict[str, object] = {
        "place": (place, graph.value(place, RDF.type)),
        "city": graph.value(address, SDO.addressLocality),
        "country": graph.value(address, SDO.addressCountry),
        "geo": graph.value(geo, RDF.type),
    }
    assert described == {
        "place": (ID["initiative/gsef2018-fr/2.3.2#place"], SDO.Place),
        "city": Literal("Montréal"),
        "country": Literal("CA"),
        "geo": SDO.GeoCoordinates,
    }
    latitude, longitude = graph.value(geo, SDO.latitude), graph.value(geo, SDO.longitude)
    assert isinstance(latitude, Literal)
    assert isinstance(longitude, Literal)
    assert (latitude.toPython(), longitude.toPython()) == (45.50884, -73.58781)


def test_rdf_events_nest_workshop_session_day_forum(small_dataset: Dataset) -> None:
    graph = _turtle_graph(small_dataset)
    chain = [ID["workshop/gsef2018-fr/2.3"]]
    while (parent := graph.value(chain[-1], SDO.superEvent)) is not None:
        assert isinstance(parent, URIRef)
        chain.append(parent)
    assert chain == [
        ID["workshop/gsef2018-fr/2.3"],
        ID["session/gsef2018-fr/2"],
        ID["day/gsef2018-fr/2018-10-01"],
        ID["catalogue/gsef2018-fr"],
    ]
    assert {graph.value(event, RDF.type) for event in chain} == {SDO.Event}


def test_rdf_coordinated_workshop_names_its_people(small_dataset: Dataset) -> None:
    graph = _turtle_graph(small_dataset)
    workshop = ID["workshop/gsef2018-fr/2.4"]
    performers = set(graph.objects(workshop, SDO.performer))
    described: dict[str, object] = {
        "organizer": graph.value(workshop, SDO.organizer),
        "moderator": graph.value(workshop, SDO.contributor),
        "performers": performers,
        "people": {graph.value(person, RDF.type) for person in performers},
    }
    assert described == {
        "organizer": ID["organisation/ocde"],
        "moderator": ID["person/antonella-noya"],
        "performers": {
            ID["person/ellen-oetelmans"],
            ID["person/pascal-isoard-thomas"],
            ID["person/lance-mcneill"],
            ID["person/risto-raivio"],
        },
        "people": {SDO.Person},
    }


def test_rdf_classification_codes_become_concept_uris(small_dataset: Dataset) -> None:
    initiative = small_dataset.catalogues[0].initiatives[2]
    initiative.themes, initiative.sectors, initiative.sdgs = ["T3", "T99"], ["AM60", "X"], [8]
    graph = _jsonld_graph(small_dataset)
    subjects = set(graph.objects(ID["initiative/gsef2018-fr/2.3.2"], DCTERMS.subject))
    assert subjects == {
        URIRef("http://purl.org/essglobal/standard/themes/T3"),
        URIRef("http://purl.org/essglobal/standard/themes/T99"),
        URIRef("http://purl.org/essglobal/standard/activities-modified/AM60"),
        URIRef("http://metadata.un.org/sdg/8"),
    }


def test_rdf_full_catalogue_gives_the_same_graph_both_ways(full_dataset: Dataset) -> None:
    assert set(_jsonld_graph(full_dataset)) == set(_turtle_graph(full_dataset))


def test_rdf_leaves_out_urls_that_are_not_iris(small_dataset: Dataset) -> None:
    organisation = small_dataset.organisations[0]
    organisation.urls = ["http://exa mple.org/", "www.example.org", "https://example.org/"]
    graph = _turtle_graph(small_dataset)
    urls = set(graph.objects(ID[organisation.id], SDO.url))
    assert urls == {URIRef("https://example.org/")}
