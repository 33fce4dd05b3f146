"""The quality page tells each finding in the interface language; its JSON keeps the original."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from sse_atlas.model import EntryConfidence, Finding, Severity, Signal
from sse_atlas.web import i18n
from sse_atlas.web.contexts.findings import Doubt, in_words, review_entry
from tests.web.html import parse


def test_quality_words_json_keeps_the_original(client: TestClient) -> None:
    findings = client.get("/quality.json?lang=fr").json()["reports"][0]["findings"]
    missing = [
        f for f in findings if f["record"] == "gsef2018-fr/2.1.1" and f["field"] == "location"
    ]
    assert [(f["message"], f["text"], f["text_lang"]) for f in missing] == [
        ("2.1.1 has no location", "Information manquante pour 2.1.1 : lieu.", "fr")
    ]


def test_quality_words_spanish_page_quotes_the_printed_url(client: TestClient) -> None:
    rows = parse(client.get("/quality?lang=es").text).find("table", "findings").find_all("tr")
    cells = [row.find_all("td")[-1] for row in rows[1:]]
    link = [cell for cell in cells if "www.icoop.co op" in cell.text]
    assert [(cell.text, cell.attrs.get("lang")) for cell in link] == [
        ("Enlace «www.icoop.co op»: contiene un espacio, le falta http:// o https://.", None)
    ]


def test_quality_words_french_day_and_count(client: TestClient) -> None:
    findings = client.get("/quality.json?lang=fr").json()["reports"][0]["findings"]
    texts = {
        f["kind"]: f["text"] for f in findings if f["kind"] in ("inferred-day", "count-mismatch")
    }
    assert texts == {
        "inferred-day": "Aucun titre de jour avant la session 7 : datée du mercredi 3 octobre "
        "2018, le lendemain du jour précédent.",
        "count-mismatch": "Le document annonce 36 pays ; 32 trouvés.",
    }


@pytest.mark.parametrize(
    ("finding", "expected"),
    [
        (
            Finding(
                "unsafe-url",
                "'javascript:alert(\"x\")': a URL scheme no link may have; not kept as a link",
            ),
            '« javascript:alert("x") » : un type d’adresse qu’aucun lien ne peut avoir ; '
            "non gardé comme lien.",
        ),
        (
            Finding("irregular-line", 'line not part of any entry: "l\'Économie"'),
            "Une ligne qui n’appartient à aucune entrée : « l'Économie ».",
        ),
        (
            Finding(
                "duplicate-code",
                "5.3.1 is used twice with different content (lines 649 "
                "and 657); the second is kept only in this report",
                Severity.ERROR,
            ),
            "5.3.1 est employé deux fois pour des contenus différents (lignes 649 et 657) ; "
            "le second n’est gardé que dans ce rapport.",
        ),
        (
            Finding("bidi-control", "2 bidirectional control character(s) removed"),
            "2 caractère(s) de contrôle bidirectionnel retiré(s).",
        ),
        (
            Finding("imported", "imported from the interchange export atlas.json"),
            "Importé de l’export d’échange « atlas.json ».",
        ),
    ],
)
def test_quality_words_printed_text_kept_as_written(finding: Finding, expected: str) -> None:
    assert in_words(finding, i18n.translations("fr").gettext, "fr") == expected


def test_quality_words_unknown_shape_shown_as_recorded() -> None:
    finding = Finding("irregular-line", "a sentence the page does not know")
    assert in_words(finding, i18n.translations("es").gettext, "es") is None


def test_quality_words_entries_to_review_in_french(client: TestClient) -> None:
    table = parse(client.get("/quality?lang=fr").text).find("table", "uncertain")
    assert table.find("tbody").texts("tr") == [
        "2.1.1 217 0.65 organisation, lieu aucune ligne de lieu trouvée",
        "2.3.1 259 0.70 lieu aucun pays dans la ligne de lieu",
    ]


def test_quality_words_doubts_in_spanish_unknown_doubt_kept() -> None:
    signals = [
        Signal("code", "numbered heading 1.1.1"),
        Signal("unknown-country", "country 'Narnia' is not known", 0.3, ["place"]),
        Signal("joined-by-width", "2 line(s) joined only because the line before was full", 0.1),
        Signal("new-doubt", "a doubt the page does not know", 0.1, ["title"]),
    ]
    entry = EntryConfidence("c/1.1.1", "1.1.1", 0.5, signals, line=3)
    review = review_entry(entry, i18n.translations("es").gettext, "es")
    assert (review.fields, review.doubts) == (
        ["lugar", "título"],
        [
            Doubt("el país «Narnia» no es conocido", "es"),
            Doubt("2 línea(s) unida(s) solo porque la línea anterior estaba llena", "es"),
            Doubt("a doubt the page does not know", "en"),
        ],
    )
