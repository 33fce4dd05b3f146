"""The interchange JSON document and JSON Lines (one record a line, with its entity type)."""

from __future__ import annotations

import json
from typing import ClassVar, TextIO

from sse_atlas.exports.base import register
from sse_atlas.model import Dataset
from sse_atlas.model.interchange import dataset_to_document


@register
class JsonExporter:
    identifier: ClassVar[str] = "json"
    extension: ClassVar[str] = "json"
    media_type: ClassVar[str] = "application/json"

    def write(self, stream: TextIO, dataset: Dataset) -> None:
        document = dataset_to_document(dataset)
        # written key by key so that a large knowledge base never becomes one string
        stream.write('{"format": ' + json.dumps(document.pop("format")))
        for key, records in document.items():
            stream.write(f',\n"{key}": [')
            for index, record in enumerate(records):
                stream.write(("," if index else "") + "\n  ")
                stream.write(json.dumps(record, ensure_ascii=False))
            stream.write("\n]")
        stream.write("}\n")


@register
class JsonLinesExporter:
    identifier: ClassVar[str] = "jsonl"
    extension: ClassVar[str] = "jsonl"
    media_type: ClassVar[str] = "application/x-ndjson"

    def write(self, stream: TextIO, dataset: Dataset) -> None:
        document = dataset_to_document(dataset)
        document.pop("format")
        for key, records in document.items():
            entity = key.rstrip("s") if key != "people" else "person"
            for record in records:
                stream.write(json.dumps({"entity": entity, **record}, ensure_ascii=False) + "\n")
