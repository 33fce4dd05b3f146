"""Every entry's confidence and the signals behind it; the least sure are listed for review."""

from __future__ import annotations

from sse_atlas.ingest.catalogue import ParseResult, build_catalogue
from sse_atlas.ingest.lines import lines_from_string
from sse_atlas.model import LOW_CONFIDENCE

ENTRIES = """ATELIERS SESSION 1

1.1 Un atelier

1.1.1 Une initiative bien lue

Koopera. Munguía, Pays Basque, Espagne

Koopera emploie 594 personnes dans des coopératives d'insertion du Pays Basque.

Javier Mariño. Gérant. <http://koopera.org/>

1.1.2 Une initiative sans lieu ni présentateur

Koopera emploie 594 personnes dans des coopératives d'insertion et plus encore.
"""


def test_confidence_seed_lists_the_two_entries_without_a_full_place(seed: ParseResult) -> None:
    uncertain = seed.report.uncertain()

    assert [(e.code, e.confidence, e.fields, e.line) for e in uncertain] == [
        ("2.1.1", 0.65, ["organisation", "place"], 217),
        ("2.3.1", 0.7, ["place"], 259),
    ]


def test_confidence_every_initiative_has_an_entry(seed: ParseResult) -> None:
    entries = seed.report.entries

    assert [e.code for e in entries] == [i.code for i in seed.catalogue.initiatives]


def test_confidence_signals_name_what_was_missing() -> None:
    report = build_catalogue(lines_from_string(ENTRIES), "doc").report
    entries = {entry.code: entry for entry in report.entries}

    assert (
        entries["1.1.1"].confidence,
        [s.name for s in entries["1.1.1"].signals],
        [s.name for s in entries["1.1.2"].doubts],
        entries["1.1.2"].confidence < LOW_CONFIDENCE,
    ) == (
        1.0,
        ["code", "known-country"],
        ["missing-country", "missing-presenter", "missing-description"],
        True,
    )


def test_confidence_dropped_furniture_is_in_the_report() -> None:
    words = "alpha beta gamma delta epsilon zeta theta iota kappa lambda".split()
    page = "\n".join(f"Le texte {a} suit le texte {b}." for a in words for b in words[:2])
    text = "".join(f"{page}\nGSEF 2018 · page {n}\n" for n in range(1, 5))
    report = build_catalogue(lines_from_string(ENTRIES + "\n" + text), "doc").report

    assert [(d.text, d.reason) for d in report.dropped] == [
        (f"GSEF 2018 · page {n}", "page furniture") for n in range(1, 5)
    ]
