"""From source lines to logical lines: markup cleaned, page furniture dropped, wraps undone.

Converters print the same catalogue differently: one paragraph per line, or hard-wrapped at a
fixed width with words hyphenated at line ends, with or without blank lines between blocks, with
running page footers and page numbers in the middle of an entry. Everything after this module
sees one logical line per heading, location line, paragraph, presenter line or list item.
"""

from __future__ import annotations

import re
import statistics
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from sse_atlas.ingest import patterns as p
from sse_atlas.ingest.lines import SourceLine

_LIGATURES = {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"}
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"), None)
_HYPHEN_MARK = "\ufffe"  # a line-end hyphen a PDF reader joined (see ingest.pdf)
_MARKED_WORD = re.compile(r"([\w-]*)\ufffe([\w-]*)")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_SUPERSCRIPT = re.compile(r"\^\{([^}]*)\}|\^([A-Za-zÀ-ÿ]+)\^?")
_MD_LINK = re.compile(r"\[([^\]]+)\]\((https?://[^)\s]+)\)")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!$|>~])")
_BOLD = re.compile(r"\*\*|__")
# Single-star emphasis: a star touching a word on one side only, never inside a URL.
_EMPHASIS = re.compile(r"(?<![\w*/])\*(?=\S)|(?<=\S)\*(?![\w*])")
_HEADING_MARK = re.compile(r"^#{1,6}\s+")
_TRAILING_WORD = re.compile(r"(\S+)$")


@dataclass(frozen=True)
class LogicalLine:
    """One logical line of the document with the source lines (and pages) it spans."""

    text: str
    line_start: int
    line_end: int
    page_start: int | None = None
    page_end: int | None = None
    blank_before: bool = False

    def joined(self, other: LogicalLine, text: str) -> LogicalLine:
        return LogicalLine(
            text=text,
            line_start=self.line_start,
            line_end=other.line_end,
            page_start=self.page_start,
            page_end=other.page_end if other.page_end is not None else self.page_end,
            blank_before=self.blank_before,
        )


def clean_text(raw: str) -> str:
    """Characters and leftover markup of a converter removed; the words kept as written."""
    text = unicodedata.normalize("NFC", raw.translate(_INVISIBLE))
    for ligature, letters in _LIGATURES.items():
        text = text.replace(ligature, letters)
    text = _HEADING_MARK.sub("", text.strip())
    text = _MD_LINK.sub(lambda m: f"{m.group(1)} <{m.group(2)}>", text)
    text = _SUPERSCRIPT.sub(lambda m: m.group(1) or m.group(2) or "", text)
    text = _BOLD.sub("", text)
    text = _EMPHASIS.sub("", text)
    text = _ESCAPE.sub(r"\1", text)
    return _SPACES.sub(" ", text).strip()


def _furniture_key(text: str) -> str:
    return re.sub(r"\d+", "#", text.casefold())


def find_furniture(texts: Sequence[str]) -> set[int]:
    """Indexes of page numbers and running headers/footers (short lines repeated on many pages)."""
    keys = [_furniture_key(t) for t in texts]
    repeated = Counter(k for k, t in zip(keys, texts, strict=True) if t and len(t) <= 90)
    furniture: set[int] = set()
    for index, (key, text) in enumerate(zip(keys, texts, strict=True)):
        if not text:
            continue
        if p.PAGE_NUMBER.match(text):
            furniture.add(index)
        elif repeated[key] >= 3 and "#" in key and not p.is_structural(text):
            # a line that recurs with only its number changing is a running footer
            furniture.add(index)
        elif repeated[key] >= 5 and not p.is_structural(text) and len(text) <= 60:
            furniture.add(index)
    return furniture


