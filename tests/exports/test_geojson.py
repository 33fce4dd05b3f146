"""GeoJSON (RFC 7946): points longitude first, in range, only for located initiatives."""

from __future__ import annotations

import json
from typing import Any

from sse_atlas.exports.geojson import GeoJsonExporter
from sse_atlas.exports.table import columns
from sse_atlas.model import Dataset

from .helpers import render


def _collection(dataset: Dataset) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(render(GeoJsonExporter(), dataset))
    return document


def test_geojson_has_a_point_per_located_initiative_longitude_first(
    small_dataset: Dataset,
) -> None:
    features = _collection(small_dataset)["features"]
    points = [(f["id"], f["geometry"]["type"], f["geometry"]["coordinates"]) for f in features]
    assert points == [
        ("gsef2018-fr/2.3.2", "Point", [-73.58781, 45.50884]),
        ("gsef2018-fr/2.3.3", "Point", [-1.67429, 48.11198]),
        ("gsef2018-fr/2.3.4", "Point", [-74.00597, 40.71427]),
    ]


def test_geojson_coordinates_match_properties_and_are_in_range(small_dataset: Dataset) -> None:
    for feature in _collection(small_dataset)["features"]:
        longitude, latitude = feature["geometry"]["coordinates"]
        properties = feature["properties"]
        assert (longitude, latitude) == (properties["longitude"], properties["latitude"])
        assert -180 <= longitude <= 180
        assert -90 <= latitude <= 90


def test_geojson_properties_are_the_csv_columns_with_nulls(small_dataset: Dataset) -> None:
    feature = _collection(small_dataset)["features"][0]
    properties = feature["properties"]
    assert list(properties) == columns("initiatives")
    assert {key: properties[key] for key in ("city", "region", "session", "presenters")} == {
        "city": "Montréal",
        "region": None,
        "session": 2,
        "presenters": "Jacques Charest (Directeur Général)",
    }


def test_geojson_names_licence_attribution_and_source(small_dataset: Dataset) -> None:
    collection = _collection(small_dataset)
    head = {key: value for key, value in collection.items() if key != "features"}
    assert head == {
        "type": "FeatureCollection",
        "license": "CC-BY-4.0",
        "attribution": "Place data © GeoNames (geonames.org), CC BY 4.0",
        "source": "SSE Atlas, from the catalogues: "
        "Global Social Economy Forum Bilbao 2018 (gsef2018-fr.txt)",
    }


def test_geojson_without_located_initiatives_is_an_empty_collection() -> None:
    assert _collection(Dataset())["features"] == []
