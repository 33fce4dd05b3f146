"""Lossless conversion between model dataclasses and JSON-compatible values.

Type-driven: ``from_value(Initiative, to_value(initiative)) == initiative`` for every model type.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import types
import typing
from functools import cache
from typing import Any, TypeVar

T = TypeVar("T")


def to_value(obj: Any) -> Any:
    """A dataclass tree as plain dicts, lists, strings and numbers (dates as ISO strings)."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: to_value(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, enum.Enum):
        return obj.value
    if isinstance(obj, dt.date):
        return obj.isoformat()
    if isinstance(obj, list | tuple):
        return [to_value(item) for item in obj]
    if isinstance(obj, dict):
        return {str(key): to_value(value) for key, value in obj.items()}
    return obj


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def from_value(tp: Any, value: Any) -> Any:
    """The inverse of :func:`to_value` for the type ``tp``; unknown keys are ignored."""
    if value is None:
        return None
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        options = [arg for arg in typing.get_args(tp) if arg is not type(None)]
        return from_value(options[0], value)
    if origin is list:
        (item_type,) = typing.get_args(tp)
        return [from_value(item_type, item) for item in value]
    if origin is dict:
        _, value_type = typing.get_args(tp)
        return {key: from_value(value_type, item) for key, item in value.items()}
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        hints = _hints(tp)
        kwargs = {
            f.name: from_value(hints[f.name], value[f.name])
            for f in dataclasses.fields(tp)
            if f.init and f.name in value
        }
        return tp(**kwargs)
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return tp(value)
    if tp is dt.date:
        return dt.date.fromisoformat(value)
    if tp is float and isinstance(value, int):
        return float(value)
    return value


def load(tp: type[T], value: Any) -> T:
    """Typed entry point for :func:`from_value`."""
    result: T = from_value(tp, value)
    return result
