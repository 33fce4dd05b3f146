"""The shapes of catalogue lines, in the languages forum catalogues are printed in.

One place for every regular expression and word list the segmenter relies on. The words come
from the language tables (:mod:`sse_atlas.ingest.languages`): a new language is a new table, a
new edition's wording a line in one.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from sse_atlas.ingest.languages import LANGUAGES, every, structure

MONTHS: dict[str, int] = {
    name: number for table in LANGUAGES for name, number in table.months.items()
}
WEEKDAYS = "|".join(every("weekdays"))


def _alternation(name: str) -> str:
    return "|".join(structure(name))


@functools.lru_cache(maxsize=16384)
def fold(text: str) -> str:
    """Accents removed and case folded, for matching words whatever the keyboard."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


_MONTH_ALT = "|".join(sorted((m.strip() for m in MONTHS), key=len, reverse=True))
DAY_HEADER = re.compile(
    rf"^(?:(?:{WEEKDAYS})s?[ ,/|–-]*)?(\d{{1,2}})(?:er|st|nd|rd|th|º|°)?\s*(?:de\s+)?"
    rf"({_MONTH_ALT})(?:\s+(?:de\s+)?(\d{{4}}))?\s*(?:[/|,–-]\s*)?(?:(?:{WEEKDAYS})s?)?\s*$"
)
# English puts the month first: "Monday / October 1", "October 1st, 2018".
DAY_HEADER_MONTH_FIRST = re.compile(
    rf"^(?:(?:{WEEKDAYS})s?[ ,/|–-]*)?({_MONTH_ALT})\s+(\d{{1,2}})(?:st|nd|rd|th)?"
    rf"(?:,?\s+(\d{{4}}))?\s*(?:[/|,–-]\s*)?(?:(?:{WEEKDAYS})s?)?\s*$"
)
SESSION_HEADER = re.compile(
    rf"^(?:{_alternation('workshops')})?\s*"
    rf"(?:{_alternation('session')})\s+(\d{{1,2}})\s*[:.]?\s*$"
)
# Numbering starts at 1: a wrapped line starting "2.0. Innovation" is not a heading.
CODE3 = re.compile(r"^([1-9]\d?)\.([1-9]\d?)\.([1-9]\d?)\.?(?=\s|$)\s*(.*)$")
CODE2 = re.compile(r"^([1-9]\d?)\.([1-9]\d?)\.?(?=\s|$)\s*(.*)$")
CODE_ONLY = re.compile(r"^[1-9]\d?(?:\.[1-9]\d?){1,2}\.?$")
LIST_ITEM = re.compile(r"^(\d{1,2})\s?[.)]\s+(.*)$")
BULLET = re.compile(r"^(?:[-•–·▪◦*]\s+|[a-z][-)]\s+|\([a-z0-9]\)\s+)")
PAGE_NUMBER = re.compile(
    rf"^(?:{_alternation('page')})?\s*[-–—]?\s*\d{{1,4}}\s*[-–—]?\s*"
    rf"(?:(?:/|{_alternation('of')})\s*\d{{1,4}})?$",
    re.IGNORECASE,
)
URL = re.compile(
    r"<\s*((?:https?://|www\.)[^<>]+?)\s*>"
    r"|((?:https?://|www\.)[^\s<>]*[^\s<>.,;:)\]»\"'](?: [a-z]{2,3}$)?)",
    re.IGNORECASE,
)
COORDINATED = re.compile(
    rf"\b(?:{_alternation('coordinated')})\s+(?:{_alternation('by')})\s+", re.IGNORECASE
)
MODERATOR = re.compile(rf"(?:^|[\s.*(])({_alternation('moderator')})\s*:?\s*", re.IGNORECASE)
OPENING = re.compile(rf"(?:^|[\s.])({_alternation('opening')})\s*:\s*", re.IGNORECASE)
HONORIFIC = re.compile(rf"^({_alternation('honorifics')})\s+(?=\S)")
MODERATOR_START = re.compile(rf"^\*?(?:{_alternation('moderator_start')})\b")
BACK_MATTER = re.compile(rf"^(?:{_alternation('back_matter')})\s*:?\s*$", re.IGNORECASE)
CONJUNCTION = re.compile(rf"\s+(?:{_alternation('conjunctions')})\s+")
SENTENCE_VERB = re.compile(rf"\b(?:{_alternation('verbs')})\b", re.IGNORECASE)
# Stated counts in a catalogue's introduction: "102 initiatives de 36 pays", "13 ateliers".
STATED_INITIATIVES = re.compile(rf"(\d[\d\s.,]*)\s+(?:{_alternation('initiatives')})")
STATED_COUNTRIES = re.compile(rf"(\d+)\s+(?:{_alternation('countries')})")
STATED_WORKSHOPS = re.compile(rf"(\d+)\s+(?:{_alternation('workshops')})")

