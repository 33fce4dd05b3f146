"""A dataset: catalogues plus the organisations and people resolved across them."""

from __future__ import annotations

from dataclasses import dataclass, field

from sse_atlas.model.records import Catalogue, Organisation, Person


@dataclass
class Dataset:
    catalogues: list[Catalogue] = field(default_factory=list)
    organisations: list[Organisation] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
