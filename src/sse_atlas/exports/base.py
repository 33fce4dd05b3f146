"""The exporter contract and registry: one view of the data, thin serialisers per format."""

from __future__ import annotations

from typing import ClassVar, Protocol, TextIO

from sse_atlas.model import Dataset


class Exporter(Protocol):
    """Writes a dataset to a text stream in one format."""

    identifier: ClassVar[str]
    extension: ClassVar[str]
    media_type: ClassVar[str]

    def write(self, stream: TextIO, dataset: Dataset) -> None: ...


_REGISTRY: dict[str, type[Exporter]] = {}


def register(exporter: type[Exporter]) -> type[Exporter]:
    """Class decorator: make an exporter available under its identifier."""
    _REGISTRY[exporter.identifier] = exporter
    return exporter


def exporter_for(identifier: str) -> Exporter:
    """An exporter instance; ``KeyError`` names the formats there are."""
    try:
        return _REGISTRY[identifier]()
    except KeyError:
        known = ", ".join(sorted(_REGISTRY))
        raise KeyError(f"unknown export format {identifier!r}; choose one of: {known}") from None


def formats() -> list[str]:
    return sorted(_REGISTRY)
