"""The exporter contract and registry: one view of the data, thin serialisers per format."""

from __future__ import annotations

import inspect
from typing import Any, ClassVar, Protocol, TypeVar

from sse_atlas.model import Dataset


class Exporter(Protocol):
    """Writes a dataset to a stream in one format (a byte stream when ``binary`` is true)."""

    identifier: ClassVar[str]
    extension: ClassVar[str]
    media_type: ClassVar[str]

    def write(self, stream: Any, dataset: Dataset) -> None: ...


E = TypeVar("E")

_REGISTRY: dict[str, type[Any]] = {}


def register(exporter: type[E]) -> type[E]:
    """Class decorator: make an exporter available under its identifier."""
    _REGISTRY[getattr(exporter, "identifier")] = exporter  # noqa: B009 - typed as a plain class
    return exporter


def exporter_for(identifier: str, **options: Any) -> Exporter:
    """An exporter instance, given the options its constructor accepts (others are ignored).

    ``KeyError`` names the formats there are.
    """
    try:
        cls = _REGISTRY[identifier]
    except KeyError:
        known = ", ".join(sorted(_REGISTRY))
        raise KeyError(f"unknown export format {identifier!r}; choose one of: {known}") from None
    accepted = inspect.signature(cls).parameters
    exporter: Exporter = cls(**{k: v for k, v in options.items() if k in accepted})
    return exporter


def is_binary(exporter: Exporter) -> bool:
    """Whether the exporter writes bytes (spreadsheets) rather than text."""
    return bool(getattr(exporter, "binary", False))


def formats() -> list[str]:
    return sorted(_REGISTRY)
