"""The interchange JSON and JSON Lines exports, read back."""

from __future__ import annotations

import json
from collections import Counter

from sse_atlas.exports.jsondoc import JsonExporter, JsonLinesExporter
from sse_atlas.model import Dataset
from sse_atlas.model.interchange import document_to_dataset

from .helpers import render


def test_json_export_reads_back_as_the_same_dataset(full_dataset: Dataset) -> None:
    document = json.loads(render(JsonExporter(), full_dataset))
    assert document_to_dataset(document) == full_dataset


def test_json_export_of_located_initiatives_reads_back_the_same(small_dataset: Dataset) -> None:
    document = json.loads(render(JsonExporter(), small_dataset))
    assert document_to_dataset(document) == small_dataset


def test_jsonl_has_one_typed_record_a_line(small_dataset: Dataset) -> None:
    lines = render(JsonLinesExporter(), small_dataset).splitlines()
    types = Counter(json.loads(line)["entity"] for line in lines)
    assert types == Counter(
        {"catalogue": 1, "workshop": 3, "initiative": 5, "organisation": 6, "person": 10}
    )
