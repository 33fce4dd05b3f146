"""Open-data exports: every format registers an exporter class over one dataset view."""

from sse_atlas.exports import changes, csvfile, frab, geojson, ical, jsondoc, rdf, xlsx
from sse_atlas.exports.base import Exporter, exporter_for, formats, is_binary, register

__all__ = [
    "Exporter",
    "changes",
    "csvfile",
    "exporter_for",
    "formats",
    "frab",
    "geojson",
    "ical",
    "is_binary",
    "jsondoc",
    "rdf",
    "register",
    "xlsx",
]
