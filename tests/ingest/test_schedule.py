"""Time and room lines under session and workshop headings."""

from __future__ import annotations

import pytest

from sse_atlas.ingest.catalogue import ParseResult, build_catalogue
from sse_atlas.ingest.lines import lines_from_string
from sse_atlas.ingest.schedule import Schedule, read_line

from .variants import seed_text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("14h00 – 15h30", Schedule("14:00", "15:30", None)),
        ("9h - 10h30", Schedule("09:00", "10:30", None)),
        ("Horaire : 16:00-17:30", Schedule("16:00", "17:30", None)),
        ("Salle A3", Schedule(None, None, "Salle A3")),
        ("Room 2", Schedule(None, None, "Room 2")),
        ("Sala Bizkaia", Schedule(None, None, "Sala Bizkaia")),
        ("Aretoa: Euskalduna", Schedule(None, None, "Aretoa: Euskalduna")),
        ("16h00-17h30 · Room 2", Schedule("16:00", "17:30", "Room 2")),
        ("11:00 to 12:30, Sala Bizkaia", Schedule("11:00", "12:30", "Sala Bizkaia")),
    ],
)
def test_read_line_schedule_lines(text: str, expected: Schedule) -> None:
    assert read_line(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Room to Read. Delhi, Inde",
        "Koopera. Munguía, Pays Basque, Espagne",
        "10.000 personnes ont participé à la rencontre",
        "25h00 – 26h00",
        "14h00 – 15h75",
        "Sala de reuniones de la cooperativa donde se encuentran los socios cada semana desde 1990",
        "2018",
    ],
)
def test_read_line_other_lines_none(text: str) -> None:
    assert read_line(text) is None


def _timed_seed() -> str:
    text = seed_text()
    body = text.index("\nATELIERS SESSION 1\n", text.index("3.4.")) + 1
    head, tail = text[:body], text[body:]
    tail = tail.replace("ATELIERS SESSION 1\n", "ATELIERS SESSION 1\n\n14h00 – 15h30\n", 1)
    tail = tail.replace(
        "1.1. Stratégies de collaboration entre gouvernements locaux et agents de l'économie "
        "sociale\n",
        "1.1. Stratégies de collaboration entre gouvernements locaux et agents de l'économie "
        "sociale\n\nSalle A3\n",
        1,
    )
    tail = tail.replace(
        "1.2 Le binôme production et reproducteur\n",
        "1.2 Le binôme production et reproducteur\n\n16h00-16h45 · Room 2\n",
        1,
    )
    return head + tail


@pytest.fixture(scope="module")
def timed() -> ParseResult:
    text = _timed_seed()
    assert text.count("Salle A3") == 1 and text.count("Room 2") == 1
    return build_catalogue(lines_from_string(text, "timed.txt"), "timed.txt")


def test_build_catalogue_workshop_times_and_rooms(timed: ParseResult) -> None:
    found = {
        w.code: (w.start_time, w.end_time, w.room)
        for w in timed.catalogue.workshops
        if w.session in (1, 2)
    }
    assert {code: found[code] for code in ("1.1", "1.2", "1.3", "2.1")} == {
        "1.1": ("14:00", "15:30", "Salle A3"),
        "1.2": ("16:00", "16:45", "Room 2"),
        "1.3": ("14:00", "15:30", None),
        "2.1": (None, None, None),
    }


def test_build_catalogue_session_times(timed: ParseResult) -> None:
    found = {s.number: (s.start_time, s.end_time, s.room) for s in timed.catalogue.sessions}
    assert (found[1], found[2]) == (("14:00", "15:30", None), (None, None, None))


def test_build_catalogue_schedule_lines_leave_records_alone(
    timed: ParseResult, seed: ParseResult
) -> None:
    def records(result: ParseResult) -> list[tuple[object, ...]]:
        return [
            (i.code, i.title, i.description, i.organisation) for i in result.catalogue.initiatives
        ]

    # messages name lines, which the inserted lines move
    def findings(result: ParseResult) -> list[tuple[str, str | None]]:
        return [(f.kind, f.record) for f in result.report.findings]

    assert (records(timed), findings(timed)) == (records(seed), findings(seed))


def test_build_catalogue_seed_states_no_times(seed: ParseResult) -> None:
    stated = [w.code for w in seed.catalogue.workshops if w.start_time or w.room]
    assert stated == []
