"""From source lines to logical lines: markup cleaned, page furniture dropped, wraps undone.

Converters print the same catalogue differently: one paragraph per line, or hard-wrapped at a
fixed width with words hyphenated at line ends, with or without blank lines between blocks, with
running page footers and page numbers in the middle of an entry. Everything after this module
sees one logical line per heading, location line, paragraph, presenter line or list item.

Where only the width of a line says that the next one continues it (a full line followed by one
that starts with a capital), the join is kept but recorded as a :class:`Wrap`: without blank
lines, the end of a title, a location line or a paragraph can also fill a line, and the readers
of an entry, which know what they expect to find, may cut the logical line there again.
"""

from __future__ import annotations

import bisect
import html
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from sse_atlas.ingest import patterns as p
from sse_atlas.ingest.columns import split_columns
from sse_atlas.ingest.compounds import LostHyphens
from sse_atlas.ingest.furniture import find_furniture
from sse_atlas.ingest.language import detect_language, is_common_word
from sse_atlas.ingest.lines import SourceLine
from sse_atlas.ingest.widths import filled_evenly, printed_width, proportional_width
from sse_atlas.model import DroppedLine

_LIGATURES = {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"}
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"), None)
_HYPHEN_MARK = "\ufffe"  # a line-end hyphen a PDF reader joined (see ingest.pdf)
# Typesetters hyphenate with U+2010 (and a soft hyphen shows as one at a line end); a
# non-breaking hyphen is a hyphen too.
_TYPESET_HYPHEN = "\u2010"
_HYPHENS = str.maketrans({"\u2010": "-", "\u2011": "-"})
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_SUPERSCRIPT = re.compile(r"\^\{([^}]*)\}|\^([A-Za-zÀ-ÿ]+)\^?")
_MD_LINK = re.compile(r"\[([^\]]+)\]\((https?://[^)\s]+)\)")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!$|>~])")
_BOLD = re.compile(r"\*\*|__")
# Single-star emphasis: a star touching a word on one side only, never inside a URL.
_EMPHASIS = re.compile(r"(?<![\w*/])\*(?=\S)|(?<=\S)\*(?![\w*])")
_HEADING_MARK = re.compile(r"^#{1,6}\s+")
# HTML left in a text export; URLs in angle brackets (<http://...>, <www...>) are not tags.
_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]{0,20}(?:\s[^<>]{0,500})?/?>")
_HTML_ENTITY = re.compile(r"&(?:#\d{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z]{2,8});")
_WORD = re.compile(r"[\w-]+")
_LAST_WORD = re.compile(r"(\w+)$")
_FIRST_WORD = re.compile(r"^\w+")
# A URL still open at the end of a line: in angle brackets and not closed, or bare and broken
# after one of its separators. What follows it on the next line is the rest of the URL.
_OPEN_URL = re.compile(r"<(?:https?://|www\.)[^<>]*", re.IGNORECASE)
_BARE_URL = re.compile(r"(?:https?://|www\.)\S*", re.IGNORECASE)
_URL_REST = re.compile(r"[\w\-./?=&#%~+:;,@!$'*()]+>?[.,;)]?")
_DASH_START = re.compile(r"^[-–]\s")
_SLASH_END = re.compile(r"(?<!\s)\w/$")
_URL_PIECE = re.compile(r"<?(?:https?://|www\.)\S*", re.IGNORECASE)


@dataclass(frozen=True)
class Wrap:
    """A source line joined to the one before it only because that line was full.

    ``offset`` is where the joined line starts in the logical line's text and ``head_end`` where
    the text before it ends (the same, when a hyphen joined the two without a space).
    """

    offset: int
    head_end: int
    line: int
    page: int | None
    previous_line: int
    previous_page: int | None


