"""Open-data exports: every format registers an exporter class over one dataset view."""

from sse_atlas.exports import jsondoc
from sse_atlas.exports.base import Exporter, exporter_for, formats, register

__all__ = ["Exporter", "exporter_for", "formats", "jsondoc", "register"]
