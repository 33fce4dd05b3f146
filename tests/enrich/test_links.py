"""Links whose domain the catalogue itself contradicts; no network."""

from __future__ import annotations

import copy

from sse_atlas.enrich.links import (
    apply_link_problems,
    find_suspect_links,
    link_problems,
    registered_domain,
    site_name,
)
from sse_atlas.ingest.catalogue import ParseResult
from sse_atlas.model import Catalogue, Initiative, Link, Workshop


def _link(url: str, problem: str | None = None) -> Link:
    return Link(as_written=url, url=url, problem=problem)


def _initiative(code: str, organisation: str | None, *links: Link) -> Initiative:
    return Initiative(
        code=code, title=code, catalogue="test", organisation=organisation, links=list(links)
    )


def _catalogue(*initiatives: Initiative, workshops: list[Workshop] | None = None) -> Catalogue:
    return Catalogue(id="test", initiatives=list(initiatives), workshops=workshops or [])


def test_registered_domain_keeps_country_second_levels() -> None:
    hosts = ["www.ripess.org", "www.muniate.gob.pe", "www.liverpool.ac.uk", "english.seoul.go.kr"]
    assert [registered_domain(host) for host in hosts] == [
        "ripess.org",
        "muniate.gob.pe",
        "liverpool.ac.uk",
        "seoul.go.kr",
    ]


def test_site_name_drops_www_and_public_suffix() -> None:
    hosts = ["www.muni.ate.gob.pe", "www2.elkargi.es", "ajuntament.barcelona.cat"]
    assert [site_name(host) for host in hosts] == ["muni.ate", "elkargi", "ajuntament.barcelona"]


def test_link_problems_seed(seed: ParseResult) -> None:
    # ripest.org (6.4) against ripess.org (3.3.1, and RIPESS coordinates 6.4); the Ate district's
    # site printed muniate.gob.pe (1.1.3) and muni.ate.gob.pe (6.5), neither backed by a name;
    # unisdr.org for UNRISD (4.4), femulp.org for FEMLUP (1.1.3), wto.org for the World Fair
    # Trade Organization (5.5)
    assert link_problems([seed.catalogue]) == {
        "http://www.muniate.gob.pe/ate/principal.php": ["suspect-domain:muni.ate.gob.pe"],
        "http://www.femulp.org/": ["suspect-domain:FEMLUP"],
        "https://www.unisdr.org/": ["suspect-domain:UNRISD"],
        "https://www.wto.org/": ["suspect-domain:WFTO"],
        "http://www.ripest.org/continental-networks/north-america/?lang=en": [
            "suspect-domain:ripess.org"
        ],
        "http://www.ripest.org/continental-networks/asia/?lang=en": ["suspect-domain:ripess.org"],
        "http://www.muni.ate.gob.pe/ate/principal.php": ["suspect-domain:muniate.gob.pe"],
    }


def test_find_suspect_links_seed_rules(seed: ParseResult) -> None:
    found = [(s.record, s.rule, s.other) for s in find_suspect_links([seed.catalogue])]
    assert sorted(found) == [
        ("gsef2018-fr/1.1.3", "acronym", "FEMLUP"),
        ("gsef2018-fr/1.1.3", "near-domain", "muni.ate.gob.pe"),
        ("gsef2018-fr/4.4", "acronym", "UNRISD"),
        ("gsef2018-fr/5.5", "initials", "WFTO"),
        ("gsef2018-fr/6.4", "near-domain", "ripess.org"),
        ("gsef2018-fr/6.4", "near-domain", "ripess.org"),
        ("gsef2018-fr/6.5", "near-domain", "muniate.gob.pe"),
    ]


def test_apply_link_problems_seed_then_rerun_changes_nothing(seed: ParseResult) -> None:
    catalogue = copy.deepcopy(seed.catalogue)
    first = [(u.record, u.path, u.old, u.new) for u in apply_link_problems([catalogue])]
    assert first == [
        ("gsef2018-fr/1.1.3", "links[0]", None, "suspect-domain:muni.ate.gob.pe"),
        ("gsef2018-fr/1.1.3", "links[1]", None, "suspect-domain:FEMLUP"),
        ("gsef2018-fr/4.4", "links[0]", None, "suspect-domain:UNRISD"),
        ("gsef2018-fr/5.5", "links[0]", None, "suspect-domain:WFTO"),
        ("gsef2018-fr/6.4", "panel[0].links[0]", None, "suspect-domain:ripess.org"),
        ("gsef2018-fr/6.4", "panel[1].links[0]", None, "suspect-domain:ripess.org"),
        ("gsef2018-fr/6.5", "panel[3].links[0]", None, "suspect-domain:muniate.gob.pe"),
    ]
    assert apply_link_problems([catalogue]) == []


def test_apply_link_problems_keeps_ingest_problems() -> None:
    printed = _link("http://www.ripest.org/asia", "contains-space;missing-scheme")
    catalogue = _catalogue(
        _initiative("1.1.1", "RIPESS", _link("http://www.ripess.org/")),
        _initiative("1.1.2", "RIPESS Asie", printed),
    )
    apply_link_problems([catalogue])
    assert printed.problem == "contains-space;missing-scheme;suspect-domain:ripess.org"


def test_apply_link_problems_drops_a_suspicion_no_longer_backed() -> None:
    printed = _link("http://www.ripest.org/asia", "missing-scheme;suspect-domain:ripess.org")
    catalogue = _catalogue(_initiative("1.1.1", "RIPESS Asie", printed))
    updates = apply_link_problems([catalogue])
    assert [(u.old, u.new, u.reason) for u in updates] == [
        ("missing-scheme;suspect-domain:ripess.org", "missing-scheme", "no longer contradicted")
    ]


def test_link_problems_backed_spelling_is_not_suspect() -> None:
    catalogue = _catalogue(
        _initiative("1.1.1", "Koopera", _link("http://koopera.org/")),
        _initiative("1.1.2", "Some shop", _link("http://kooperb.org/")),
    )
    assert link_problems([catalogue]) == {"http://kooperb.org/": ["suspect-domain:koopera.org"]}


def test_link_problems_ignore_short_other_country_and_sub_sites() -> None:
    catalogue = _catalogue(
        _initiative("1.1.1", None, _link("https://www.ilo.org/"), _link("https://www.wto.org/")),
        _initiative("1.1.2", None, _link("http://www.aeress.org/"), _link("http://aeress.es/")),
        _initiative("1.1.3", None, _link("http://fr.lab2050.org"), _link("http://en.lab2050.org")),
        _initiative(
            "1.1.4", None, _link("https://www.facebook.com/a"), _link("http://facebok.com")
        ),
    )
    assert link_problems([catalogue]) == {}


def test_link_problems_acronym_of_the_owning_organisation_only() -> None:
    catalogue = _catalogue(
        _initiative("1.1.1", "UNRISD", _link("https://www.unisdr.org/")),
        _initiative("1.1.2", "UNISDR", _link("https://www.unisdr.org/drr")),
    )
    assert link_problems([catalogue]) == {"https://www.unisdr.org/": ["suspect-domain:UNRISD"]}
