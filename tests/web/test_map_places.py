"""The place names of the map: the collection's own located places, one per city."""

from __future__ import annotations

from fastapi.testclient import TestClient

from sse_atlas.web.contexts.search import MapPlace, MapPoint, map_places


def _point(city: str | None, country: str | None, precision: str, lat: float) -> MapPoint:
    return MapPoint("c/1", "T", "/i/1", lat, 2.0, None, city, country, precision)


def test_map_places_one_per_city_busiest_first() -> None:
    points = [
        _point("Lyon", "France", "city", 45.7),
        _point("Bilbao", "Espagne", "city", 43.2),
        _point("Lyon", "France", "city", 45.8),
        _point("Lyon", "Espagne", "country", 40.0),  # located no closer than its country
        _point(None, None, "country", 0.0),
    ]
    assert map_places(points) == [
        MapPlace("Lyon", 45.7, 2.0, 2),
        MapPlace("Bilbao", 43.2, 2.0, 1),
        MapPlace("Espagne", 40.0, 2.0, 1),
    ]


def test_map_places_of_the_seed_count_every_located_initiative(client: TestClient) -> None:
    page = client.get("/map.json?lang=es").json()
    places = page["places"]
    assert (sum(p["count"] for p in places), len({p["name"] for p in places}) == len(places)) == (
        len(page["points"]),
        True,
    )
