"""Offline geocoding: places as catalogues write them, located in the GeoNames gazetteer.

A place is located at the finest level its names allow: its city (by exact name, then alternate
name, then the alias table, then, within the country only, a close spelling), else its region
(a first-level division's population-weighted centre, or an alias point), else its country.
Compound names (``Lima - Huamanga - Ayacucho``) are tried whole, then part by part. Every result
says how it was found in one sentence, and flags what a curator should check: ``ambiguous``,
``compound``, ``fuzzy``, ``not-found``. The gazetteer itself lives in ``gazetteer``.
"""

from __future__ import annotations

import json
import math
import os
import re
import threading
import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import Final

from rapidfuzz import fuzz, process

from sse_atlas.enrich.gazetteer import (
    GEONAMES_ATTRIBUTION,
    City,
    Gazetteer,
    PlaceTables,
    RegionTarget,
    cache_file,
    default_cache_dir,
    fold_name,
    load_gazetteer,
    package_version,
    strip_generic,
)
from sse_atlas.model import Place

__all__ = [
    "GEONAMES_ATTRIBUTION",
    "GeoResult",
    "Geocoder",
    "IndexInfo",
    "default_cache_dir",
    "geocode_place",
]

FUZZY_CUTOFF: Final = 90.0  # rapidfuzz ratio, same country only
AMBIGUOUS_POPULATION_RATIO: Final = 3.0
AMBIGUOUS_DISTANCE_KM: Final = 50.0

_CONFIDENCE: Final = {"name": 0.95, "alternate name": 0.9, "alias": 0.9, "fuzzy": 0.75}
_REGION_CONFIDENCE: Final = 0.5
_AREA_CONFIDENCE: Final = 0.4
_COUNTRY_CONFIDENCE: Final = 0.3


@dataclass(frozen=True)
class GeoResult:
    """Where a place was located, how precisely, and why."""

    latitude: float | None
    longitude: float | None
    precision: str | None  # "city" | "region" | "country" | None
    matched_name: str | None  # gazetteer name used
    geonameid: int | None
    admin1: str | None  # first-level division of the match
    confidence: float  # 0..1
    candidates: int  # how many gazetteer entries matched the name
    flags: tuple[str, ...]  # ambiguous, compound, fuzzy, not-found
    reason: str  # one sentence for curators


@dataclass(frozen=True)
class IndexInfo:
    """What the gazetteer index holds and where it came from."""

    package_version: str
    dataset: str
    cities: int
    names: int
    origin: str  # "built" | "cache"
    seconds: float
    cache_file: Path | None


@dataclass(frozen=True)
class _Area:
    """A region found by name: a first-level division, or an alias point."""

    country: str
    admin1: str | None
    name: str
    latitude: float
    longitude: float


@dataclass(frozen=True)
class _Match:
    city: City
    via: str  # name | alternate name | alias | fuzzy
    candidates: int
    rival: City | None  # a namesake of similar size far away: the match is ambiguous
    score: float | None = None


_PARENTHESISED: Final = re.compile(r"\(([^()]*)\)")
_LIST_SEPARATORS: Final = re.compile(r"\s+[-–—]\s+|\s*[/,;|+&]\s*|\s+(?:et|y|and|e|eta)\s+")
_HYPHENS: Final = re.compile(r"\s*[-–—]\s*")
# What hyphenated place names start with: never a place on their own.
_PARTICLES: Final = frozenset(
    "saint sainte st ste san santa santo sao la le les el los las de del des du port puerto "
    "villa vila nova nueva nouvelle new old upper lower north south east west".split(" ")
)


def _compound_parts(text: str) -> list[str]:
    """The places of a list written as one name (``Lima - Huamanga``, ``Hanoi-Saïgon``)."""
    parts = [part.strip() for part in _LIST_SEPARATORS.split(text) if part.strip()]
    if len(parts) == 1:
        pieces = [piece for piece in _HYPHENS.split(text) if piece]
        plain = all(len(fold_name(p)) >= 3 and fold_name(p) not in _PARTICLES for p in pieces)
        if len(pieces) == 2 and plain:
            parts = pieces
    return parts if len(parts) > 1 else []


