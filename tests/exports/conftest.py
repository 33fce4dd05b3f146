"""Datasets for the export tests: the bundled catalogue, and a small slice of it for golden data."""

from __future__ import annotations

import copy

import pytest

from sse_atlas.enrich.entities import resolve_entities
from sse_atlas.ingest.catalogue import ParseResult
from sse_atlas.model import Catalogue, Dataset

SMALL_WORKSHOPS = ("2.1", "2.3", "2.4")  # 2.4 is a coordinated panel
# GeoNames coordinates of three cities; 2.1.1 and 2.3.1 stay unlocated
COORDINATES = {
    "2.3.2": (45.50884, -73.58781),  # Montréal
    "2.3.3": (48.11198, -1.67429),  # Rennes
    "2.3.4": (40.71427, -74.00597),  # New York
}


def _dataset(catalogue: Catalogue) -> Dataset:
    organisations, people = resolve_entities([catalogue])
    return Dataset([catalogue], organisations, people)


def small_catalogue(parsed: Catalogue) -> Catalogue:
    """Day 1, session 2, workshops 2.1, 2.3 and 2.4 and their initiatives, three of them located."""
    catalogue = copy.deepcopy(parsed)
    catalogue.workshops = [w for w in catalogue.workshops if w.code in SMALL_WORKSHOPS]
    catalogue.initiatives = [i for i in catalogue.initiatives if i.workshop in SMALL_WORKSHOPS]
    catalogue.sessions = [s for s in catalogue.sessions if s.number == 2]
    catalogue.sessions[0].workshops = list(SMALL_WORKSHOPS)
    catalogue.days = [d for d in catalogue.days if 2 in d.sessions]
    catalogue.days[0].sessions = [2]
    catalogue.end_date = catalogue.start_date
    for initiative in catalogue.initiatives:
        if initiative.code in COORDINATES:
            latitude, longitude = COORDINATES[initiative.code]
            initiative.place.latitude = latitude
            initiative.place.longitude = longitude
            initiative.place.precision = "city"
    return catalogue


@pytest.fixture
def full_dataset(seed: ParseResult) -> Dataset:
    return _dataset(copy.deepcopy(seed.catalogue))


@pytest.fixture
def small_dataset(seed: ParseResult) -> Dataset:
    return _dataset(small_catalogue(seed.catalogue))