@dataclass(frozen=True)
class LogicalLine:
    """One logical line of the document with the source lines (and pages) it spans."""

    text: str
    line_start: int
    line_end: int
    page_start: int | None = None
    page_end: int | None = None
    blank_before: bool = False
    wraps: tuple[Wrap, ...] = ()

    def joined(self, other: LogicalLine, text: str, wrap: bool = False) -> LogicalLine:
        wraps = self.wraps
        if wrap:
            offset = len(text) - len(other.text)
            head_end = offset - 1 if text[offset - 1 : offset] == " " else offset
            marker = Wrap(
                offset, head_end, other.line_start, other.page_start, self.line_end, self.page_end
            )
            wraps = (*wraps, marker)
        return LogicalLine(
            text=text,
            line_start=self.line_start,
            line_end=other.line_end,
            page_start=self.page_start,
            page_end=other.page_end if other.page_end is not None else self.page_end,
            blank_before=self.blank_before,
            wraps=wraps,
        )

    def cut(self, wrap: Wrap) -> tuple[LogicalLine, LogicalLine]:
        """The line cut in two at one of its wraps."""
        head = LogicalLine(
            text=self.text[: wrap.head_end],
            line_start=self.line_start,
            line_end=wrap.previous_line,
            page_start=self.page_start,
            page_end=wrap.previous_page,
            blank_before=self.blank_before,
            wraps=tuple(w for w in self.wraps if w.offset < wrap.offset),
        )
        tail = LogicalLine(
            text=self.text[wrap.offset :],
            line_start=wrap.line,
            line_end=self.line_end,
            page_start=wrap.page,
            page_end=self.page_end,
            blank_before=True,  # cut where one part of an entry ends and the next begins
            wraps=tuple(_shifted(w, wrap.offset) for w in self.wraps if w.offset > wrap.offset),
        )
        return head, tail

    def span(self, start: int, end: int) -> str:
        """The text of pieces ``start`` to ``end`` (exclusive), as printed."""
        first = self.offset(start)
        last = self.wraps[end - 1].head_end if end <= len(self.wraps) else len(self.text)
        return self.text[first:last]

    def split_at(self, indexes: Iterable[int]) -> list[LogicalLine]:
        """The line cut at the wraps with these indexes."""
        parts: list[LogicalLine] = []
        rest = self
        for index in sorted(set(indexes), reverse=True):
            rest, tail = rest.cut(self.wraps[index])
            parts.append(tail)
        parts.append(rest)
        return parts[::-1]

    def pieces(self) -> list[LogicalLine]:
        """The line cut at every wrap: the source lines (or runs of them) it was made of."""
        starts = [(0, self.line_start, self.page_start)]
        starts += [(w.offset, w.line, w.page) for w in self.wraps]
        ends = [(w.head_end, w.previous_line, w.previous_page) for w in self.wraps]
        ends += [(len(self.text), self.line_end, self.page_end)]
        return [
            LogicalLine(self.text[start:end], first, last, first_page, last_page, index > 0)
            for index, ((start, first, first_page), (end, last, last_page)) in enumerate(
                zip(starts, ends, strict=True)
            )
        ]

    def offset(self, piece: int) -> int:
        """Where piece ``piece`` starts in the text."""
        return self.wraps[piece - 1].offset if piece > 0 else 0


def _shifted(wrap: Wrap, by: int) -> Wrap:
    return replace(wrap, offset=wrap.offset - by, head_end=wrap.head_end - by)


def clean_text(raw: str) -> str:
    """Characters and leftover markup of a converter removed; the words kept as written."""
    text = unicodedata.normalize("NFC", raw.translate(_INVISIBLE).translate(_HYPHENS))
    text = _CONTROL.sub(" ", text)
    for ligature, letters in _LIGATURES.items():
        text = text.replace(ligature, letters)
    if "<" in text:
        text = _HTML_TAG.sub(" ", text)
    if "&" in text:
        text = _HTML_ENTITY.sub(lambda m: html.unescape(m.group(0)), text)
    text = _HEADING_MARK.sub("", text.strip())
    text = _MD_LINK.sub(lambda m: f"{m.group(1)} <{m.group(2)}>", text)
    text = _SUPERSCRIPT.sub(lambda m: m.group(1) or m.group(2) or "", text)
    text = _BOLD.sub("", text)
    text = _EMPHASIS.sub("", text)
    text = _ESCAPE.sub(r"\1", text)
    return _SPACES.sub(" ", text).strip()


