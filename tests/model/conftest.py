"""The seed catalogue as an interchange document, made once."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from sse_atlas.enrich.entities import resolve_entities
from sse_atlas.ingest.catalogue import ParseResult
from sse_atlas.model import Dataset
from sse_atlas.model.interchange import dataset_to_document


@pytest.fixture(scope="session")
def seed_document(seed: ParseResult) -> dict[str, Any]:
    catalogue = copy.deepcopy(seed.catalogue)
    organisations, people = resolve_entities([catalogue])
    return dataset_to_document(Dataset([catalogue], organisations, people))
