"""The words of each catalogue language, as data: one table per language.

Each table (``sse_atlas/data/languages/<code>.json``) lists a language's month and weekday
names, the words of a catalogue's structure (session headers, "coordinated by", moderators,
opening, partners, stated counts, page numbers, honorifics, conjunctions, common verbs) and the
word lists the readers rely on (roles, organisation words, sentence starts, words a line never
ends with, name particles). Structure words may be regular-expression fragments
(``coordonn[ée]e?s?``). A new language is a new table; :mod:`sse_atlas.ingest.patterns` builds
its expressions from all of them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from importlib import resources

__all__ = ["LANGUAGES", "LanguageTable", "every", "structure"]

# The order of the tables: alternations are built in this order.
_CODES = ("fr", "es", "en", "pt", "ca", "eu")


@dataclass(frozen=True)
class LanguageTable:
    language: str
    name: str
    months: dict[str, int]
    weekdays: list[str]
    structure: dict[str, list[str]]
    role_words: list[str] = field(default_factory=list)
    organisation_words: list[str] = field(default_factory=list)
    stop_starts: list[str] = field(default_factory=list)
    glue_words: list[str] = field(default_factory=list)
    name_particles: list[str] = field(default_factory=list)
    compound_prefixes: list[str] = field(default_factory=list)
    hyphen_tails: list[str] = field(default_factory=list)
    inverted_pronouns: list[str] = field(default_factory=list)


def _load(code: str) -> LanguageTable:
    folder = resources.files("sse_atlas") / "data" / "languages"
    data = json.loads((folder / f"{code}.json").read_text(encoding="utf-8"))
    return LanguageTable(**data)


LANGUAGES: tuple[LanguageTable, ...] = tuple(_load(code) for code in _CODES)


def every(name: str) -> list[str]:
    """The words of list ``name`` in every language, in table order, each once."""
    found: list[str] = []
    for table in LANGUAGES:
        for word in getattr(table, name):
            if word not in found:
                found.append(word)
    return found


def structure(name: str) -> list[str]:
    """The structure words (or fragments) ``name`` of every language, each once."""
    found: list[str] = []
    for table in LANGUAGES:
        for word in table.structure.get(name, []):
            if word not in found:
                found.append(word)
    return found
