"""Interchange JSON checked before use: size, nesting, the published schema, then meaning.

The order matters. Nesting is measured on the raw bytes before :func:`json.loads` (whose
recursion a document 1,000 levels deep would exhaust); the JSON Schema
(``data/interchange.schema.json``, draft 2020-12) fixes every type and range; the semantic rules
need a whole document: ids made of ``catalogue/code``, references that resolve, dates that exist
and URLs that are http or https. Every failure is an :class:`InterchangeError` whose message
starts with the JSON path of the value (``$.initiatives[3].latitude: ...``).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from functools import cache
from importlib import resources
from typing import Any, Final

import numpy as np

from sse_atlas.model.dataset import Dataset
from sse_atlas.model.interchange import FORMAT, InterchangeError, document_to_dataset
from sse_atlas.model.schemes import url_scheme

MAX_DEPTH: Final = 64  # the same as sse_atlas.ingest.limits.MAX_JSON_DEPTH (model is below ingest)
_STRING: Final = re.compile(rb'"(?:[^"\\]|\\.)*"', re.DOTALL)
_CHUNK: Final = 1 << 22
_WEB_SCHEMES: Final = frozenset({"http", "https"})
_BIDI: Final = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


@cache
def interchange_schema() -> dict[str, Any]:
    """The JSON Schema of the interchange format, as published in ``docs/``."""
    text = resources.files("sse_atlas.data").joinpath("interchange.schema.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


@cache
def _validator() -> Any:
    from jsonschema import Draft202012Validator  # loaded with the first JSON document only

    return Draft202012Validator(interchange_schema())


def check_depth(data: bytes, limit: int = MAX_DEPTH) -> None:
    """Refuse arrays and objects nested deeper than ``limit``, without parsing (no recursion)."""
    stripped = _STRING.sub(b'""', data)  # brackets inside strings do not nest
    depth = 0
    for start in range(0, len(stripped), _CHUNK):
        chunk = np.frombuffer(stripped[start : start + _CHUNK], dtype=np.uint8)
        steps = np.isin(chunk, (0x5B, 0x7B)).astype(np.int32) - np.isin(chunk, (0x5D, 0x7D))
        levels = depth + np.cumsum(steps)
        deep = np.flatnonzero(levels > limit)
        if deep.size:
            offset = start + int(deep[0])
            line = stripped.count(b"\n", 0, offset) + 1  # strings hold no raw newline
            raise InterchangeError(f"nested deeper than {limit} levels", line)
        depth = int(levels[-1]) if levels.size else depth


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def parse(data: bytes) -> Any:
    """The JSON value of ``data`` (UTF-8), nesting checked first."""
    if not data.strip():
        raise InterchangeError("empty document")
    check_depth(data)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InterchangeError("not valid UTF-8") from None
    try:
        return json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as error:
        raise InterchangeError(f"invalid JSON: {error.msg}", error.lineno) from None
    except ValueError as error:  # NaN, Infinity, or an integer of more than 4,300 digits
        raise InterchangeError(f"invalid JSON: {error}") from None


def _path(parts: Iterator[str | int] | list[str | int]) -> str:
    return "$" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in parts)


@cache
def _fast_validator() -> Any:
    import jsonschema_rs  # compiled: a hundred times faster on a valid document

    return jsonschema_rs.validator_for(interchange_schema())


def check_schema(document: Any) -> None:
    """The first place where ``document`` breaks the published schema, if any."""
    from jsonschema.exceptions import best_match

    if _fast_validator().is_valid(document):
        return
    # the message (the most relevant error and its path) comes from the reference validator
    error = best_match(_validator().iter_errors(document))
    if error is not None:
        message = error.message if len(error.message) <= 200 else error.message[:200] + "…"
        raise InterchangeError(f"{_path(list(error.absolute_path))}: {message}")


def _links(record: dict[str, Any], path: str) -> Iterator[tuple[str, str]]:
    """(path, url) of every URL a record carries, in its links and its people's links."""
    for key in ("urls", "links"):
        for index, link in enumerate(record.get(key) or []):
            if link.get("url") is not None:
                yield f"{path}.{key}[{index}].url", link["url"]
            yield f"{path}.{key}[{index}].as_written", link["as_written"]
    for key in ("presenters", "panel", "speakers"):
        for index, person in enumerate(record.get(key) or []):
            yield from _person_links(person, f"{path}.{key}[{index}]")
    if record.get("moderator_details"):
        yield from _person_links(record["moderator_details"], f"{path}.moderator_details")


