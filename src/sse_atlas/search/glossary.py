"""A multilingual lexicon of the social and solidarity economy, to bring queries to French.

Catalogues are written in one language and their readers ask in others; the embedding model
bridges most of the gap but knows no Basque and little Catalan, and lexical search sees only
shared words. Each row names one notion: the French words a catalogue would use, then how
speakers of the other languages say it. A query word or phrase found in a row adds the French
words to the query (with a lower weight than the user's own words). Basque entries are bare
stems, matched as prefixes, since Basque inflects by suffix.

Rows come from published vocabularies, read at load time (``data/search/SOURCES.md``): the
labels of the ESSGLOBAL SKOS schemes and of this project's groups and organisation types
(``data/vocab``), and the names of the 17 SDGs in every supported language. A reviewed
hand-written supplement (``data/search/glossary.txt``) adds the everyday words those labels lack.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, cached_property
from importlib import resources

from sse_atlas.enrich import vocabularies
from sse_atlas.search.text import STOPWORDS, fold, stem, words

LANGUAGES = ("fr", "en", "es", "pt", "ca", "eu", "it", "de")
_HAND_LANGUAGES = LANGUAGES  # the columns of the hand-written supplement


@dataclass(frozen=True)
class Row:
    """One notion: the French words it adds to a query, and its phrases per language."""

    french: str
    phrases: dict[str, tuple[str, ...]]


def _resource(name: str) -> str:
    return resources.files("sse_atlas").joinpath(f"data/search/{name}").read_text("utf-8")


@cache
def hand_rows() -> tuple[Row, ...]:
    """The reviewed supplement, ``data/search/glossary.txt``."""
    return read_hand_rows(_resource("glossary.txt"))


def read_hand_rows(text: str) -> tuple[Row, ...]:
    """Rows in the format of ``glossary.txt``; a row without its reason is refused."""
    rows = []
    said_why = False
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            said_why = line.startswith("#:")
            continue
        # a reviewed row says why it exists, so that rows are not added without a reason
        if not said_why:
            raise ValueError(f"glossary.txt:{number}: a row needs a '#:' line above it saying why")
        said_why = False
        cells = [cell.strip() for cell in line.split("|")]
        if len(cells) != len(_HAND_LANGUAGES):
            raise ValueError(f"glossary.txt:{number}: expected {len(_HAND_LANGUAGES)} columns")
        phrases = {
            lang: tuple(p.strip() for p in cell.split(",") if p.strip())
            for lang, cell in zip(_HAND_LANGUAGES, cells, strict=True)
        }
        rows.append(Row(cells[0], phrases))
    return tuple(rows)


@cache
def vocabulary_rows() -> tuple[Row, ...]:
    """A row per concept of the published vocabularies, from its labels in every language."""
    extra: dict[str, dict[str, list[str]]] = {}
    for number, line in enumerate(_resource("sdg_names.tsv").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 3:
            raise ValueError(f"sdg_names.tsv:{number}: expected 3 tab-separated columns")
        extra.setdefault(parts[0], {}).setdefault(parts[1], []).append(parts[2].strip())
    rows = []
    for name in _VOCABULARY_SCHEMES:
        for concept in vocabularies.scheme(name).concepts:
            french = concept.pref_labels.get("fr") or concept.translations.get("fr")
            if not french:
                continue
            phrases: dict[str, list[str]] = {}
            for language in LANGUAGES[1:]:
                label = concept.pref_labels.get(language) or concept.translations.get(language)
                found = [label] if label else []
                if language == "en":
                    found += list(concept.alt_labels)
                if name == vocabularies.SDGS:
                    found += extra.get(concept.code, {}).get(language, [])
                # the single letters of activities-modified ("E") are codes, not words
                phrases[language] = [
                    part for p in found if p and len(p.strip()) > 2 for part in _parts(p)
                ]
            rows.append(Row(french, {k: tuple(v) for k, v in phrases.items() if v}))
    return tuple(rows)


# schemes whose labels name notions people search for (legal forms name statutes, not topics)
_VOCABULARY_SCHEMES = (
    vocabularies.THEMES,
    vocabularies.SECTORS,
    vocabularies.STRUCTURES,
    vocabularies.SDGS,
    vocabularies.GROUPS,
    vocabularies.ORGANISATION_TYPES,
)


# "Migrants and refugees", "Réseau ou fédération": a label joining two notions names each
_JOINS = re.compile(r"\s(?:and|or|et|ou|y|o|e|ou|i|eta|edo|ed|und|oder)\s", re.IGNORECASE)


def _parts(label: str) -> list[str]:
    """A label as phrases: itself, and each notion it joins (its commas would split it too)."""
    whole = label.replace(",", " ")
    pieces = [p.strip() for p in _JOINS.split(whole) if p.strip()]
    # pieces of unequal length share words ("Social and solidarity finances"): kept whole
    if len(pieces) < 2 or len({len(p.split()) for p in pieces}) > 1:
        return [whole]
    return [whole, *pieces]


@dataclass(frozen=True)
class Expansion:
    """French words a span of the query stands for."""

    start: int  # index of the first query word covered
    end: int  # one past the last
    language: str
    french: tuple[str, ...]


def _normal(word: str) -> str:
    return fold(word).replace("·", "").replace("-", " ")


def _match_key(word: str, language: str) -> str:
    """How a glossary word and a query word are compared: by stem, Basque by its bare form."""
    if language == "eu":
        base = word[:-1] if word.endswith("a") and len(word) > 4 else word
        return base
    return stem(word, language)


@dataclass(frozen=True)
class _Entry:
    language: str
    keys: tuple[str, ...]
    french: tuple[str, ...]


class Glossary:
    """The lexicon, indexed by language and first word for phrase look-up."""

    def __init__(self, rows: Sequence[Row]) -> None:
        self._rows = tuple(rows)

    @cached_property
    def _entries(self) -> dict[tuple[str, str], list[_Entry]]:
        index: dict[tuple[str, str], list[_Entry]] = {}
        for row in self._rows:
            french = tuple(w for w in words(row.french) if w not in STOPWORDS["fr"])
            for language, found in row.phrases.items():
                for phrase in found:
                    parts = [w for w in words(_normal(phrase)) if w not in STOPWORDS[language]]
                    if not parts:
                        continue
                    keys = tuple(_match_key(w, language) for w in parts)
                    entry = _Entry(language, keys, french)
                    entries = index.setdefault((language, keys[0]), [])
                    if entry not in entries:
                        entries.append(entry)
        for entries in index.values():
            entries.sort(key=lambda e: -len(e.keys))  # longest phrase first
        return index

    @cached_property
    def vocabulary(self) -> dict[str, frozenset[str]]:
        """Per language, the folded words of its column (for language detection)."""
        found: dict[str, set[str]] = {language: set() for language in LANGUAGES}
        found["fr"].update(w for row in self._rows for w in words(_normal(row.french)))
        for row in self._rows:
            for language, phrases in row.phrases.items():
                for phrase in phrases:
                    found[language].update(words(_normal(phrase)))
        return {language: frozenset(ws) for language, ws in found.items()}

    def _lookup(self, language: str, key: str) -> list[_Entry]:
        found = self._entries.get((language, key), [])
        if language == "eu" and not found:
            # Basque suffixes: try the longest known bare form the word starts with.
            for cut in range(len(key) - 1, 3, -1):
                if len(key) - cut > 7:
                    break
                found = self._entries.get((language, key[:cut]), [])
                if found:
                    break
        return found

    def expand(self, query_words: Sequence[str], languages: Sequence[str]) -> list[Expansion]:
        """Phrases of ``query_words`` (folded) found in the lexicon, longest first, per language.

        Stop words of each language are skipped, as they were when the lexicon was read; the
        spans returned index ``query_words``.
        """
        expansions: list[Expansion] = []
        for language in languages:
            kept = [i for i, w in enumerate(query_words) if w not in STOPWORDS[language]]
            keys = [_match_key(query_words[i], language) for i in kept]
            position = 0
            while position < len(keys):
                matched = 0
                for entry in self._lookup(language, keys[position]):
                    span = len(entry.keys)
                    window = keys[position : position + span]
                    if len(window) == span and all(
                        _same(k, e, language) for k, e in zip(window, entry.keys, strict=True)
                    ):
                        start, end = kept[position], kept[position + span - 1] + 1
                        expansions.append(Expansion(start, end, language, entry.french))
                        matched = span
                        break
                position += max(matched, 1)
        return expansions


def _same(query_key: str, entry_key: str, language: str) -> bool:
    if query_key == entry_key:
        return True
    if language == "eu":
        return query_key.startswith(entry_key) and len(query_key) - len(entry_key) <= 7
    return False


GLOSSARY = Glossary((*hand_rows(), *vocabulary_rows()))  # on the same phrase, hand rows first
# the glossary without the published vocabularies, for measuring what they bring
HAND_GLOSSARY = Glossary(hand_rows())
