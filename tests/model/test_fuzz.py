"""Property: any JSON value read as an interchange document gives records or a clean error."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from bench.fuzz import value_paths
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sse_atlas.model.interchange import InterchangeError
from sse_atlas.model.validate import read_interchange

FUZZ = settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**40), max_value=10**40),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=20),
    st.sampled_from(["sse-atlas/1", "gsef2018-fr/1.1.1", "1.1", "javascript:x", "2018-02-30"]),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=12), inner, max_size=4)
    ),
    max_leaves=20,
)


def _read(document: Any) -> None:
    try:
        read_interchange(json.dumps(document).encode())
    except InterchangeError as error:
        assert "\n" not in str(error)


@pytest.fixture(scope="module")
def small_document(seed_document: dict[str, Any]) -> dict[str, Any]:
    """Workshop 1.1 and its first initiative: small enough to mutate many times."""
    initiative = seed_document["initiatives"][0]
    return {
        **seed_document,
        "workshops": seed_document["workshops"][:1],
        "initiatives": [initiative],
        "organisations": [
            o for o in seed_document["organisations"] if o["id"] == initiative["organisation_id"]
        ],
        "people": [p for p in seed_document["people"] if initiative["id"] in p["initiatives"]],
    }


@FUZZ
@given(value=VALUES)
def test_fuzz_any_json_value_reads_or_fails_cleanly(value: Any) -> None:
    _read(value)


@FUZZ
@given(value=VALUES, key=st.sampled_from(["catalogues", "workshops", "initiatives", "people"]))
def test_fuzz_any_json_under_a_format_key(value: Any, key: str) -> None:
    _read({"format": "sse-atlas/1", key: value})


@FUZZ
@given(choice=st.integers(min_value=0), value=VALUES)
def test_fuzz_seed_export_one_value_replaced(
    small_document: dict[str, Any], choice: int, value: Any
) -> None:
    document = copy.deepcopy(small_document)
    paths = value_paths(document)[1:]
    path = paths[choice % len(paths)]
    parent: Any = document
    for part in path[:-1]:
        parent = parent[part]
    parent[path[-1]] = value
    _read(document)


def test_fuzz_small_document_is_valid(small_document: dict[str, Any]) -> None:
    dataset = read_interchange(json.dumps(small_document).encode())
    assert [i.id for i in dataset.catalogues[0].initiatives] == ["gsef2018-fr/1.1.1"]