def _person_links(person: dict[str, Any], path: str) -> Iterator[tuple[str, str]]:
    if person.get("url") is not None:
        yield f"{path}.url", person["url"]
    for index, link in enumerate(person.get("links") or []):
        if link.get("url") is not None:
            yield f"{path}.links[{index}].url", link["url"]
        yield f"{path}.links[{index}].as_written", link["as_written"]


def _check_url(path: str, value: str) -> None:
    scheme = url_scheme(value)
    written = path.endswith(".as_written")
    if (
        written
        and scheme is not None
        and scheme not in _WEB_SCHEMES | {"mailto"}
        and ("." not in scheme)
    ):
        raise InterchangeError(f"{path}: URL scheme {scheme!r} is not allowed")
    if not written and scheme not in _WEB_SCHEMES:
        raise InterchangeError(f"{path}: {value[:80]!r} is not an http or https URL")


def _check_date(path: str, value: Any) -> None:
    if value is not None:
        try:
            dt.date.fromisoformat(value)
        except ValueError:
            raise InterchangeError(f"{path}: {value!r} is not a date") from None


def check_meaning(document: dict[str, Any]) -> None:
    """The rules a schema cannot state: ids, references, dates, URL schemes."""
    catalogues: set[str] = set()
    for index, catalogue in enumerate(document["catalogues"]):
        path = f"$.catalogues[{index}]"
        if catalogue["id"] in catalogues:
            raise InterchangeError(f"{path}.id: {catalogue['id']!r} appears twice")
        catalogues.add(catalogue["id"])
        for key in ("start_date", "end_date"):
            _check_date(f"{path}.{key}", catalogue.get(key))
        for kind in ("days", "sessions"):
            for number, item in enumerate(catalogue.get(kind) or []):
                _check_date(f"{path}.{kind}[{number}].date", item.get("date"))
    organisations = {o["id"] for o in document["organisations"]}
    people = {p["id"] for p in document["people"]}
    workshops: set[tuple[str, str]] = set()
    for kind in ("workshops", "initiatives"):
        seen: set[str] = set()
        for index, record in enumerate(document[kind]):
            path = f"$.{kind}[{index}]"
            expected = f"{record['catalogue']}/{record['code']}"
            if record["id"] != expected:
                raise InterchangeError(f"{path}.id: {record['id']!r} should be {expected!r}")
            if record["id"] in seen:
                raise InterchangeError(f"{path}.id: {record['id']!r} appears twice")
            seen.add(record["id"])
            if record["catalogue"] not in catalogues:
                raise InterchangeError(f"{path}.catalogue: no catalogue {record['catalogue']!r}")
            _check_date(f"{path}.date", record.get("date"))
            if kind == "workshops":
                workshops.add((record["catalogue"], record["code"]))
            _check_references(path, record, workshops, organisations, people)
            for link_path, url in _links(record, path):
                _check_url(link_path, url)
    for index, organisation in enumerate(document["organisations"]):
        for number, url in enumerate(organisation.get("urls") or []):
            _check_url(f"$.organisations[{index}].urls[{number}]", url)


def _check_references(
    path: str,
    record: dict[str, Any],
    workshops: set[tuple[str, str]],
    organisations: set[str],
    people: set[str],
) -> None:
    workshop = record.get("workshop")
    if workshop is not None and (record["catalogue"], workshop) not in workshops:
        raise InterchangeError(f"{path}.workshop: no workshop {workshop!r} in the document")
    organisation = record.get("organisation_id")
    if organisation is not None and organisation not in organisations:
        raise InterchangeError(f"{path}.organisation_id: no organisation {organisation!r}")
    for key in ("presenters", "panel", "speakers"):
        for index, person in enumerate(record.get(key) or []):
            who = person.get("person_id")
            if who is not None and who not in people:
                raise InterchangeError(f"{path}.{key}[{index}].person_id: no person {who!r}")


def neutralise_bidi(value: Any) -> Any:
    """Every string of a JSON value without bidirectional control characters (see docs)."""
    if isinstance(value, str):
        return _BIDI.sub("", value)
    if isinstance(value, list):
        return [neutralise_bidi(item) for item in value]
    if isinstance(value, dict):
        return {key: neutralise_bidi(item) for key, item in value.items()}
    return value


def read_interchange(data: bytes) -> Dataset:
    """Records from the bytes of an interchange document, every rule checked first."""
    document = parse(data)
    if not isinstance(document, dict) or not str(document.get("format", "")).startswith(
        "sse-atlas/"
    ):
        raise InterchangeError("not an SSE Atlas export (no 'format': 'sse-atlas/1' key)")
    if document["format"] != FORMAT:
        raise InterchangeError(f"$.format: unsupported {document['format']!r}; expected {FORMAT!r}")
    check_schema(document)
    check_meaning(document)
    return document_to_dataset(neutralise_bidi(document))
