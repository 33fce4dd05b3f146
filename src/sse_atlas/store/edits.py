"""Checking and applying edits: field paths resolved against the model's type hints."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import types
import typing
from collections.abc import Iterable
from functools import cache
from typing import Any, TypeVar

from sse_atlas.model.codec import from_value, to_value
from sse_atlas.model.schemes import unsafe_scheme
from sse_atlas.store.base import Edit, StoreError

R = TypeVar("R")

# Changing these would change the record's id, which is what edits are keyed on.
IDENTITY_FIELDS = frozenset({"catalogue", "code"})


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _strip_optional(tp: Any) -> Any:
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        options = [arg for arg in typing.get_args(tp) if arg is not type(None)]
        if len(options) == 1:
            return options[0]
    return tp


def field_type(cls: type, path: str) -> Any:
    """The declared type of ``path`` (``place.city``) in the dataclass ``cls``."""
    parts = path.split(".")
    if parts[0] in IDENTITY_FIELDS:
        raise StoreError(f"field {path!r} is part of the record's id and cannot be edited")
    current: Any = cls
    tp: Any = None
    for index, part in enumerate(parts):
        current = _strip_optional(current)
        if not (isinstance(current, type) and dataclasses.is_dataclass(current)):
            done = ".".join(parts[:index])
            raise StoreError(f"unknown field {path!r}: {done!r} has no fields")
        names = {f.name for f in dataclasses.fields(current) if f.init}
        if part not in names:
            raise StoreError(f"unknown field {path!r} for {cls.__name__}")
        tp = _hints(current)[part]
        current = tp
    return tp


def _conforms(tp: Any, value: Any) -> bool:
    """Whether a value decoded by ``codec.from_value`` really has the type ``tp``."""
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        return any(_conforms(arg, value) for arg in typing.get_args(tp))
    if tp is type(None):
        return value is None
    if origin is list:
        (item_type,) = typing.get_args(tp)
        return isinstance(value, list) and all(_conforms(item_type, item) for item in value)
    if tp is Any or tp is object:
        return True
    if tp is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if tp is float:
        return isinstance(value, float)
    if tp is dt.date:
        return isinstance(value, dt.date) and not isinstance(value, dt.datetime)
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        hints = _hints(tp)
        return isinstance(value, tp) and all(
            _conforms(hints[f.name], getattr(value, f.name)) for f in dataclasses.fields(tp)
        )
    if isinstance(tp, type):
        return isinstance(value, tp)
    return False


def _type_name(tp: Any) -> str:
    """``int | None``, ``list[Involvement]``: a type as a reader of an error message knows it."""
    text = tp.__name__ if isinstance(tp, type) and not typing.get_args(tp) else str(tp)
    return re.sub(r"\b(?:\w+\.)+(\w+)", r"\1", text)


def _decode(path: str, tp: Any, stored: Any) -> Any:
    problem = f"value {stored!r} does not fit field {path!r} ({_type_name(tp)})"
    try:
        value = from_value(tp, stored)
    except (TypeError, ValueError, KeyError, AttributeError) as error:
        raise StoreError(f"{problem}: {error}") from error
    if not _conforms(tp, value):
        raise StoreError(problem)
    return value


def encode_value(cls: type, path: str, value: object) -> object:
    """The JSON form of ``value`` for ``path`` in ``cls``; raises StoreError if it does not fit."""
    tp = field_type(cls, path)
    stored = to_value(value)
    _decode(path, tp, stored)
    _refuse_unsafe_links(path, stored)
    return stored


_URL_KEYS = frozenset({"url", "as_written"})


def _refuse_unsafe_links(path: str, stored: object) -> None:
    """No edit may store a link that runs code when followed (``javascript:``, ``data:``…):
    ingest never stores one, and an edit must not bring one in behind its back."""
    if isinstance(stored, str) and path.rsplit(".", 1)[-1] in _URL_KEYS:
        scheme = unsafe_scheme(stored)
        if scheme is not None:
            raise StoreError(f"{path}: a link may not use the {scheme}: scheme (http or https)")
    elif isinstance(stored, dict):
        for key, item in stored.items():
            _refuse_unsafe_links(f"{path}.{key}", item)
    elif isinstance(stored, list):
        for item in stored:
            _refuse_unsafe_links(path, item)


def apply_edit(record: R, edit: Edit) -> bool:
    """Set one field in place; False when the path cannot be reached in this record."""
    cls = type(record)
    tp = field_type(cls, edit.field)
    value = _decode(edit.field, tp, edit.value)
    *parents, last = edit.field.split(".")
    target: Any = record
    for part in parents:
        child = getattr(target, part)
        if child is None:
            # An empty nested value (Place, say) is created; one with required fields is not.
            parent_type: type = type(target)
            child_type = _strip_optional(_hints(parent_type)[part])
            try:
                child = child_type()
            except TypeError:
                return False
            setattr(target, part, child)
        target = child
    setattr(target, last, value)
    return True


def apply_edits(record: R, edits: Iterable[Edit]) -> R:
    """The record with each edit applied in order (in place); edits that no longer fit the
    re-ingested record's shape are skipped, not fatal, so reads never fail on them."""
    for edit in edits:
        try:
            apply_edit(record, edit)
        except StoreError:
            continue
    return record
