"""Time and room on the pages, in calendars and in the API, when the catalogue states them."""

from __future__ import annotations

from fastapi.testclient import TestClient

from .html import parse


def test_workshop_page_stated_time_and_room(timed_client: TestClient) -> None:
    page = timed_client.get("/workshops/gsef2018-fr/4.2.json?lang=en").json()
    html = timed_client.get("/workshops/gsef2018-fr/4.2?lang=en").text
    assert (page["time"], page["workshop"]["room"]) == ("14:00–15:30", "Sala Bizkaia")
    meta = parse(html).find("article").find("p", cls="meta").text
    assert meta == "Time: 14:00–15:30 · Room: Sala Bizkaia · Add to my calendar (.ics)"


def test_workshop_page_room_not_stated(timed_client: TestClient) -> None:
    html = timed_client.get("/workshops/gsef2018-fr/4.3?lang=fr").text
    meta = parse(html).find("article").find("p", cls="meta").text
    assert meta == "Heure : 16:00 · Salle : non indiquée · Ajouter à mon agenda (.ics)"


def test_programme_workshop_shows_stated_time_only(timed_client: TestClient) -> None:
    page = timed_client.get("/programme/gsef2018-fr.json?lang=en").json()
    session = next(s for d in page["days"] for s in d["sessions"] if s["number"] == 4)
    found = {w["code"]: (w["time"], w["room"]) for w in session["workshops"]}
    assert (found["4.2"], found["4.3"], found["4.1"]) == (
        ("14:00–15:30", "Sala Bizkaia"),
        ("16:00", None),
        (None, None),
    )


def test_person_page_says_when_and_where(timed_client: TestClient) -> None:
    page = timed_client.get("/people/xabier-roberti.json?lang=en").json()
    assert [(a["time"], a["room"]) for a in page["appearances"]] == [
        ("14:00–15:30", "Sala Bizkaia")
    ]


def test_workshop_calendar_timed_event_in_its_room(timed_client: TestClient) -> None:
    body = timed_client.get("/calendar/workshops/gsef2018-fr/4.2.ics?lang=en").text
    lines = body.replace("\r\n ", "").split("\r\n")
    assert [line for line in lines if line.startswith(("DTSTART", "DTEND", "LOCATION"))] == [
        "DTSTART:20181002T140000",
        "DTEND:20181002T153000",
        "LOCATION:Sala Bizkaia\\, Bilbao (GSEF 2018 · Bilbao)",
    ]


def test_api_workshop_carries_start_end_and_room(timed_client: TestClient) -> None:
    value = timed_client.get("/api/v1/workshops/gsef2018-fr/4.3").json()["workshop"]
    assert (value["start_time"], value["end_time"], value["room"]) == ("16:00", None, None)