def wrap_width(texts: Sequence[str]) -> int | None:
    """The width a converter hard-wrapped paragraphs at, or None when lines are whole paragraphs."""
    lengths = [len(t) for t in texts if t]
    if len(lengths) < 20:
        return None
    long_lines = sum(1 for n in lengths if n > 160)
    if long_lines / len(lengths) > 0.03:
        return None
    width = int(statistics.quantiles(lengths, n=20)[-1])  # the 95th percentile
    near_full = sum(1 for n in lengths if n >= width * 0.8)
    return width if near_full / len(lengths) > 0.25 else None


def _continues(previous: str, following: str, width: int | None) -> bool:
    """Whether ``following`` carries on the logical line ``previous`` (a wrap, not a new line)."""
    if p.starts_new_line(following) or p.is_url_only(previous):
        return False
    if p.is_url_only(following):
        return True  # a URL printed alone on the next line belongs to the line before it
    if previous.endswith("-") and following[:1].islower():
        return True
    if width is None:
        return following[:1].islower() and not previous.endswith((".", ":", "!", "?"))
    first_word = following.split(" ", 1)[0]
    # The first word of the next line would have fitted: the line was ended on purpose.
    return len(previous) + 1 + len(first_word) > width - 2


def _join(previous: str, following: str, vocabulary: Counter[str]) -> str:
    if p.is_url_only(following) or not previous.endswith("-") or previous.endswith(" -"):
        return f"{previous} {following}"
    match = _TRAILING_WORD.search(previous[:-1])
    head = match.group(1).casefold() if match else ""
    tail = following.split(" ", 1)[0].casefold()
    # Keep a hyphen the document writes elsewhere (socio-professionnelle); drop a typesetting one.
    if vocabulary[f"{head}-{tail}"] > 0 and vocabulary[head + tail] == 0:
        return previous + following
    if following[:1].isupper() or head[-1:].isdigit():
        return previous + following
    return previous[:-1] + following


def _resolve_hyphens(text: str, vocabulary: Counter[str]) -> str:
    def resolve(match: re.Match[str]) -> str:
        head, tail = match.group(1), match.group(2)
        hyphenated = f"{head}-{tail}".casefold()
        if vocabulary[hyphenated] > 0 and vocabulary[(head + tail).casefold()] == 0:
            return f"{head}-{tail}"
        if tail[:1].isupper() or head[-1:].isdigit():
            return f"{head}-{tail}"
        return head + tail

    return _MARKED_WORD.sub(resolve, text)


def logical_lines(lines: Sequence[SourceLine]) -> list[LogicalLine]:
    """Cleaned logical lines, blank lines and page furniture removed."""
    texts = [clean_text(line.text) for line in lines]
    if any(_HYPHEN_MARK in text for text in texts):
        words: Counter[str] = Counter(
            word.casefold() for t in texts for word in re.findall(r"[\w-]+", t)
        )
        texts = [_resolve_hyphens(t, words) if _HYPHEN_MARK in t else t for t in texts]
    furniture = find_furniture(texts)
    content = [t for i, t in enumerate(texts) if t and i not in furniture]
    width = wrap_width(content)
    vocabulary: Counter[str] = Counter(
        word.casefold() for t in content for word in re.findall(r"[\w-]+", t)
    )
    result: list[LogicalLine] = []
    blank = False
    soft = False  # only page furniture since the last text line: a page break, not a paragraph end
    for index, (line, text) in enumerate(zip(lines, texts, strict=True)):
        if index in furniture:
            soft = True
            continue
        if not text:
            blank = True
            continue
        current = LogicalLine(text, line.number, line.number, line.page, line.page, blank)
        previous = result[-1] if result else None
        glued = (not blank or soft) or p.is_url_only(text)
        if previous is not None and glued and _continues(previous.text, text, width):
            result[-1] = previous.joined(current, _join(previous.text, text, vocabulary))
        elif previous is not None and p.is_code_only(previous.text):
            result[-1] = previous.joined(current, f"{previous.text} {text}")
        else:
            result.append(current)
        blank = False
        soft = False
    return result
