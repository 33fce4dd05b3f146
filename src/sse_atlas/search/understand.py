"""Query understanding: what a query names besides words, each read as a filter or a boost.

A query may name a place (a country, continent, UN region, region or city of the collection), a
day or session of the programme, a kind of organisation, a group served, a theme, an SDG, or an
organisation or person of the collection. Each found becomes an :class:`Interpretation` with the
words it was read from. A place is a *filter* when the query says so ("in Brazil", "au Brésil",
"Brasilen", or nothing but the place and generic words); days and sessions always are; the rest
are *boosts* that rank matching records higher without hiding the others. The caller can turn any
kind off (:attr:`SearchQuery.literal`), and the words are then searched as words.

Names come from the collection itself (its countries, cities, regions, organisations and people)
and from published tables: CLDR territory names through babel, the place aliases of the geocoder,
and the cue words of the ESSGLOBAL, SDG and group vocabularies that classification uses. The
grammar words around them (``in``, ``au``, ``session``, ``ODD``) are in
``data/search/query_words.tsv``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources

from babel import Locale

from sse_atlas.enrich import vocabularies as v
from sse_atlas.enrich.classify import _STRUCTURE_RULES as STRUCTURE_RULES
from sse_atlas.enrich.geocode import shared_geocoder
from sse_atlas.search.documents import SearchDocument, facet_label
from sse_atlas.search.text import ALL_STOPWORDS, Token, fold, tokens

KINDS = ("place", "day", "session", "organisation_type", "group", "theme", "sdg", "entity")
# How much a boost adds, as a share of the best score: a named entity should come first.
BOOSTS = {
    "place": 0.3,
    "day": 0.3,
    "session": 0.3,
    "organisation_type": 0.2,
    "group": 0.12,
    "theme": 0.1,
    "sdg": 0.1,
    "entity": 0.6,
}
MAX_PHRASE = 6  # words in the longest name looked up
LANGUAGES = ("en", "fr", "es", "pt", "ca", "eu", "it", "de")
_CONTINENT_CODES = {"Africa": "002", "Americas": "019", "Asia": "142", "Europe": "150"}
_CONTINENT_CODES["Oceania"] = "009"
_LATIN_AMERICA = ("419", ("South America", "Central America", "Caribbean"))
_NUMBER = re.compile(r"^\d{1,2}$")
_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "premier": 1, "premiere": 1, "deuxieme": 2,
    "troisieme": 3, "primer": 1, "primero": 1, "primera": 1, "segundo": 2, "segunda": 2,
    "tercer": 3, "tercero": 3, "tercera": 3, "primeiro": 1, "primeira": 1, "terceiro": 3,
    "terceira": 3, "primo": 1, "prima": 1, "erste": 1, "ersten": 1, "zweite": 2, "dritte": 3,
}  # fmt: skip
_FACET_OF_SCHEME = {
    v.THEMES: "theme",
    v.SDGS: "sdg",
    v.GROUPS: "group",
    v.STRUCTURES: "organisation_type",
    v.ORGANISATION_TYPES: "organisation_type",
}


@dataclass(frozen=True)
class Interpretation:
    """One thing the query names: its kind, the facet values (or record names) it stands for."""

    kind: str  # one of KINDS
    values: tuple[str, ...]  # facet values, or the names of a place or entity as written
    label: str  # said to the user: "Brazil", "Local government", "Koopera"
    span: str  # the query's words it was read from
    filter: bool  # True: only matching records; False: matching records rank higher
    facet: str | None = None  # the facet of ``values``; None for cities, regions and entities


@dataclass(frozen=True)
class Reading:
    """The interpretations of a query and what is left to match as words."""

    interpretations: tuple[Interpretation, ...]
    text: str  # the query without the words a filter took (and the generic words beside it)


@dataclass(frozen=True)
class _Target:
    kind: str
    values: tuple[str, ...]
    label: str
    facet: str | None
    priority: int  # among names of equal length: entity 0, place 1, ...


@dataclass(frozen=True)
class _QueryWords:
    locative: dict[str, frozenset[str]]
    generic: frozenset[str]
    day: frozenset[str]
    session: frozenset[str]
    sdg: frozenset[str]
    eu_locative: tuple[str, ...]
    eu_suffix: tuple[str, ...]
    adjectives: dict[str, tuple[str, ...]]  # continent -> adjectives


@cache
def query_words() -> _QueryWords:
    """The grammar words of ``data/search/query_words.tsv``."""
    text = resources.files("sse_atlas").joinpath("data/search/query_words.tsv").read_text("utf-8")
    rows: dict[tuple[str, str], list[str]] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 3:
            raise ValueError(f"query_words.tsv:{number}: expected 3 tab-separated columns")
        role, language, listed = parts
        rows.setdefault((role, language), []).extend(
            fold(w.strip()) for w in listed.split(",") if w.strip()
        )

    def every(role: str) -> frozenset[str]:
        return frozenset(w for (r, _), found in rows.items() if r == role for w in found)

    return _QueryWords(
        locative={lang: frozenset(ws) for (r, lang), ws in rows.items() if r == "locative"},
        generic=every("generic"),
        day=every("day"),
        session=every("session"),
        sdg=every("sdg"),
        eu_locative=tuple(sorted(every("eu-locative"), key=len, reverse=True)),
        eu_suffix=tuple(sorted(every("eu-suffix"), key=len, reverse=True)),
        adjectives={
            r.split(":", 1)[1]: tuple(ws) for (r, _), ws in rows.items() if r.startswith("adj:")
        },
    )


@cache
def _locale(language: str) -> Locale:
    return Locale.parse(language)


def _territory_names(code: str) -> set[str]:
    return {n for lang in LANGUAGES if (n := _locale(lang).territories.get(code))}


def _key(text: str) -> tuple[str, ...]:
    return tuple(t.folded for t in tokens(text))


class Understander:
    """The names a collection's queries may use, looked up word by word (no regular expression
    runs over the whole vocabulary per query, so a query costs well under a millisecond)."""

    def __init__(self, documents: Sequence[SearchDocument], facets: dict[str, list[str]]) -> None:
        self.words = query_words()
        self.table: dict[tuple[str, ...], list[_Target]] = {}
        # records of each city, region, organisation and person named (no facet holds them)
        self.rows: dict[tuple[str, str], list[int]] = {}
        # every name of each place read as a filter: a record that names it is "in" it too
        self.names: dict[tuple[str, ...], set[tuple[str, ...]]] = {}
        self.days = sorted(facets.get("day", ()))
        self.sessions = set(facets.get("session", ()))
        self.sdgs = set(facets.get("sdg", ()))
        self._add_places(documents, facets)
        self._add_entities(documents)
        self._cues = _compiled_cues(
            {f: set(values) for f, values in facets.items() if f in _FACET_OF_SCHEME.values()}
        )
        self._day_names = _day_names(self.days)

    # -- the name table ------------------------------------------------------------------------

    def _add(self, name: str, target: _Target) -> None:
        key = _key(name)
        while key and key[0] in ("the", "la", "le", "les", "el", "los", "las", "l"):
            key = key[1:]
        if not key or len(key) > MAX_PHRASE or (len(key) == 1 and key[0] in ALL_STOPWORDS):
            return
        found = self.table.setdefault(key, [])
        if target not in found:
            found.append(target)
        if target.kind == "place":
            self.names.setdefault(target.values, set()).add(key)

    def _add_places(
        self, documents: Sequence[SearchDocument], facets: dict[str, list[str]]
    ) -> None:
        for code in facets.get("country", ()):
            label = facet_label("country", code)
            for name in (*_territory_names(code), *_country_aliases().get(code, ())):
                self._add(name, _Target("place", (code,), label, "country", 1))
        english = {str(name): str(c) for c, name in _locale("en").territories.items()}
        for region in facets.get("un_region", ()):
            region_code = english.get(region)
            if region_code:
                for name in _territory_names(region_code):
                    self._add(name, _Target("place", (region,), region, "un_region", 1))
        latin = tuple(r for r in _LATIN_AMERICA[1] if r in facets.get("un_region", ()))
        if latin:
            for name in _territory_names(_LATIN_AMERICA[0]):
                self._add(name, _Target("place", latin, "Latin America", "un_region", 1))
        for continent in facets.get("continent", ()):
            target = _Target("place", (continent,), continent, "continent", 1)
            continent_code = _CONTINENT_CODES.get(continent)
            names = _territory_names(continent_code) if continent_code else set()
            for name in (*names, continent):
                self._add(name, target)
            for adjective in self.words.adjectives.get(continent, ()):
                self._add(adjective, target)
        places: dict[str, set[str]] = {}
        located: set[tuple[str, str]] = set()  # (city, country code)
        for row, document in enumerate(documents):
            for written in dict.fromkeys((document.city, document.region)):
                if written:
                    places.setdefault(written, set()).add(written)
                    self.rows.setdefault(("place", written), []).append(row)
            if document.city and document.country_code:
                located.add((document.city, document.country_code))
        for group in _alias_groups():
            known = [p for p in places if fold(p) in {fold(a) for a in group}]
            for place in known:
                places[place].update(group)
        # exonyms and local names of the collection's cities: "Bilbo", "Seúl", "Barcelona"
        for (city, _country), other in shared_geocoder().other_names(sorted(located)).items():
            places[city].update(n for n in other if n not in ALL_STOPWORDS)
        for place, names in places.items():
            for name in names:
                self._add(name, _Target("place", (place,), place, None, 2))

    def _add_entities(self, documents: Sequence[SearchDocument]) -> None:
        partial: dict[tuple[str, ...], set[_Target]] = {}
        for row, document in enumerate(documents):
            fields = dict(document.fields)
            for field in ("organisation", "people"):
                for name in fields.get(field, "").split("\n"):
                    if not name:
                        continue
                    target = _Target("entity", (name,), name, None, 0)
                    rows = self.rows.setdefault(("entity", name), [])
                    if not rows or rows[-1] != row:
                        rows.append(row)
                    self._add(name, target)
                    # "Koopera (Cáritas)": the name before a bracket or a dash is the name too
                    short = re.split(r"\s[(–—-]\s?|\(", name)[0].strip()
                    if short != name and len(short) >= 4:
                        self._add(short, target)
                    for key in _partial_keys(short, person=field == "people"):
                        partial.setdefault(key, set()).add(target)
        # a part of one name only ("di Meglio", "Chantier économie sociale") names it too
        for key, targets in partial.items():
            if len(targets) == 1 and key not in self.table:
                self._add(" ".join(key), next(iter(targets)))

    # -- reading a query -----------------------------------------------------------------------

    def read(self, text: str, literal: Iterable[str] = (), language: str | None = None) -> Reading:
        """What ``text`` names, longest names first; kinds in ``literal`` are not read."""
        off = set(literal)
        found = list(tokens(text))
        keys = [t.folded for t in found]
        taken = [False] * len(keys)
        readings: list[tuple[int, int, Interpretation]] = []
        self._numbered(found, keys, taken, readings, off)
        for start, end, target, locative in self._names(keys, taken):
            if target.kind in off:
                continue
            # a city or region is matched on the record's own place only: a boost, since a
            # record may be about it without being located there
            restrictive = target.facet is not None and (
                locative or self._before_is_locative(keys, start, language)
            )
            for i in range(start, end):
                taken[i] = True
            readings.append(
                (start, end, self._interpretation(target, found, start, end, restrictive))
            )
        spans: set[tuple[int, int]] = set()
        for kind in ("organisation_type", "group", "theme", "sdg"):
            if kind in off:
                continue
            for start, end, target in self._cue_matches(found, kind, taken):
                if (start, end) in spans:
                    continue  # "women": a group, not also a theme and a goal
                spans.add((start, end))
                readings.append(
                    (start, end, self._interpretation(target, found, start, end, False))
                )
        rest = [i for i in range(len(keys)) if not taken[i]]
        # a place alone (with generic words) is what the person wants to see: a filter
        content = [i for i in rest if keys[i] not in ALL_STOPWORDS | self.words.generic]
        places = [r for r in readings if r[2].kind == "place" and r[2].facet is not None]
        if len(places) == 1 and not content and not any(r[2].kind == "entity" for r in readings):
            start, end, interpretation = places[0]
            readings[readings.index(places[0])] = (
                start, end, _replace_filter(interpretation, True)
            )  # fmt: skip
        readings.sort(key=lambda r: r[0])
        interpretations = tuple(r[2] for r in readings)
        return Reading(interpretations, self._rest(text, found, readings))

    def _names(
        self, keys: list[str], taken: list[bool]
    ) -> Iterable[tuple[int, int, _Target, bool]]:
        position = 0
        while position < len(keys):
            if taken[position]:
                position += 1
                continue
            best: tuple[int, _Target, bool] | None = None
            for size in range(min(MAX_PHRASE, len(keys) - position), 0, -1):
                span = keys[position : position + size]
                if any(taken[position : position + size]):
                    continue
                targets = self.table.get(tuple(span))
                locative = False
                if not targets and self.words.eu_suffix:
                    targets, locative = self._basque(span)
                if targets:
                    chosen = min(targets, key=lambda t: t.priority)
                    best = (size, chosen, locative)
                    break
            if best is None:
                position += 1
                continue
            size, target, locative = best
            yield position, position + size, target, locative
            position += size

    def _basque(self, span: list[str]) -> tuple[list[_Target] | None, bool]:
        """A name with a Basque ending on its last word (Brasilen, Bilboko); "in" restricts."""
        last = span[-1]
        for endings, locative in ((self.words.eu_locative, True), (self.words.eu_suffix, False)):
            for ending in endings:
                if last.endswith(ending) and len(last) - len(ending) >= 4:
                    stem = last[: -len(ending)]
                    for candidate in (stem, stem[:-1] if stem.endswith("r") else stem):
                        targets = self.table.get((*span[:-1], candidate))
                        if targets:
                            return [t for t in targets if t.kind == "place"] or None, locative
        return None, False

    def _before_is_locative(self, keys: list[str], start: int, language: str | None) -> bool:
        if start == 0:
            return False
        before = keys[start - 1]
        if language is not None and language in self.words.locative:
            return before in self.words.locative[language]
        return any(before in words for words in self.words.locative.values())

    def _numbered(
        self,
        found: list[Token],
        keys: list[str],
        taken: list[bool],
        readings: list[tuple[int, int, Interpretation]],
        off: set[str],
    ) -> None:
        """Days (by weekday, date or number), sessions and SDGs by number."""
        for i, key in enumerate(keys):
            if taken[i]:
                continue
            following = keys[i + 1] if i + 1 < len(keys) else ""
            number = int(following) if _NUMBER.match(following) else _ORDINALS.get(following)
            previous = _ORDINALS.get(keys[i - 1]) if i else None
            if key in self.words.day and "day" not in off:
                index = number if number is not None else previous
                if index is not None and 1 <= index <= len(self.days):
                    day = self.days[index - 1]
                    span = (i, i + 2) if number is not None else (i - 1, i + 1)
                    self._take(readings, taken, found, span, "day", (day,), day, "day")
            elif key in self.words.session and "session" not in off:
                value = str(number) if number is not None else None
                if value in self.sessions:
                    label = facet_label("session", value)
                    self._take(readings, taken, found, (i, i + 2), "session", (value,), label)
            elif key in self.words.sdg and "sdg" not in off and number is not None:
                if str(number) in self.sdgs:
                    label = f"SDG {number}: {facet_label('sdg', str(number))}"
                    self._take(readings, taken, found, (i, i + 2), "sdg", (str(number),), label)
            elif key in self._day_names and "day" not in off:
                day = self._day_names[key]
                self._take(readings, taken, found, (i, i + 1), "day", (day,), day, "day")

    @staticmethod
    def _take(
        readings: list[tuple[int, int, Interpretation]],
        taken: list[bool],
        found: list[Token],
        span: tuple[int, int],
        kind: str,
        values: tuple[str, ...],
        label: str,
        facet: str | None = None,
    ) -> None:
        start, end = span
        if any(taken[start:end]):
            return
        for i in range(start, end):
            taken[i] = True
        words = " ".join(t.word for t in found[start:end])
        filtered = kind in ("day", "session")
        readings.append(
            (start, end, Interpretation(kind, values, label, words, filtered, facet or kind))
        )

    def _cue_matches(
        self, found: list[Token], kind: str, taken: list[bool]
    ) -> Iterable[tuple[int, int, _Target]]:
        """Kinds of organisation, groups, themes and SDGs from the classification cue words."""
        if not found:
            return
        folded = " ".join(t.folded for t in found)
        starts = []
        position = 0
        for token in found:
            starts.append(position)
            position += len(token.folded) + 1
        seen: set[tuple[str, ...]] = set()
        for pattern, target in self._cues.get(kind, ()):
            for match in pattern.finditer(folded):
                first = max(i for i, s in enumerate(starts) if s <= match.start())
                last = max(i for i, s in enumerate(starts) if s < match.end())
                if target.values in seen or any(taken[first : last + 1]):
                    continue
                seen.add(target.values)
                yield first, last + 1, target

    @staticmethod
    def _interpretation(
        target: _Target, found: list[Token], start: int, end: int, restrictive: bool
    ) -> Interpretation:
        span = " ".join(t.word for t in found[start:end])
        return Interpretation(
            target.kind, target.values, target.label, span, restrictive, target.facet
        )

    def _rest(
        self, text: str, found: list[Token], readings: list[tuple[int, int, Interpretation]]
    ) -> str:
        """The query with every filter's words out, and a locative word or generic words that
        only framed it ("initiatives au Brésil" leaves nothing to match as words)."""
        drop: set[int] = set()
        for start, end, interpretation in readings:
            if not interpretation.filter:
                continue
            drop.update(range(start, end))
            if start and found[start - 1].folded in {
                w for ws in self.words.locative.values() for w in ws
            }:
                drop.add(start - 1)
        if not drop:
            return text
        kept = [t for i, t in enumerate(found) if i not in drop]
        if all(t.folded in ALL_STOPWORDS | self.words.generic for t in kept):
            return ""
        return " ".join(t.word for t in kept)


def _partial_keys(name: str, person: bool) -> list[tuple[str, ...]]:
    """Shorter ways to write a name: its words without the grammar words ("Chantier économie
    sociale"), and a person's names after the first of three or more ("di Meglio"). A single
    word is never enough: a surname alone is too often a word or a place ("Cadena", "Córdoba")."""
    key = _key(name)
    found = []
    content = tuple(w for w in key if w not in ALL_STOPWORDS)
    if len(content) >= 2 and content != key:
        found.append(content)
    if person and len(key) >= 3:
        found.append(key[1:])
    return found


def _replace_filter(interpretation: Interpretation, value: bool) -> Interpretation:
    return Interpretation(
        interpretation.kind,
        interpretation.values,
        interpretation.label,
        interpretation.span,
        value,
        interpretation.facet,
    )


@cache
def _country_aliases() -> dict[str, tuple[str, ...]]:
    text = resources.files("sse_atlas").joinpath("data/country_aliases.tsv").read_text("utf-8")
    found: dict[str, list[str]] = {}
    for line in text.splitlines():
        if line.startswith("#") or "\t" not in line:
            continue
        code, name = line.split("\t", 1)
        if code != "-":
            found.setdefault(code.strip(), []).append(name.strip())
    return {code: tuple(names) for code, names in found.items()}


@cache
def _alias_groups() -> tuple[frozenset[str], ...]:
    """Names of one place in the geocoder's alias table (Euskadi, Pays Basque, Basque Country)."""
    text = resources.files("sse_atlas").joinpath("data/place_aliases.tsv").read_text("utf-8")
    groups: dict[tuple[str, str, str], set[str]] = {}
    for line in text.splitlines():
        parts = line.split("\t")
        if line.startswith("#") or len(parts) < 4 or parts[0] not in ("city", "region"):
            continue
        kind, country, alias, target = (p.strip() for p in parts[:4])
        group = groups.setdefault((kind, country, target), set())
        group.add(alias)
        if kind == "city":
            group.add(target)  # a city alias points at the city's own name
    return tuple(frozenset(g) for g in groups.values())


def _day_names(days: Sequence[str]) -> dict[str, str]:
    """Weekday names and "1 octobre"-style dates of the programme's days, in every language."""
    found: dict[str, str] = {}
    weekdays: dict[int, list[str]] = {}
    for value in days:
        weekdays.setdefault(date.fromisoformat(value).weekday(), []).append(value)
    for language in LANGUAGES:
        names = _locale(language).days["format"]["wide"]
        for weekday, values in weekdays.items():
            if len(values) == 1:  # a weekday that names two days of the collection names none
                found[fold(names[weekday])] = values[0]
    return found


def _compiled_cues(facets: dict[str, set[str]]) -> dict[str, list[tuple[re.Pattern[str], _Target]]]:
    """Strong cue words of each concept the collection uses, as patterns over the folded query."""
    tables = {"theme": v.THEME_CUES, "sdg": v.SDG_CUES, "group": v.GROUP_CUES}
    compiled: dict[str, list[tuple[re.Pattern[str], _Target]]] = {}
    for kind, cues in tables.items():
        for code, (strong, _weak) in cues.items():
            if strong and code in facets.get(kind, set()):
                target = _Target(kind, (code,), facet_label(kind, code), kind, 3)
                compiled.setdefault(kind, []).append((re.compile(rf"\b(?:{strong})"), target))
    for pattern, scheme, code, _confidence in STRUCTURE_RULES:
        facet = _FACET_OF_SCHEME.get(scheme)
        if facet == "organisation_type" and code in facets.get(facet, set()):
            target = _Target(facet, (code,), facet_label(facet, code), facet, 3)
            compiled.setdefault(facet, []).append((re.compile(rf"\b(?:{pattern})"), target))
    return compiled


__all__ = ["BOOSTS", "KINDS", "Interpretation", "Reading", "Understander", "query_words"]