def wrap_width(texts: Sequence[str]) -> int | None:
    """The width a converter hard-wrapped paragraphs at, or None when lines are whole paragraphs.

    Wrapping never makes a line of several words wider than the width, and fills many lines up
    to it: the width is the length only a few such lines exceed (the 99th percentile).
    """
    lengths = [len(t) for t in texts if t]
    if len(lengths) < 20:
        return None
    long_lines = sum(1 for n in lengths if n > 160)
    if long_lines / len(lengths) > 0.03:
        return None
    several = sorted(len(t) for t in texts if " " in t)
    if len(several) < 20:
        return None
    width = several[-max(2, len(several) // 100)]
    near_full = sum(1 for n in lengths if n >= width * 0.8)
    return width if near_full / len(lengths) > 0.25 else None


def _is_url_piece(text: str) -> bool:
    """A line holding nothing but a URL, or the start of one that goes on on the next line."""
    return " " not in text.strip() and _URL_PIECE.fullmatch(text.strip(" .,;")) is not None


def _url_goes_on(previous: str, following: str, full: bool) -> bool:
    """Whether ``following`` starts with the rest of a URL broken at the end of ``previous``.

    A URL in angle brackets goes on to its ``>``. A bare URL may end a sentence: it goes on
    after a hyphen (where a converter breaks it), or when the line was full and the next line
    starts with a piece that is itself URL-like (``871/lang--en/index.htm``).
    """
    first = following.split(" ", 1)[0]
    if not first or _URL_REST.fullmatch(first) is None:
        return False
    tokens = previous.rsplit(None, 1)
    last = tokens[-1] if tokens else ""
    if _OPEN_URL.fullmatch(last):
        return True
    if _BARE_URL.fullmatch(last):
        if previous.endswith("-"):
            return True
        inner = first.rstrip(".,;)")
        if not full or not inner[:1].isalnum():
            return False
        # a path broken after a slash goes on with a lower-case segment (``.../web/`` ``gezki``)
        return any(c in inner for c in "/=?&#>") or (last.endswith("/") and inner[:1].islower())
    return False


def _open_end(text: str) -> bool:
    """A line that cannot end a title, a location, a paragraph or a presenter line."""
    if text.endswith((",", "(", "«", "“", "‘", "/", "&", "+")):
        return True
    last = _LAST_WORD.search(text)
    return last is not None and last.end() == len(text) and p.fold(last.group(1)) in p.GLUE_WORDS


def _continues(
    previous: str,
    following: str,
    width: float | None,
    printed: tuple[float, float] | None = None,
    logical: str | None = None,
    heading: bool = False,
    typeset: bool = False,
) -> str | None:
    """How ``following`` carries on the source line ``previous``: None when it does not.

    ``"url"``: the rest of a broken URL (joined without a space); ``"sure"``: a continuation
    whatever the layout; ``"wrap"``: a continuation only because ``previous`` was full.
    ``heading``: the logical line so far is a numbered heading of typeset text; ``typeset``:
    the text was typeset in a proportional font (its widths are estimates).
    ``printed`` holds the printed widths of ``previous`` and of the first word of ``following``
    (markup such as ``**`` included: the converter wrapped the text with it); ``logical`` the
    logical line so far (a URL may have begun on an earlier line).
    """
    length = printed[0] if printed else len(previous)
    first_word = printed[1] if printed else len(following.split(" ", 1)[0])
    full = width is not None and length + 1 + first_word >= width
    if (
        width is not None
        and _DASH_START.match(following)
        and length + 2 >= width
        and not previous.endswith((".", ":", ";", "!", "?"))
    ):
        return "wrap"  # a dash that did not fit on a full line (``... solidaire`` / ``- RTES``)
    if p.starts_new_line(following):
        return None
    if following[:1] in ".,)" and following[1:2] in (" ", ""):
        # punctuation a converter put at the start of a line (``FEMLUP`` / ``. Pérou``); not
        # ``;`` and ``:``, which French sets after a space
        return "url"
    if _url_goes_on(logical or previous, following, full):
        return "url"
    if (full or typeset) and _SLASH_END.search(previous) and following[:1].islower():
        return "url"  # a line broken after a slash between words (``vivant/`` ``travaillant``)
    if p.is_url_only(previous) and width is None:
        return None
    if _is_url_piece(following):
        return "sure"  # a URL printed alone on the next line belongs to the line before it
    if previous.endswith("-") and following[:1].islower():
        return "sure"
    if width is None:
        ends = (".", ":", "!", "?")
        return "sure" if following[:1].islower() and not previous.endswith(ends) else None
    if heading:
        # a numbered heading runs until its location line: where they meet is decided by
        # the entry's structure (boundaries.split_heading), not by the heading's type size
        return "sure" if following[:1].islower() or _open_end(previous) else "wrap"
    if typeset and following[:1].islower() and not previous.endswith((".", "!", "?", ":")):
        return "sure"  # widths measured on typeset text are rough (bold type is wider)
    if not full:
        return None  # the first word of the next line would have fitted: the line ended there
    if following[:1].islower() or _open_end(previous):
        return "sure"
    return "wrap"


class Vocabulary:
    """The words of a document, to tell a hyphen that belongs to a word from a typesetter's."""

    def __init__(self, texts: Iterable[str], language: str | None = None) -> None:
        self.language = language  # for the word-frequency list, when the document is silent
        words = [word for text in texts for word in _WORD.findall(p.URL.sub(" ", text))]
        self._words = sorted(word.casefold() for word in words)
        self._whole = frozenset(part.casefold() for word in words for part in word.split("-"))

    def has_word(self, word: str) -> bool:
        """Whether the document prints ``word`` as a word (or as a part of a compound)."""
        return word.casefold() in self._whole

    def count(self, prefix: str) -> int:
        """How many words of the document start with ``prefix`` (case folded)."""
        key = prefix.casefold()
        return bisect.bisect_left(self._words, key + "\U0010ffff") - bisect.bisect_left(
            self._words, key
        )

    def writes_hyphenated(self, head: str, tail: str) -> bool:
        """Whether the document writes ``head-tail`` more often than ``headtail``."""
        if not head or not tail:
            return False
        stem = tail if len(tail) <= 4 else tail[:-2]
        return self.count(f"{head}-{stem}") > self.count(head + stem)

    def keeps_hyphen(self, head: str, tail: str) -> bool:
        """Whether ``head-`` at a line end and ``tail`` on the next line form ``head-tail``.

        The document's own spelling decides (``socio-professionnelle`` written elsewhere, or
        ``développement``, ``MONDRAGON``). When it has neither, digits (``2018-2021``) and
        capitals (``Vitoria-Gasteiz``) keep the hyphen, and so does a compound prefix before a
        word the document uses (``auto-évaluation``); anything else was a typesetter's break.
        """
        if not head or not tail or head[-1:].isdigit() or tail[:1].isdigit():
            return True  # 2018-2021
        if tail.casefold() in p.HYPHEN_TAILS or head.casefold() == tail.casefold():
            return True  # intégrons-nous, win-win
        if head[-1:] in "td" and tail.casefold() in p.INVERTED_PRONOUNS:
            return True  # répond-il
        stem = tail if len(tail) <= 4 else tail[:-2]
        hyphenated, joined = self.count(f"{head}-{stem}"), self.count(head + stem)
        if hyphenated != joined:
            return hyphenated > joined
        if head.casefold() not in p.COMPOUND_PREFIXES and is_common_word(
            self.language, head + tail
        ):
            return False  # a word of the language (coalition), split by a typesetter
        both_words = min(len(head), len(tail)) >= 3 and self.has_word(head) and self.has_word(tail)
        # a short prefix (co-, pro-) also starts plain words, a capitalised one names (Indo-
        # nésie): the rest must then be a word of the document too
        sure_prefix = len(head) > 3 and head[:1].islower()
        prefix = head.casefold() in p.COMPOUND_PREFIXES and (sure_prefix or self.count(stem) > 0)
        if head.isupper() and tail.isupper():
            # a word in capitals may be split anywhere: both halves of UCLG-SESSION are words
            # of the document, those of RE-SSCAM are not
            return prefix or both_words
        # only a hyphen splits Vitoria-Gasteiz; public-privé, quasi-totalité are compounds
        return tail[:1].isupper() or prefix or both_words


def _join(
    previous: str,
    following: str,
    kind: str,
    vocabulary: Vocabulary,
    typeset: bool = False,
    marks_hyphens: bool = False,
) -> str:
    """``previous`` and ``following`` as one line; ``typeset``: a typesetter's hyphen ends it;
    ``marks_hyphens``: the document prints its typesetter's hyphens as such (U+2010, soft
    hyphens), so a plain hyphen at a line end belongs to the word."""
    if kind == "url":
        # a typesetter's hyphen inside a URL (http://exam‐/ple.org) is no part of it
        return (previous[:-1] if typeset and previous.endswith("-") else previous) + following
    if not previous.endswith("-") or previous.endswith(" -") or _is_url_piece(following):
        return f"{previous} {following}"
    if previous[-2:-1] in ("'", "’") or following[:1] in ("'", "’"):
        return previous[:-1] + following  # no word is written l'-économie or qu-'elle
    head = _LAST_WORD.search(previous[-80:-1])
    tail = _FIRST_WORD.search(following)
    if head is not None and len(head.group(1)) == 1:
        # one letter: a word of its own inside a compound (c'est-à-dire), or a crude break
        return previous + following if previous[-3:-2] == "-" else previous[:-1] + following
    if tail is not None and tail.group(0)[:1].isupper() and p.fold(tail.group(0)) in p.ROLE_WORDS:
        return f"{previous} {following}"  # a dash before a role: ``Laurence Kwark- Secrétaire``
    head_word, tail_word = head.group(1) if head else "", tail.group(0) if tail else ""
    if typeset:
        # the typesetter added the hyphen: only the document's own hyphenated spelling keeps it
        if vocabulary.writes_hyphenated(head_word, tail_word):
            return previous + following
        return previous[:-1] + following
    if marks_hyphens:
        return previous + following  # baby-|boomers broken at its own hyphen
    if vocabulary.keeps_hyphen(head_word, tail_word):
        return previous + following
    return previous[:-1] + following


def _whole_words(texts: Sequence[str]) -> list[str]:
    """The texts without the halves of words hyphenated at line ends (``dévelop-``, ``pement``)."""
    whole: list[str] = []
    broken = False
    for text in texts:
        if broken:
            text = text.split(" ", 1)[1] if " " in text else ""
        broken = text.endswith("-") and not text.endswith(" -")
        whole.append(text.rsplit(" ", 1)[0] if broken and " " in text else text)
    return whole


def _split_marked(lines: Sequence[SourceLine]) -> list[SourceLine]:
    """Lines a PDF reader joined at a line-end hyphen (marked U+FFFE) printed apart again.

    Each part keeps its hyphen and becomes a line of its own, so that a page footer the reader
    glued after the hyphen is found, and the hyphen is judged like any other.
    """
    if not any(_HYPHEN_MARK in line.text for line in lines):
        return list(lines)
    split: list[SourceLine] = []
    for line in lines:
        parts = line.text.split(_HYPHEN_MARK)
        for index, part in enumerate(parts):
            hyphen = "-" if index < len(parts) - 1 else ""
            split.append(replace(line, text=part.rstrip() + hyphen))
    return split


def _is_heading(text: str) -> bool:
    return p.CODE3.match(text) is not None or p.CODE2.match(text) is not None


def _ends_heading(text: str) -> bool:
    """A source line after which a heading's run is over: a coordinator line, a URL."""
    if _is_heading(text):
        return False  # the heading's own first line (``5.5. Session organisée par ...``)
    coordinated = p.COORDINATED.search(text)
    if coordinated is not None and coordinated.start() < 30:
        return True
    return _BARE_URL.search(text.rsplit(" ", 1)[-1]) is not None


def _blank_separated(texts: Sequence[str], furniture: set[int]) -> bool:
    """Whether blank lines separate the paragraphs of a document (one run for ten lines)."""
    runs = lines = 0
    in_blank = False
    for index, text in enumerate(texts):
        if index in furniture:
            continue
        if text:
            lines += 1
        elif not in_blank:
            runs += 1
        in_blank = not text
    return runs * 10 >= lines > 0


def logical_lines(
    lines: Sequence[SourceLine], dropped: list[DroppedLine] | None = None
) -> list[LogicalLine]:
    """Cleaned logical lines, blank lines and page furniture removed (added to ``dropped``)."""
    lines = _split_marked(split_columns(lines))
    typeset = [line.text.rstrip().endswith((_TYPESET_HYPHEN, "\u00ad")) for line in lines]
    texts = [
        clean_text(line.text.rstrip()[:-1] + "-" if typeset[i] else line.text)
        for i, line in enumerate(lines)
    ]
    # a converter that joined public-/privé into publicprivé: the document's spelling decides
    texts = LostHyphens.restored(texts)
    pages = [line.page for line in lines]
    marked = {index for index, line in enumerate(lines) if line.furniture}
    # a reader that saw the page (PDF) has marked the furniture from its position; the same
    # words in the body (a title the running header repeats) are text
    furniture = marked or find_furniture(texts, pages if any(pages) else None)
    printed = [line.text.expandtabs(8).strip() for line in lines]  # markup included
    content = [t for i, t in enumerate(texts) if t and i not in furniture]
    kept = [t for i, t in enumerate(printed) if texts[i] and i not in furniture]
    # Typeset text (a PDF converted to text: pages, typesetters' hyphens) was filled in a
    # proportional font: its lines are measured with generic glyph widths, not counted.
    marks_hyphens = sum(typeset) >= 3
    typeset_text = any(pages) or marks_hyphens
    measure = printed_width if typeset_text else len
    width = proportional_width(kept) if typeset_text else wrap_width(kept)
    ragged = not typeset_text and width is not None and not filled_evenly(kept, int(width))
    whole = _whole_words(content)
    vocabulary = Vocabulary(whole, detect_language(" ".join(whole[:400])))
    # Where blank lines separate paragraphs, lines that follow each other belong together
    # (unless a page break came between them): a full line is then a wrap, and a sure one.
    separated = _blank_separated(texts, furniture)
    result: list[LogicalLine] = []
    last = ""  # the source line before: wraps are judged line by line
    last_width = 0.0
    last_typeset = False
    blank = False
    soft = False  # only page furniture since the last text line: a page break, not a paragraph end
    for index, (line, text) in enumerate(zip(lines, texts, strict=True)):
        if index in furniture:
            soft = soft or index not in marked  # the layout reader judged its page breaks
            if dropped is not None:
                dropped.append(DroppedLine(text, line.number, line.page))
            continue
        if not text:
            blank = True
            continue
        current = LogicalLine(text, line.number, line.number, line.page, line.page, blank)
        previous = result[-1] if result else None
        glued = not blank or soft or _is_url_piece(text)
        kind = None
        heading = False
        if previous is not None and line.continues:
            # the layout says so (a typeset PDF's paragraph): only how to join is left to decide
            # a line broken after a slash (vivant/ travaillant, http://) had no space there
            url = _url_goes_on(previous.text, text, True) or (
                _SLASH_END.search(previous.text) is not None and text[:1].islower()
            )
            kind = "url" if url else "sure"
        elif previous is not None and glued:
            sizes = (last_width, measure(printed[index].split(" ", 1)[0]))
            # a numbered heading runs on to its location line in typeset text, also when a
            # converter gave it as text (lines of uneven length); in lower case in any text
            heading = (
                (typeset_text or ragged or text[:1].islower())
                and len(previous.wraps) < 3
                and _is_heading(previous.text)
                and not _ends_heading(last)
            )
            kind = _continues(last, text, width, sizes, previous.text, heading, typeset_text)
        if previous is not None and kind is not None:
            joined_text = _join(previous.text, text, kind, vocabulary, last_typeset, marks_hyphens)
            wrap = kind == "wrap" and (soft or not separated or typeset_text)
            result[-1] = previous.joined(current, joined_text, wrap=wrap)
        elif previous is not None and p.is_code_only(previous.text):
            result[-1] = previous.joined(current, f"{previous.text} {text}")
        else:
            result.append(current)
        last, last_width, last_typeset = text, measure(printed[index]), typeset[index]
        blank = False
        soft = False
    return result