def _distance_km(a: City, b: City) -> float:
    lat1, lat2 = math.radians(a.latitude), math.radians(b.latitude)
    dlat, dlon = lat2 - lat1, math.radians(b.longitude - a.longitude)
    h = math.sin(dlat / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(dlon / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def _similar_size(a: City, b: City) -> bool:
    small, large = sorted((max(a.population, 1), max(b.population, 1)))
    return large <= AMBIGUOUS_POPULATION_RATIO * small


def _clean(text: str | None) -> str | None:
    if text is None:
        return None
    stripped = " ".join(text.split()).strip(" .,;:-–")
    return stripped or None


def _quote(text: str) -> str:
    return f"'{text}'"


def _nothing(reason: str) -> GeoResult:
    return GeoResult(None, None, None, None, None, None, 0.0, 0, ("not-found",), reason)


class Geocoder:
    """Locates places offline; the gazetteer index is loaded on the first call, then kept.

    ``cache_dir`` is where the built index is cached (default: ``default_cache_dir()``);
    ``use_cache=False`` builds it in memory every time.
    """

    def __init__(self, cache_dir: Path | None = None, *, use_cache: bool = True) -> None:
        self._cache_file = cache_file(cache_dir or default_cache_dir()) if use_cache else None
        self._lock = threading.Lock()
        self._loaded: tuple[Gazetteer, PlaceTables] | None = None
        self._info: IndexInfo | None = None
        self._fuzzy_keys: dict[str, list[str]] | None = None
        self._other_names: dict[tuple[str, str], frozenset[str]] = {}
        self._names_file = (
            self._cache_file.with_name(f"other-names-{package_version()}.json")
            if self._cache_file is not None
            else None
        )

    # -- loading ---------------------------------------------------------------------------------

    def _load(self) -> tuple[Gazetteer, PlaceTables]:
        with self._lock:
            if self._loaded is None:
                started = time.perf_counter()
                gazetteer, origin = load_gazetteer(self._cache_file)
                self._loaded = gazetteer, PlaceTables.load()
                self._info = IndexInfo(
                    package_version=package_version(),
                    dataset=gazetteer.dataset,
                    cities=len(gazetteer.cities),
                    names=len(gazetteer.names),
                    origin=origin,
                    seconds=round(time.perf_counter() - started, 3),
                    cache_file=self._cache_file,
                )
            return self._loaded

    def index_info(self) -> IndexInfo:
        """Package version, dataset size and load time of the index (loading it if needed)."""
        self._load()
        assert self._info is not None
        return self._info

    def other_names(
        self, places: Iterable[tuple[str, str]]
    ) -> dict[tuple[str, str], frozenset[str]]:
        """Other names of each (city as written, country code) the gazetteer locates: exonyms
        and local names ("Bilbo", "Seúl"), folded. A name is kept when it has four letters or
        more and the most populous place bearing it is that city, so that a short or shared
        name never stands for it. Answers are kept beside the index cache, so that a process
        asking only about known places never loads the gazetteer."""
        asked = list(dict.fromkeys(places))
        with self._lock:
            if not self._other_names:
                self._other_names.update(_read_other_names(self._names_file))
            missing = [place for place in asked if place not in self._other_names]
        if missing:
            gazetteer, _ = self._load()
            found = _other_names(gazetteer, missing)
            with self._lock:
                self._other_names.update(found)
                _write_other_names(self._names_file, self._other_names)
        return {place: self._other_names[place] for place in asked}

    def _keys_of(self, country: str) -> list[str]:
        gazetteer, _ = self._load()
        if self._fuzzy_keys is None:  # one pass, and only once something needs fuzzy matching
            by_country: dict[str, set[str]] = defaultdict(set)
            for key, ids in gazetteer.names.items():
                for index in ids:
                    by_country[gazetteer.cities[index].country].add(key)
            self._fuzzy_keys = {code: sorted(keys) for code, keys in by_country.items()}
        return self._fuzzy_keys.get(country, [])

    # -- matching --------------------------------------------------------------------------------

    @staticmethod
    def _choose(
        found: list[City], key: str, via: str | None, hint: str | None, score: float | None
    ) -> _Match:
        """Exact names before alternate ones, then the most populous; inside the region if given."""
        pool = [city for city in found if hint and city.admin1 == hint] or found
        exact = [city for city in pool if fold_name(city.name) == key]
        best = min(exact or pool, key=lambda city: (-city.population, city.geonameid))
        rivals = [
            city
            for city in pool
            if city is not best
            and _similar_size(best, city)
            and _distance_km(best, city) > AMBIGUOUS_DISTANCE_KM
        ]
        rival = max(rivals, key=lambda city: city.population) if rivals else None
        return _Match(
            best, via or ("name" if exact else "alternate name"), len(found), rival, score
        )

    def _match(self, text: str, country: str | None, hint: str | None) -> _Match | None:
        gazetteer, tables = self._load()
        key = fold_name(text)
        if not key:
            return None
        aliases = tables.city_aliases.get(key, {})
        targets: list[tuple[str | None, str]] = [
            (country if code == "*" else code, target)
            for code, target in sorted(aliases.items(), key=lambda item: item[0] == "*")
            if code in (country, "*") or (country is None and len(aliases) == 1)
        ]
        for target_country, target in targets:
            found = gazetteer.find(fold_name(target), target_country)
            if found:
                return self._choose(found, fold_name(target), "alias", hint, None)
        found = gazetteer.find(key, country)
        return self._choose(found, key, None, hint, None) if found else None

    def _fuzzy(self, text: str, country: str | None, hint: str | None) -> _Match | None:
        key = fold_name(text)
        if country is None or len(key) < 4:
            return None
        best = process.extractOne(
            key, self._keys_of(country), scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF
        )
        if best is None:
            return None
        found = self._load()[0].find(best[0], country)
        return self._choose(found, best[0], "fuzzy", hint, round(best[1], 1)) if found else None

    def _area(self, text: str, country: str | None) -> _Area | None:
        gazetteer, tables = self._load()
        key = fold_name(text)
        entries = tables.regions.get(key) or tables.regions.get(strip_generic(key)) or {}
        if country is None:  # a region name known in one country only tells the country
            chosen = next(iter(entries.items())) if len(entries) == 1 else None
        elif country in entries:
            chosen = (country, entries[country])
        elif (country, key.upper()) in tables.admin1_names:  # a code such as (PA)
            written_code = key.upper()
            name = tables.admin1_names[(country, written_code)]
            chosen = (country, RegionTarget(written_code, None, None, name))
        else:
            chosen = None
        if chosen is None:
            return None
        code_of, (code, latitude, longitude, name) = chosen
        if code is not None:
            centre = gazetteer.regions.get((code_of, code))
            latitude, longitude = centre if centre else (None, None)
            name = tables.admin1_names.get((code_of, code), name)
        if latitude is None or longitude is None:
            return None
        return _Area(code_of, code, name, latitude, longitude)

    # -- results ---------------------------------------------------------------------------------

    def _city_result(self, match: _Match, written: str, part: str | None) -> GeoResult:
        city = match.city
        admin1 = self._load()[1].admin1_names.get((city.country, city.admin1))
        where = f"{city.name} ({admin1 + ', ' if admin1 else ''}{city.country})"
        flags: list[str] = []
        confidence = _CONFIDENCE[match.via]
        if match.via == "fuzzy":
            flags.append("fuzzy")
            confidence *= (match.score or FUZZY_CUTOFF) / 100
            how = f"is not in the gazetteer; its closest name (similarity {match.score}) is {where}"
        elif match.via == "alias":
            how = f"is listed in the place aliases as {where}"
        elif match.via == "alternate name":
            how = f"is an alternate name of {where}"
        else:
            how = f"is {where}"
        sentence = f"{_quote(written)} {how}"
        if part is not None:
            flags.append("compound")
            confidence *= 0.8
            sentence = (
                f"{_quote(written)} names several places; "
                f"its first part that resolves, {_quote(part)}, {how}"
            )
        if match.rival is not None:
            flags.append("ambiguous")
            confidence *= 0.6
            rival = match.rival
            sentence += (
                f", chosen among {match.candidates} namesakes though {rival.name} "
                f"({rival.country}, population {rival.population}) is of similar size "
                f"{round(_distance_km(city, rival))} km away"
            )
        elif match.candidates > 1:
            sentence += f", the best of {match.candidates} places matching that name"
        return GeoResult(
            latitude=city.latitude,
            longitude=city.longitude,
            precision="city",
            matched_name=city.name,
            geonameid=city.geonameid,
            admin1=admin1,
            confidence=round(confidence, 3),
            candidates=match.candidates,
            flags=tuple(flags),
            reason=sentence + ".",
        )

    @staticmethod
    def _area_result(area: _Area, written: str, missing: str | None) -> GeoResult:
        kind = "first-level division" if area.admin1 else "region listed in the place aliases"
        sentence = f"{_quote(written)} is the {kind} {area.name} ({area.country})"
        if area.admin1:
            sentence += ", located at the population-weighted centre of its towns"
        if missing is not None:
            sentence = f"City {_quote(missing)} is not in the gazetteer; {sentence}"
        return GeoResult(
            latitude=area.latitude,
            longitude=area.longitude,
            precision="region",
            matched_name=area.name,
            geonameid=None,
            admin1=area.name if area.admin1 else None,
            confidence=_REGION_CONFIDENCE if area.admin1 else _AREA_CONFIDENCE,
            candidates=1,
            flags=("not-found",) if missing is not None else (),
            reason=sentence + ".",
        )

    def _country_result(self, country: str, missing: str | None) -> GeoResult:
        entry = self._load()[0].countries.get(country)
        if entry is None:
            return _nothing(f"Country code {_quote(country)} has no place in the gazetteer.")
        name, latitude, longitude = entry
        sentence = (
            f"Only the country is known: {name}, at the population-weighted centre of its towns."
        )
        if missing is not None:
            sentence = f"{_quote(missing)} is not in the gazetteer; used the country, {name}."
        return GeoResult(
            latitude=latitude,
            longitude=longitude,
            precision="country",
            matched_name=name,
            geonameid=None,
            admin1=None,
            confidence=_COUNTRY_CONFIDENCE,
            candidates=1,
            flags=("not-found",) if missing is not None else (),
            reason=sentence,
        )

    def _find_city(self, text: str, country: str | None, hint: str | None) -> GeoResult | None:
        bare = _clean(_PARENTHESISED.sub(" ", text)) or text
        wholes = [text] if bare == text else [text, bare]
        # Parts are short, common words; matched worldwide they find any village.
        parts = _compound_parts(bare) if country else []
        within = self._area(parts[-1], country) if len(parts) > 2 else None
        if within is not None and within.admin1:
            # "Lima - Huamanga - Ayacucho": a list ending in a region names the place in that
            # region, most specific last; the capital first in the list is only the context
            for part in reversed(parts[:-1]):
                match = self._match(part, country, within.admin1)
                if match and match.city.admin1 == within.admin1:
                    return self._city_result(match, text, part)
        for finder in (self._match, self._fuzzy):  # every exact way before any close spelling
            for whole in wholes:
                match = finder(whole, country, hint)
                if match:
                    return self._city_result(match, text, None)
            for part in parts:
                match = finder(part, country, hint)
                if match:
                    return self._city_result(match, text, part)
        return None

    # -- public ----------------------------------------------------------------------------------

    def locate(self, city: str | None, region: str | None, country_code: str | None) -> GeoResult:
        """The best location for a place as written: its city, else its region, else its country."""
        country = (country_code or "").strip().upper() or None
        city, region = _clean(city), _clean(region)
        if city and not region:  # "Swarthmore (PA)"
            bracketed = _PARENTHESISED.search(city)
            region = _clean(bracketed.group(1)) if bracketed else None
        area = self._area(region, country) if region else None
        country = country or (area.country if area else None)
        if city:
            found = self._find_city(city, country, area.admin1 if area else None)
            if found:
                return found
            as_region = self._area(city, country)  # a region written where the city goes
            if as_region:
                return self._area_result(as_region, city, None)
            if area and region:
                return self._area_result(area, region, city)
            if country:
                return self._country_result(country, city)
            return _nothing(f"{_quote(city)} is not in the gazetteer and no country is known.")
        if area and region:
            return self._area_result(area, region, None)
        if country:
            return self._country_result(country, region)
        if region:
            return _nothing(f"Region {_quote(region)} is not known and no country is given.")
        return _nothing("The place names no city, region or country.")


def _other_names(
    gazetteer: Gazetteer, places: list[tuple[str, str]]
) -> dict[tuple[str, str], frozenset[str]]:
    """See :meth:`Geocoder.other_names`: one pass over every name for all the places."""
    wanted: dict[int, tuple[str, str]] = {}
    for city, country in places:
        indexes = gazetteer.names.get(fold_name(city), ())
        here = [i for i in indexes if gazetteer.cities[i].country == country]
        if here:
            wanted[max(here, key=lambda i: gazetteer.cities[i].population)] = (city, country)
    found: dict[tuple[str, str], set[str]] = {place: set() for place in places}
    if wanted:
        for key, indexes in gazetteer.names.items():
            if len(key) < 4 or not any(i in wanted for i in indexes):
                continue
            bearer = max(indexes, key=lambda i: gazetteer.cities[i].population)
            if bearer in wanted:
                found[wanted[bearer]].add(key)
    return {place: frozenset(keys) for place, keys in found.items()}


def _read_other_names(path: Path | None) -> dict[tuple[str, str], frozenset[str]]:
    try:
        rows = json.loads(path.read_text(encoding="utf-8")) if path is not None else []
        return {(str(city), str(country)): frozenset(names) for city, country, names in rows}
    except (OSError, ValueError, TypeError):  # absent or damaged: looked up again
        return {}


def _write_other_names(path: Path | None, known: dict[tuple[str, str], frozenset[str]]) -> None:
    if path is None:
        return
    rows = [[city, country, sorted(names)] for (city, country), names in sorted(known.items())]
    partial = path.with_suffix(f".{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
        os.replace(partial, path)
    except OSError:  # a read-only home: kept in memory only
        partial.unlink(missing_ok=True)


@cache
def shared_geocoder() -> Geocoder:
    """One gazetteer index per process: loading it is the costly part of geocoding."""
    return Geocoder()


def geocode_place(place: Place, geocoder: Geocoder) -> tuple[Place, GeoResult]:
    """A copy of ``place`` with coordinates and precision set, and the result that explains them.

    A place the gazetteer cannot locate keeps the coordinates it already had (an imported,
    curated value is better than none).
    """
    result = geocoder.locate(place.city, place.region, place.country_code)
    if result.latitude is None:
        return replace(place), result
    located = replace(
        place, latitude=result.latitude, longitude=result.longitude, precision=result.precision
    )
    return located, result
