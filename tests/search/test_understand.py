"""Query understanding over the seed catalogue: what a query is read as, filter or boost."""

from __future__ import annotations

import pytest

from sse_atlas.kb import KnowledgeBase
from sse_atlas.search import SearchQuery, engine_for
from sse_atlas.search.understand import Interpretation, Reading, Understander, query_words


@pytest.fixture(scope="module")
def understander(seed_kb: KnowledgeBase) -> Understander:
    engine = engine_for(seed_kb.repository)
    return Understander(engine.documents, engine.facets.values)


def _read(understander: Understander, text: str) -> list[tuple[str, tuple[str, ...], str, bool]]:
    return [(i.kind, i.values, i.span, i.filter) for i in understander.read(text).interpretations]


def test_understand_country_after_locative_is_filter(understander: Understander) -> None:
    assert understander.read("initiatives au Brésil") == Reading(
        (Interpretation("place", ("BR",), "Brazil", "Brésil", True, "country"),), ""
    )


def test_understand_country_with_topic_leaves_topic_words(understander: Understander) -> None:
    reading = understander.read("economía social en Colombia")
    assert (reading.text, _read(understander, "economía social en Colombia")) == (
        "economía social",
        [("place", ("CO",), "Colombia", True)],
    )


def test_understand_basque_inessive_is_filter(understander: Understander) -> None:
    assert _read(understander, "bakea Kolonbian") == [
        ("sdg", ("16",), "bakea", False),
        ("place", ("CO",), "Kolonbian", True),
    ]


def test_understand_continent_adjective_is_boost(understander: Understander) -> None:
    assert _read(understander, "ce que font les mairies africaines") == [
        ("organisation_type", ("local-government",), "mairies", False),
        ("place", ("Africa",), "africaines", False),
    ]


def test_understand_latin_america_is_three_regions(understander: Understander) -> None:
    assert _read(understander, "Lateinamerika") == [
        ("place", ("South America", "Central America", "Caribbean"), "Lateinamerika", True)
    ]


def test_understand_region_alias_names_collection_region(understander: Understander) -> None:
    assert _read(understander, "Euskadi") == [("place", ("Pays Basque",), "Euskadi", False)]


def test_understand_city_by_its_gazetteer_names(understander: Understander) -> None:
    assert [_read(understander, text) for text in ("Bilboko ekimenak", "Seúl", "Barcelona")] == [
        [("place", ("Bilbao",), "Bilboko", False)],
        [("place", ("Séoul",), "Seúl", False)],
        [("place", ("Barcelone",), "Barcelona", False)],
    ]


def test_understand_day_session_and_goal_numbers(understander: Understander) -> None:
    assert _read(understander, "session 3 mardi ODD 5") == [
        ("session", ("3",), "session 3", True),
        ("day", ("2018-10-02",), "mardi", True),
        ("sdg", ("5",), "ODD 5", False),
    ]


def test_understand_organisation_name_is_entity(understander: Understander) -> None:
    assert _read(understander, "Koopera") == [("entity", ("Koopera",), "Koopera", False)]


def test_understand_part_of_a_name_is_entity(understander: Understander) -> None:
    assert [_read(understander, t) for t in ("di Meglio", "Chantier economie sociale")] == [
        [("entity", ("Roberto di Meglio",), "di Meglio", False)],
        [("entity", ("Chantier de l'Économie Sociale",), "Chantier economie sociale", False)],
    ]


def test_understand_surname_alone_is_not_a_name(understander: Understander) -> None:
    assert _read(understander, "Cadena") == []


def test_understand_literal_kind_is_not_read(understander: Understander) -> None:
    assert understander.read("initiatives au Brésil", literal=("place",)) == Reading(
        (), "initiatives au Brésil"
    )


def test_understand_unknown_words_read_as_nothing(understander: Understander) -> None:
    assert understander.read("zzqx blorf") == Reading((), "zzqx blorf")


