"""Interchange JSON: the published schema, the rules beyond it, and one-line errors."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from sse_atlas.exports import exporter_for
from sse_atlas.ingest.lines import DocumentError
from sse_atlas.ingest.reader import read_document
from sse_atlas.kb import KnowledgeBase
from sse_atlas.model.interchange import InterchangeError
from sse_atlas.model.validate import check_depth, interchange_schema, read_interchange

ROOT = Path(__file__).resolve().parents[2]
Mutation = Callable[[dict[str, Any]], None]


def _set(kind: str, index: int, key: str, value: Any) -> Mutation:
    def mutate(document: dict[str, Any]) -> None:
        document[kind][index][key] = value

    return mutate


def _error(document: Any) -> str:
    with pytest.raises(InterchangeError) as caught:
        read_interchange(json.dumps(document).encode())
    return str(caught.value)


def test_validate_schema_published_twice_identically() -> None:
    packaged = ROOT / "src" / "sse_atlas" / "data" / "interchange.schema.json"
    published = ROOT / "docs" / "interchange.schema.json"
    assert packaged.read_text(encoding="utf-8") == published.read_text(encoding="utf-8")


def test_validate_schema_is_draft_2020_12() -> None:
    schema = interchange_schema()
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_validate_full_seed_export_is_valid(seed_kb: KnowledgeBase, tmp_path: Path) -> None:
    path = tmp_path / "export.json"
    with path.open("w", encoding="utf-8") as stream:
        exporter_for("json").write(stream, seed_kb.dataset())
    document = json.loads(path.read_text(encoding="utf-8"))
    errors = list(Draft202012Validator(interchange_schema()).iter_errors(document))
    result = read_document(path)
    assert result.dataset is not None
    initiatives = sum(len(c.initiatives) for c in result.dataset.catalogues)
    assert (errors, initiatives) == ([], 102)


BAD_VALUES: dict[str, tuple[Mutation, str]] = {
    "latitude as a word": (
        _set("initiatives", 3, "latitude", "north"),
        "$.initiatives[3].latitude: 'north' is not of type 'number', 'null'",
    ),
    "latitude out of range": (
        _set("initiatives", 3, "latitude", 91.5),
        "$.initiatives[3].latitude: 91.5 is greater than the maximum of 90",
    ),
    "code with a path": (
        _set("initiatives", 0, "code", "../../x"),
        "$.initiatives[0].code: '../../x' does not match '^[0-9]{1,6}(\\\\.[0-9]{1,6}){0,7}$'",
    ),
    "id of another code": (
        _set("initiatives", 3, "id", "gsef2018-fr/9.9.9"),
        "$.initiatives[3].id: 'gsef2018-fr/9.9.9' should be 'gsef2018-fr/1.1.4'",
    ),
    "id that does not follow its catalogue": (
        _set("workshops", 1, "catalogue", "other"),
        "$.workshops[1].id: 'gsef2018-fr/1.2' should be 'other/1.2'",
    ),
    "catalogue that is not there": (
        lambda document: document["workshops"][1].update(catalogue="other", id="other/1.2"),
        "$.workshops[1].catalogue: no catalogue 'other'",
    ),
    "huge session number": (
        _set("initiatives", 2, "session", 10**30),
        "$.initiatives[2].session: 1000000000000000000000000000000 is greater than the "
        "maximum of 2147483647",
    ),
    "impossible date": (
        _set("initiatives", 2, "date", "2018-13-40"),
        "$.initiatives[2].date: '2018-13-40' is not a date",
    ),
    "javascript URL": (
        _set("initiatives", 0, "urls", [{"as_written": "x", "url": "javascript:alert(1)"}]),
        "$.initiatives[0].urls[0].url: 'javascript:alert(1)' is not an http or https URL",
    ),
    "data URL as written": (
        _set("initiatives", 0, "urls", [{"as_written": "data:text/html,<b>", "url": None}]),
        "$.initiatives[0].urls[0].as_written: URL scheme 'data' is not allowed",
    ),
    "organisation URL": (
        _set("organisations", 0, "urls", ["vbscript:msgbox(1)"]),
        "$.organisations[0].urls[0]: 'vbscript:msgbox(1)' is not an http or https URL",
    ),
    "name of the wrong type": (
        _set("initiatives", 0, "presenters", [{"name": 3}]),
        "$.initiatives[0].presenters[0].name: 3 is not of type 'string'",
    ),
    "people not a list": (
        lambda document: document.__setitem__("people", {}),
        "$.people: {} is not of type 'array'",
    ),
    "workshop that is not there": (
        _set("initiatives", 0, "workshop", "99.9"),
        "$.initiatives[0].workshop: no workshop '99.9' in the document",
    ),
    "person that is not there": (
        _set("initiatives", 0, "presenters", [{"name": "A", "person_id": "person/nobody"}]),
        "$.initiatives[0].presenters[0].person_id: no person 'person/nobody'",
    ),
    "record twice": (
        lambda document: document["initiatives"].append(document["initiatives"][0]),
        "$.initiatives[102].id: 'gsef2018-fr/1.1.1' appears twice",
    ),
    "other format": (
        lambda document: document.__setitem__("format", "sse-atlas/2"),
        "$.format: unsupported 'sse-atlas/2'; expected 'sse-atlas/1'",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_VALUES))
def test_validate_bad_value_named_by_path(seed_document: dict[str, Any], case: str) -> None:
    mutate, message = BAD_VALUES[case]
    document = copy.deepcopy(seed_document)
    mutate(document)
    assert _error(document) == message


def test_validate_nesting_1000_deep_clean_error() -> None:
    data = b'{"format": "sse-atlas/1",\n "x": ' + b"[" * 1000 + b"]" * 1000 + b"}"
    with pytest.raises(InterchangeError) as caught:
        read_interchange(data)
    assert (caught.value.message, caught.value.line) == ("nested deeper than 64 levels", 2)


def test_validate_depth_ignores_brackets_in_strings() -> None:
    check_depth(b'{"a": "' + b"[{" * 500 + b'"}')


def test_validate_not_a_number_refused() -> None:
    data = b'{"format": "sse-atlas/1", "x": NaN}'
    with pytest.raises(InterchangeError) as caught:
        read_interchange(data)
    assert caught.value.message == "invalid JSON: NaN is not a JSON number"


def test_validate_error_names_file_and_path(seed_document: dict[str, Any], tmp_path: Path) -> None:
    document = copy.deepcopy(seed_document)
    document["initiatives"][5]["longitude"] = "east"
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(DocumentError) as caught:
        read_document(path)
    assert str(caught.value) == (
        f"{path}: $.initiatives[5].longitude: 'east' is not of type 'number', 'null'"
    )


def test_validate_bidi_controls_removed(seed_document: dict[str, Any]) -> None:
    document = copy.deepcopy(seed_document)
    document["initiatives"][0]["title"] = "Coop \u202eevil\u202c"
    dataset = read_interchange(json.dumps(document).encode())
    assert dataset.catalogues[0].initiatives[0].title == "Coop evil"
