"""The language each record is written in, for records that do not say yet.

Detection reads the record's own text (description first, then title with description) with the
stop-word detector ingest uses. A record too short to tell is in its catalogue's language: a
catalogue is one document in one language, so that is evidence too, and the reason says so.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sse_atlas.ingest.language import detect_language
from sse_atlas.model import Catalogue, Initiative, Workshop


@dataclass(frozen=True)
class LanguageGuess:
    """A language for a record, and why."""

    language: str | None
    reason: str


@dataclass(frozen=True)
class LanguageUpdate:
    """One record whose language was set."""

    record: str
    old: str | None
    new: str | None
    reason: str


def text_language(
    title: str | None, description: str | None, fallback: str | None
) -> LanguageGuess:
    """The language of a record from its description, else title and description together,
    else ``fallback`` (the catalogue's language)."""
    found = detect_language(description)
    if found:
        return LanguageGuess(found, f"the description's common words are {found}")
    joined = " ".join(part for part in (title, description) if part)
    found = detect_language(joined)
    if found:
        return LanguageGuess(found, f"the title and description's common words are {found}")
    if fallback:
        return LanguageGuess(fallback, f"too little text to tell; the catalogue is in {fallback}")
    return LanguageGuess(None, "too little text to tell, and the catalogue's language is unknown")


def initiative_language(initiative: Initiative, catalogue_language: str | None) -> LanguageGuess:
    return text_language(initiative.title, initiative.description, catalogue_language)


def workshop_language(workshop: Workshop, catalogue_language: str | None) -> LanguageGuess:
    """A workshop's language (the model has no field for it yet, so nothing stores this)."""
    described = " ".join(s.description for s in workshop.sections if s.description)
    return text_language(
        workshop.title, workshop.description or described or None, catalogue_language
    )


def fill_languages(catalogues: Iterable[Catalogue]) -> list[LanguageUpdate]:
    """Set ``Initiative.language`` where it is None, in place; a language already set is kept."""
    updates: list[LanguageUpdate] = []
    for catalogue in catalogues:
        for initiative in catalogue.initiatives:
            if initiative.language is not None:
                continue
            guess = initiative_language(initiative, catalogue.language)
            if guess.language is not None:
                updates.append(LanguageUpdate(initiative.id, None, guess.language, guess.reason))
                initiative.language = guess.language
    return updates
