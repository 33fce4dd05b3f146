"""Search over the seed catalogue, with the real multilingual encoder (built once)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sse_atlas.cli import main
from sse_atlas.kb import KnowledgeBase
from sse_atlas.search import SearchQuery
from tests.search.test_query import HOSTILE

MUMBUCA = "gsef2018-fr/7.1.4"


def _first(kb: KnowledgeBase, text: str) -> str:
    return kb.search(SearchQuery(text=text, limit=3)).hits[0].id


def test_search_moneda_social_finds_mumbuca_first(seed_kb: KnowledgeBase) -> None:
    assert _first(seed_kb, "moneda social") == MUMBUCA


def test_search_debit_card_paraphrase_finds_mumbuca_first(seed_kb: KnowledgeBase) -> None:
    assert _first(seed_kb, "a debit card currency for poor families") == MUMBUCA


def test_search_semantic_alone_crosses_languages(seed_kb: KnowledgeBase) -> None:
    results = seed_kb.search(
        SearchQuery(
            text="robots and automation threatening jobs for disabled workers", mode="semantic"
        )
    )
    assert results.hits[0].id == "gsef2018-fr/6.1.3"


def test_search_snippet_highlights_matched_words(seed_kb: KnowledgeBase) -> None:
    hit = seed_kb.search(SearchQuery(text="monnaie sociale", limit=1)).hits[0]
    assert hit.snippet.startswith("La [[Monnaie]] [[Sociale]] Mumbuca est la première")


def test_search_hostile_queries_answer(seed_kb: KnowledgeBase) -> None:
    for text in HOSTILE:
        assert seed_kb.search(SearchQuery(text=text, limit=2)).total >= 0


def test_search_nothing_relevant_says_weak(seed_kb: KnowledgeBase) -> None:
    results = seed_kb.search(SearchQuery(text="quantum chromodynamics lattice"))
    assert (results.weak, results.total <= 5) == (True, True)


def test_search_facets_narrow_with_counts(seed_kb: KnowledgeBase) -> None:
    initiatives = seed_kb.initiatives()
    coordinated = [w for w in seed_kb.workshops() if w.kind == "coordinated"]
    in_spain = [i for i in initiatives if i.place.country_code == "ES"]
    everything = seed_kb.search(SearchQuery(limit=0))
    spain = seed_kb.search(SearchQuery(filters={"country": ("ES",)}, limit=200))
    assert (
        everything.total,
        {v.value: v.count for v in everything.facets["kind"]},
        {v.value: v.count for v in everything.facets["country"]}["ES"],
        spain.total,
        {hit.country_code for hit in spain.hits},
    ) == (
        len(initiatives) + len(coordinated),
        {"initiative": len(initiatives), "workshop": len(coordinated)},
        len(in_spain),
        len(in_spain),
        {"ES"},
    )
    on_day = seed_kb.search(SearchQuery(filters={"country": ("ES",), "day": ("2018-10-03",)}))
    assert on_day.total == {v.value: v.count for v in spain.facets["day"]}["2018-10-03"]


def test_search_facets_with_text_count_the_matches(seed_kb: KnowledgeBase) -> None:
    results = seed_kb.search(SearchQuery(text="handicap", limit=50))
    countries = {v.value: v.count for v in results.facets["country"]}
    assert sum(countries.values()) == results.total == len(results.hits)


def test_similar_returns_other_initiatives(seed_kb: KnowledgeBase) -> None:
    found = seed_kb.similar(MUMBUCA, limit=5)
    assert (len(found), MUMBUCA in {h.id for h in found}) == (5, False)


def test_similar_unknown_record_raises(seed_kb: KnowledgeBase) -> None:
    with pytest.raises(KeyError):
        seed_kb.similar("gsef2018-fr/99.9.9")


def test_cli_search_json_and_batch(
    seed_kb: KnowledgeBase, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = seed_kb.location
    assert main(["search", "moneda social", "--json", "--limit", "1", "--db", db]) == 0
    single = json.loads(capsys.readouterr().out)
    batch = tmp_path / "queries.jsonl"
    batch.write_text('{"id": "q1", "text": "moneda social"}\n{"id": "q2", "text": "Eroski"}\n')
    assert main(["search", "--batch", str(batch), "--limit", "2", "--db", db]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert (single["hits"][0]["id"], [(x["id"], x["hits"][0]["id"]) for x in lines]) == (
        MUMBUCA,
        [("q1", MUMBUCA), ("q2", "gsef2018-fr/8.3.3")],
    )


def test_cli_search_bad_filter_is_a_usage_error(
    seed_kb: KnowledgeBase, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["search", "x", "--filter", "colour=red", "--db", seed_kb.location]) == 2
    assert "KEY=VALUE" in capsys.readouterr().err


def test_cli_search_bad_batch_line_names_file_and_line(
    seed_kb: KnowledgeBase, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    batch = tmp_path / "queries.jsonl"
    batch.write_text('{"id": "q1", "text": "x"}\nnot json\n')
    assert main(["search", "--batch", str(batch), "--db", seed_kb.location]) == 1
    assert capsys.readouterr().err.startswith(f"{batch}:2: not JSON")


def test_cli_search_filters_alone_list_what_they_keep(
    seed_kb: KnowledgeBase, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["search", "--filter", "country=CA", "--filter", "country=BR", "--json"]
    assert main([*args, "--limit", "50", "--db", seed_kb.location]) == 0
    found = json.loads(capsys.readouterr().out)
    expected = [i.id for i in seed_kb.initiatives() if i.place.country_code in ("CA", "BR")]
    assert (found["total"], [h["id"] for h in found["hits"]]) == (len(expected), expected)


def test_search_short_paraphrase_with_low_cosines_still_finds_its_record(
    seed_kb: KnowledgeBase,
) -> None:
    # two English words for the "veilleurs de nuit" of Gijón: every cosine is low, but one
    # record stands far above the rest
    results = seed_kb.search(SearchQuery(text="night watchmen"))
    assert ([hit.id for hit in results.hits][:1], results.weak) == (["gsef2018-fr/3.2.1"], True)


def test_search_gibberish_finds_nothing(seed_kb: KnowledgeBase) -> None:
    results = seed_kb.search(SearchQuery(text="xyzzy qwerty plugh"))
    assert (results.total, results.weak) == (0, True)


def test_cli_search_says_how_query_was_read(
    seed_kb: KnowledgeBase, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["search", "initiatives in Japan", "--db", seed_kb.location]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[:3] == [
        "1 result for 'initiatives in Japan'",
        "Showing initiatives in Japan",
        "  (to search the words alone: --literal place)",
    ]


@pytest.mark.parametrize(
    ("option", "message"),
    [("--literal=colour", "--literal 'colour'"), ("--types=shops", "--types: unknown result")],
)
def test_cli_search_bad_literal_or_types_is_usage_error(
    seed_kb: KnowledgeBase, capsys: pytest.CaptureFixture[str], option: str, message: str
) -> None:
    assert main(["search", "x", option, "--db", seed_kb.location]) == 2
    assert capsys.readouterr().err.startswith(f"sse-atlas search: {message}")
