"""GeoJSON (RFC 7946): the located initiatives as a FeatureCollection of points."""

from __future__ import annotations

import json
from typing import Any, ClassVar, Final, TextIO

from sse_atlas.exports.base import register
from sse_atlas.exports.table import catalogue_label, columns, records, row
from sse_atlas.model import Dataset

LICENSE: Final = "CC-BY-4.0"
ATTRIBUTION: Final = "Place data © GeoNames (geonames.org), CC BY 4.0"


def _source(dataset: Dataset) -> str:
    named = [
        f"{catalogue_label(c)} ({c.source})" if c.source else catalogue_label(c)
        for c in dataset.catalogues
    ]
    return "SSE Atlas, from the catalogues: " + "; ".join(named) if named else "SSE Atlas"


def feature(value: dict[str, Any], names: list[str] | None = None) -> dict[str, Any] | None:
    """One initiative's interchange record as a point feature; ``None`` when it has no place.

    ``names`` are the initiative columns, passed in by callers that make many features."""
    latitude, longitude = value.get("latitude"), value.get("longitude")
    if latitude is None or longitude is None:
        return None
    return {
        "type": "Feature",
        "id": value["id"],
        # RFC 7946 section 3.1.1: longitude first
        "geometry": {"type": "Point", "coordinates": [longitude, latitude]},
        "properties": dict(
            zip(names or columns("initiatives"), row(value, "initiatives"), strict=True)
        ),
    }


@register
class GeoJsonExporter:
    """A FeatureCollection with one Point feature per located initiative.

    The feature ``id`` is the initiative id and its ``properties`` are the CSV columns of
    initiatives (missing values ``null``). Initiatives without coordinates are left out.
    The collection carries ``license``, ``attribution`` (GeoNames, CC BY 4.0) and ``source``.
    """

    identifier: ClassVar[str] = "geojson"
    extension: ClassVar[str] = "geojson"
    media_type: ClassVar[str] = "application/geo+json"

    def write(self, stream: TextIO, dataset: Dataset) -> None:
        head = {
            "type": "FeatureCollection",
            "license": LICENSE,
            "attribution": ATTRIBUTION,
            "source": _source(dataset),
        }
        stream.write(json.dumps(head, ensure_ascii=False)[:-1] + ',\n"features": [')
        written, names = 0, columns("initiatives")
        for value in records(dataset, "initiatives"):
            point = feature(value, names)
            if point is None:
                continue
            stream.write(("," if written else "") + "\n  ")
            stream.write(json.dumps(point, ensure_ascii=False))
            written += 1
        stream.write("\n]}\n")