NAME_PARTICLES = frozenset(every("name_particles"))
ROLE_WORDS = frozenset(fold(word) for word in every("role_words"))
ORGANISATION_WORDS = frozenset(fold(word) for word in every("organisation_words"))
STOP_STARTS = frozenset(every("stop_starts"))
# Words a line never ends with unless the sentence goes on on the next line.
GLUE_WORDS = frozenset(fold(word) for word in every("glue_words"))
# Word beginnings written with a hyphen (socio-économique, co-construction): when the document
# spells a word broken at a line end neither way, a hyphen after one of these is kept if what
# follows is a word of the document. Syllables that begin many plain words (trans-, éco-) are
# left out.
COMPOUND_PREFIXES = frozenset(every("compound_prefixes"))
# Words that follow a hyphen as words of their own (intégrons-nous, elle-même, celle-ci), and
# seldom end another word (unlike elle: professionn-elle).
HYPHEN_TAILS = frozenset(every("hyphen_tails"))
# Subject pronouns after a verb (répond-il, peut-elle), written after a verb ending in t or d.
INVERTED_PRONOUNS = frozenset(every("inverted_pronouns"))


def match_day(text: str) -> tuple[int, int, int | None] | None:
    """(day, month, year or None) of a day header in any of the catalogue languages."""
    if len(text) > 60:
        return None
    folded = fold(text)
    match = DAY_HEADER.match(folded)
    if match is not None:
        day, month, year = match.group(1), match.group(2), match.group(3)
    else:
        match = DAY_HEADER_MONTH_FIRST.match(folded)
        if match is None:
            return None
        month, day, year = match.group(1), match.group(2), match.group(3)
    return int(day), MONTHS[month], int(year) if year else None


def is_day_header(text: str) -> bool:
    return match_day(text) is not None


def is_session_header(text: str) -> bool:
    return len(text) <= 60 and SESSION_HEADER.match(fold(text)) is not None


def is_code_only(text: str) -> bool:
    return CODE_ONLY.match(text) is not None


def is_url_only(text: str) -> bool:
    stripped = text.strip(" .,;-")
    match = URL.fullmatch(stripped)
    return match is not None


def is_structural(text: str) -> bool:
    """Headings that may legitimately repeat (tables of contents, session headers)."""
    return (
        is_day_header(text)
        or is_session_header(text)
        or CODE2.match(text) is not None
        or CODE3.match(text) is not None
    )


def starts_new_line(text: str) -> bool:
    """A line that always begins a logical line, whatever the line before it."""
    return (
        is_structural(text)
        or is_code_only(text)
        or LIST_ITEM.match(text) is not None
        or BULLET.match(text) is not None
        or BACK_MATTER.match(text) is not None
        or MODERATOR_START.match(text) is not None
    )


def upper_ratio(text: str) -> float:
    """Share of upper-case letters: tables of contents are printed in capitals."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 0.0
    return sum(1 for c in letters if c.isupper()) / len(letters)
