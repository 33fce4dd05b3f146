"""The frab / pretalx schedule JSON, validated against the C3VOC schedule rules."""

from __future__ import annotations

import copy
import datetime as dt
import json
from typing import Any

import pytest
from jsonschema import Draft7Validator

from sse_atlas.exports.frab import FrabExporter, ScheduleError, event_ids, session_start
from sse_atlas.model import Catalogue, Dataset, Workshop

from .frab_schema import SCHEDULE_SCHEMA
from .helpers import render, timed_copy

VALIDATOR = Draft7Validator(SCHEDULE_SCHEMA)


def _schedule(dataset: Dataset, time_zone: str = "UTC") -> dict[str, Any]:
    document: dict[str, Any] = json.loads(render(FrabExporter(time_zone=time_zone), dataset))
    return document


def _problems(document: dict[str, Any]) -> list[str]:
    return sorted(error.message for error in VALIDATOR.iter_errors(document))


def test_frab_rules_are_a_valid_json_schema() -> None:
    Draft7Validator.check_schema(SCHEDULE_SCHEMA)


def test_frab_small_schedule_follows_the_rules(small_dataset: Dataset) -> None:
    assert _problems(_schedule(small_dataset, "Europe/Madrid")) == []


def test_frab_full_schedule_follows_the_rules(full_dataset: Dataset) -> None:
    document = _schedule(full_dataset)
    days = document["schedule"]["conference"]["days"]
    events = [event for day in days for room in day["rooms"].values() for event in room]
    assert _problems(document) == []
    assert (len(days), len(events), len({event["id"] for event in events})) == (3, 42, 42)


def test_frab_rules_catch_a_missing_key(small_dataset: Dataset) -> None:
    document = _schedule(small_dataset)
    del document["schedule"]["conference"]["days"][0]["rooms"]["Salle 3"][0]["guid"]
    assert _problems(document) == ["'guid' is a required property"]


def test_frab_rooms_follow_workshop_codes_and_times_the_sessions(full_dataset: Dataset) -> None:
    day = _schedule(full_dataset, "Europe/Madrid")["schedule"]["conference"]["days"][1]
    slots = {
        room: [(event["title"][:3], event["start"], event["duration"]) for event in events]
        for room, events in day["rooms"].items()
    }
    assert (day["date"], day["day_start"], day["day_end"]) == (
        "2018-10-02",
        "2018-10-02T09:00:00+02:00",
        "2018-10-02T17:00:00+02:00",
    )
    assert slots == {
        f"Salle {n}": [
            (f"{s}.{n}", start, "02:00") for s, start in ((4, "09:00"), (5, "11:30"), (6, "15:00"))
        ]
        for n in range(1, 6)
    }


def test_frab_conference_says_rooms_and_times_are_notional(small_dataset: Dataset) -> None:
    conference = _schedule(small_dataset)["schedule"]["conference"]
    head = {key: value for key, value in conference.items() if key not in ("days", "rooms")}
    assert head == {
        "acronym": "gsef2018_fr",
        "title": "Global Social Economy Forum Bilbao 2018",
        "description": "Rooms and times are notional: the catalogue gives neither. Each workshop "
        "is placed in the room numbered by its position in its session, and the sessions of a "
        "day at 09:00, 11:30 and 15:00, two hours each.",
        "start": "2018-10-01",
        "end": "2018-10-01",
        "daysCount": 1,
        "timeslot_duration": "00:30",
        "time_zone_name": "UTC",
        "url": "https://sse-atlas.org/id/catalogue/gsef2018-fr",
    }
    assert [room["name"] for room in conference["rooms"]] == ["Salle 1", "Salle 3", "Salle 4"]


def test_frab_stated_times_and_rooms_are_used(small_dataset: Dataset) -> None:
    document = _schedule(timed_copy(small_dataset), "Europe/Madrid")
    conference = document["schedule"]["conference"]
    day = conference["days"][0]
    slots = {
        room: [(event["title"][:3], event["start"], event["duration"]) for event in events]
        for room, events in day["rooms"].items()
    }
    assert _problems(document) == []
    assert (day["day_start"], day["day_end"], slots) == (
        "2018-10-01T09:00:00+02:00",
        "2018-10-01T18:00:00+02:00",
        {
            "Salle A3": [("2.1", "14:00", "01:30")],
            "Room 2": [("2.3", "16:00", "02:00")],
            "Salle 4": [("2.4", "09:00", "02:00")],
        },
    )
    assert conference["description"].startswith("Rooms and times are the catalogue's")


def test_frab_panel_event_lists_moderator_then_panelists(small_dataset: Dataset) -> None:
    event = _schedule(small_dataset)["schedule"]["conference"]["days"][0]["rooms"]["Salle 4"][0]
    assert (event["id"], event["slug"], event["track"]) == (
        204,
        "gsef2018-fr-204-entreprenariat-et-innovation-sociale",
        "OCDE",
    )
    assert [person["name"] for person in event["persons"]] == [
        "Antonella Noya",
        "Ellen Oetelmans",
        "Pascal Isoard Thomas",
        "Lance McNeill",
        "Risto Raivio",
    ]


def test_frab_needs_one_catalogue(small_dataset: Dataset) -> None:
    twice = Dataset([*small_dataset.catalogues, copy.deepcopy(small_dataset.catalogues[0])])
    twice.catalogues[1].id = "gsef2018-es"
    with pytest.raises(ScheduleError) as caught:
        render(FrabExporter(), twice)
    chosen = json.loads(render(FrabExporter(catalogue="gsef2018-es"), twice))
    assert (
        str(caught.value) == "a schedule is one catalogue; choose one of: gsef2018-fr, gsef2018-es"
    )
    assert chosen["schedule"]["conference"]["acronym"] == "gsef2018_es"


def test_frab_refuses_a_catalogue_without_dates() -> None:
    with pytest.raises(ScheduleError) as caught:
        render(FrabExporter(), Dataset([Catalogue(id="undated")]))
    assert str(caught.value) == "catalogue 'undated' has no dates to make a schedule of"


def test_frab_event_ids_come_from_codes_else_from_order() -> None:
    workshops = [Workshop(code, "t", "c") for code in ("4.2", "12.5", "A", "1.100", "4.02")]
    assert event_ids(workshops) == {
        "c/4.2": 402,
        "c/12.5": 1205,
        "c/A": 10003,
        "c/1.100": 10004,
        "c/4.02": 10005,
    }


def test_frab_sessions_after_the_third_start_every_two_and_a_half_hours() -> None:
    assert [session_start(i) for i in range(5)] == [
        dt.time(9, 0),
        dt.time(11, 30),
        dt.time(15, 0),
        dt.time(17, 30),
        dt.time(20, 0),
    ]
