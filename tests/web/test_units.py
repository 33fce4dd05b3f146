"""The pieces under the pages: URL builder, search parameters, snippets and link safety."""

from __future__ import annotations

import pytest

from sse_atlas.kb import KnowledgeBase
from sse_atlas.model import Dataset
from sse_atlas.search.results import SearchQuery
from sse_atlas.web import i18n, labels, urls
from sse_atlas.web.contexts.common import safe_href
from sse_atlas.web.params import MAX_TEXT, SearchParams, clean_text
from sse_atlas.web.render import highlight
from sse_atlas.web.routes.exports import subset


def test_urls_records() -> None:
    assert (
        urls.initiative("gsef2018-fr/4.2.1"),
        urls.workshop("gsef2018-fr/2.4"),
        urls.organisation("organisation/groupe-terre"),
        urls.person("person/xabier-roberti"),
        urls.country("BE"),
        urls.programme("gsef2018-fr", urls.workshop_anchor("2.4")),
        urls.hit("gsef2018-fr/2.4", "workshop"),
    ) == (
        "/initiatives/gsef2018-fr/4.2.1",
        "/workshops/gsef2018-fr/2.4",
        "/organisations/groupe-terre",
        "/people/xabier-roberti",
        "/countries/be",
        "/programme/gsef2018-fr#w-2-4",
        "/workshops/gsef2018-fr/2.4",
    )


def test_urls_quote_odd_ids() -> None:
    assert (urls.initiative("cat/a b?c"), urls.organisation("organisation/x/y#z")) == (
        "/initiatives/cat/a%20b%3Fc",
        "/organisations/x%2Fy%23z",
    )


def test_urls_slug_to_id() -> None:
    assert (urls.organisation_id("groupe-terre"), urls.person_id("person/x")) == (
        "organisation/groupe-terre",
        "person/x",
    )


def test_urls_search_keeps_every_value() -> None:
    url = urls.search("économie & co", {"country": ["ES", "FR"], "sdg": ["8"]}, page=2)
    assert url == "/?q=%C3%A9conomie+%26+co&country=ES&country=FR&sdg=8&page=2"


def test_params_parse_filters_and_page() -> None:
    params = SearchParams.parse(
        [
            ("q", " coop "),
            ("country", "ES"),
            ("country", "FR"),
            ("country", "ES"),
            ("page", "3"),
            ("unknown", "x"),
            ("theme", ""),
        ]
    )
    assert (params.text, params.filters, params.page, params.offset) == (
        "coop",
        {"country": ("ES", "FR")},
        3,
        40,
    )


@pytest.mark.parametrize(
    ("page", "limit", "expected"),
    [("abc", "x", (1, 20)), ("-5", "0", (1, 1)), ("99999", "1000", (1000, 100))],
)
def test_params_bad_numbers_fall_back(page: str, limit: str, expected: tuple[int, int]) -> None:
    params = SearchParams.parse([("page", page), ("limit", limit)])
    assert (params.page, params.limit) == expected


def test_params_clean_control_characters() -> None:
    assert clean_text("a\x00b\x1f\tc\u2028d \U0001f331 e") == "a b c d \U0001f331 e"


def test_params_long_text_shortened() -> None:
    params = SearchParams.parse([("q", "x" * 5000)])
    assert (len(params.text), params.shortened) == (MAX_TEXT, True)


def test_params_toggle_adds_and_removes() -> None:
    params = SearchParams.parse([("country", "ES"), ("sdg", "8")])
    assert (params.toggled("country", "FR"), params.toggled("country", "ES")) == (
        {"country": ["ES", "FR"], "sdg": ["8"]},
        {"sdg": ["8"]},
    )


def test_params_query() -> None:
    params = SearchParams.parse([("q", "vivienda"), ("kind", "initiative"), ("page", "2")])
    assert params.query() == SearchQuery(
        text="vivienda", filters={"kind": ("initiative",)}, limit=20, offset=20
    )


def test_highlight_escapes_and_marks() -> None:
    assert str(highlight("les [[coopératives]] <b>&</b> [[x]")) == (
        "les <mark>coopératives</mark> &lt;b&gt;&amp;&lt;/b&gt; x]"
    )


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("http://www.terre.be", "http://www.terre.be"),
        ("https://a.org/x?y=1", "https://a.org/x?y=1"),
        ("mailto:a@b.org", "mailto:a@b.org"),
        ("javascript:alert(1)", None),
        (" JavaScript:alert(1)", None),
        ("data:text/html,x", None),
        ("www.terre.be", None),
        ("http://[::1", None),
        (None, None),
    ],
)
def test_safe_href(url: str | None, expected: str | None) -> None:
    assert safe_href(url) == expected


def test_subset_keeps_found_records_and_their_people(seed_kb: KnowledgeBase) -> None:
    dataset = subset(seed_kb.dataset(), {"gsef2018-fr/4.2.1"}, {"gsef2018-fr/2.4"})
    (catalogue,) = dataset.catalogues
    panel = seed_kb.workshop("gsef2018-fr/2.4")
    assert panel is not None
    expected_people = {"person/xabier-roberti"} | {
        p.person_id for p in [*panel.panel, panel.moderator, *panel.speakers] if p and p.person_id
    }
    assert (
        [i.id for i in catalogue.initiatives],
        [w.id for w in catalogue.workshops],
        [o.id for o in dataset.organisations if "gsef2018-fr/4.2.1" in o.initiatives],
        {p.id for p in dataset.people} == expected_people,
    ) == (
        ["gsef2018-fr/4.2.1"],
        ["gsef2018-fr/2.4", "gsef2018-fr/4.2"],
        ["organisation/groupe-terre"],
        True,
    )


def test_subset_nothing_found_is_empty(seed_kb: KnowledgeBase) -> None:
    assert subset(seed_kb.dataset(), set(), set()) == Dataset()


@pytest.mark.parametrize("language", ["fr", "es"])
def test_units_finding_words_translated(language: str) -> None:
    gettext = i18n.translations(language).gettext
    tables = (labels.FINDING_KINDS, labels.FINDING_FIELDS, labels.SEVERITIES)
    same = [words for table in tables for words in table.values() if gettext(words) == words]
    allowed = {"fr": ["description", "organisation", "panel"], "es": ["panel", "Error"]}
    assert same == allowed[language]


def test_units_organisation_type_legal_form_in_words() -> None:
    assert [labels.organisation_type("L2", lang) for lang in ("fr", "en", "es")] == [
        "Coopérative",
        "Cooperative",
        "Cooperativa",
    ]
