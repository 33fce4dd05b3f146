"""iCalendar export, read back with the icalendar library."""

from __future__ import annotations

import datetime as dt

from icalendar import Calendar, Component

from sse_atlas.exports.ical import IcalExporter
from sse_atlas.model import Dataset

from .helpers import STAMP, render, timed_copy


def _events(dataset: Dataset) -> list[Component]:
    calendar = Calendar.from_ical(render(IcalExporter(stamp=STAMP), dataset))
    assert isinstance(calendar, Calendar)
    return list(calendar.walk("VEVENT"))


def test_ical_has_the_day_session_and_workshops_as_all_day_events(small_dataset: Dataset) -> None:
    events = _events(small_dataset)
    assert [
        (str(e["UID"]), str(e["SUMMARY"]), e.decoded("DTSTART"), e.decoded("DTEND")) for e in events
    ] == [
        (
            "day/gsef2018-fr/2018-10-01@sse-atlas.org",
            "Global Social Economy Forum Bilbao 2018: 1 Octobre / Lundi",
            dt.date(2018, 10, 1),
            dt.date(2018, 10, 2),
        ),
        (
            "session/gsef2018-fr/2@sse-atlas.org",
            "ATELIERS SESSION 2",
            dt.date(2018, 10, 1),
            dt.date(2018, 10, 2),
        ),
        (
            "workshop/gsef2018-fr/2.1@sse-atlas.org",
            "2.1 Expérience MONDRAGON",
            dt.date(2018, 10, 1),
            dt.date(2018, 10, 2),
        ),
        (
            "workshop/gsef2018-fr/2.3@sse-atlas.org",
            "2.3 Génération de fonds et d'autres outils pour la création et le maintien des "
            "organismes d'Économie Sociale",
            dt.date(2018, 10, 1),
            dt.date(2018, 10, 2),
        ),
        (
            "workshop/gsef2018-fr/2.4@sse-atlas.org",
            "2.4 Entreprenariat et Innovation Sociale",
            dt.date(2018, 10, 1),
            dt.date(2018, 10, 2),
        ),
    ]


def test_ical_workshop_lists_its_initiatives_with_organisations(small_dataset: Dataset) -> None:
    workshop = _events(small_dataset)[3]
    assert str(workshop["DESCRIPTION"]).split("\n") == [
        "Initiatives:",
        "- 2.3.1 Fonds solidaire pour la promotion de l'Économie Sociale et Solidaire en Corée "
        "(Association coréenne de Gouvernements Locaux pour l'Économie Sociale et Solidaire)",
        "- 2.3.2 Instruments financiers du Chantier de l'économie sociale et de l'investissement "
        "(Fiducie du chantier de l'économie sociale)",
        "- 2.3.3 Clubs d'investisseurs pour une gestion alternative et locale de l'économie "
        "solidaire (Association CIGALES de Bretagne)",
        "- 2.3.4 « The working world » un modèle innovateur pour financer le mouvement "
        "coopératif des travailleurs (The working world)",
    ]


def test_ical_coordinated_workshop_lists_moderator_and_panel(small_dataset: Dataset) -> None:
    panel = _events(small_dataset)[4]
    assert str(panel["DESCRIPTION"]).split("\n")[:8] == [
        "Coordinated by: OCDE",
        "Comment les villes peuvent-elles encourager l'entreprenariat social et l'innovation "
        "sociale pour une croissance plus inclusive et plus durable ?",
        "Moderator: Antonella Noya (Chef d'Unité)",
        "Panel:",
        "- Ellen Oetelmans (Directrice des programmes à Amsterdam Impact)",
        "- Pascal Isoard Thomas (Conseiller technique du président, aux Affaires Sociales, à la "
        "Santé et à l'Innovation Sociale dans la Zone Métropolitaine de Lyon)",
        "- Lance McNeill (Directeur des programmes orientés aux petites entreprises dans la ville "
        "d'Austin-Texas)",
        "- Risto Raivio (Expert Senior à la Direction Générale à l'Emploi, aux Affaires Sociales "
        "et à l'Inclusion de la Commission Européenne)",
    ]


def test_ical_events_point_to_their_parent_and_carry_the_stamp(small_dataset: Dataset) -> None:
    events = _events(small_dataset)
    assert [str(e.get("RELATED-TO", "")) for e in events] == [
        "",
        "day/gsef2018-fr/2018-10-01@sse-atlas.org",
        "session/gsef2018-fr/2@sse-atlas.org",
        "session/gsef2018-fr/2@sse-atlas.org",
        "session/gsef2018-fr/2@sse-atlas.org",
    ]
    assert {e.decoded("DTSTAMP") for e in events} == {STAMP}


def test_ical_uids_are_unique_over_the_whole_catalogue(full_dataset: Dataset) -> None:
    uids = [str(event["UID"]) for event in _events(full_dataset)]
    assert (len(uids), len(set(uids))) == (3 + 9 + 42, 3 + 9 + 42)


def test_ical_lines_end_in_crlf_and_fold_at_75_octets(small_dataset: Dataset) -> None:
    text = render(IcalExporter(stamp=STAMP), small_dataset)
    lines = text.split("\r\n")
    assert (lines[0], lines[-2], lines[-1]) == ("BEGIN:VCALENDAR", "END:VCALENDAR", "")
    assert max(len(line.encode("utf-8")) for line in lines) <= 75


def test_ical_stated_times_make_timed_events_with_the_room(small_dataset: Dataset) -> None:
    events = _events(timed_copy(small_dataset))
    assert [
        (e.decoded("DTSTART"), e.decoded("DTEND"), str(e["LOCATION"]), str(e["TRANSP"]))
        for e in events
    ] == [
        (dt.date(2018, 10, 1), dt.date(2018, 10, 2), "Bilbao", "TRANSPARENT"),
        (dt.datetime(2018, 10, 1, 14), dt.datetime(2018, 10, 1, 15, 30), "Bilbao", "OPAQUE"),
        (
            dt.datetime(2018, 10, 1, 14),
            dt.datetime(2018, 10, 1, 15, 30),
            "Salle A3, Bilbao",
            "OPAQUE",
        ),
        (dt.datetime(2018, 10, 1, 16), dt.datetime(2018, 10, 1, 17), "Room 2, Bilbao", "OPAQUE"),
        (dt.date(2018, 10, 1), dt.date(2018, 10, 2), "Bilbao", "TRANSPARENT"),
    ]