def test_understand_query_words_table_loads_every_role() -> None:
    words = query_words()
    assert (
        "au" in words.locative["fr"],
        "initiatives" in words.generic,
        "session" in words.session,
        "odd" in words.sdg,
        "n" in words.eu_locative,
        sorted(words.adjectives),
    ) == (True, True, True, True, True, ["Africa", "Americas", "Asia", "Europe"])


def test_search_place_filter_keeps_only_that_country(seed_kb: KnowledgeBase) -> None:
    results = seed_kb.search(SearchQuery(text="initiatives in Japan"))
    assert [(h.id, h.country_code) for h in results.hits] == [("gsef2018-fr/4.1.2", "JP")]


def test_search_city_named_where_words_find_nothing_lists_its_records(
    seed_kb: KnowledgeBase,
) -> None:
    results = seed_kb.search(SearchQuery(text="Bilboko ekimenak", limit=50))
    bilbao = [i.id for i in seed_kb.initiatives() if i.place.city == "Bilbao"]
    assert (results.weak, sorted(h.id for h in results.hits)) == (False, sorted(bilbao))


def test_search_literal_place_searches_words_again(seed_kb: KnowledgeBase) -> None:
    read = seed_kb.search(SearchQuery(text="initiatives in Japan"))
    literal = seed_kb.search(SearchQuery(text="initiatives in Japan", literal=("place",)))
    assert (read.total, literal.interpreted, literal.total > read.total) == (1, (), True)


def test_search_organisation_name_gives_entity_first(seed_kb: KnowledgeBase) -> None:
    results = seed_kb.search(SearchQuery(text="Koopera", limit=3))
    assert (
        [(e.kind, e.id, e.initiatives) for e in results.entities],
        results.hits[0].id,
    ) == ([("organisation", "organisation/koopera", ("gsef2018-fr/1.1.2",))], "gsef2018-fr/1.1.2")


def test_search_types_without_entities_gives_none(seed_kb: KnowledgeBase) -> None:
    results = seed_kb.search(SearchQuery(text="Koopera", types=("initiative",)))
    assert results.entities == ()


def test_search_types_entities_only_gives_no_records(seed_kb: KnowledgeBase) -> None:
    results = seed_kb.search(SearchQuery(text="Koopera", types=("organisation",)))
    assert (results.total, results.hits, len(results.entities)) == (0, [], 1)


def test_search_typo_suggests_corrected_query(seed_kb: KnowledgeBase) -> None:
    results = seed_kb.search(SearchQuery(text="economie circulère"))
    assert results.suggestion == "economie circulaire"


def test_search_filter_without_match_offers_closest(seed_kb: KnowledgeBase) -> None:
    results = seed_kb.search(SearchQuery(text="monnaie sociale", filters={"country": ("JP",)}))
    closest = {facet: [v.value for v in values] for facet, values in results.closest.items()}
    assert (results.total, closest) == (
        0,
        {"country": ["ES", "BR", "GB"], "theme": ["T3", "T4", "T6"]},
    )


def test_search_place_without_match_shows_closest_as_weak(seed_kb: KnowledgeBase) -> None:
    results = seed_kb.search(SearchQuery(text="monnaie sociale in Japan"))
    assert (results.weak, [h.country_code for h in results.hits]) == (True, ["JP"])


def test_search_word_no_record_holds_makes_the_answer_weak(seed_kb: KnowledgeBase) -> None:
    # "pesca" is in no record: the records holding "cooperativas" alone match it weakly
    assert seed_kb.search(SearchQuery(text="cooperativas de pesca artesanal")).weak is True


def test_search_nonsense_offers_nothing(seed_kb: KnowledgeBase) -> None:
    results = seed_kb.search(SearchQuery(text="zzqx blorf"))
    assert (results.total, results.closest, results.spelling) == (0, {}, None)


def test_search_nothing_found_offers_the_word_it_resembles(seed_kb: KnowledgeBase) -> None:
    results = seed_kb.search(SearchQuery(text="qqmonnaiex"))
    assert (results.total, results.suggestion, results.spelling) == (0, None, "monnaie")


def test_search_spelling_only_when_nothing_is_found(seed_kb: KnowledgeBase) -> None:
    assert seed_kb.search(SearchQuery(text="monnaie sociale")).spelling is None
