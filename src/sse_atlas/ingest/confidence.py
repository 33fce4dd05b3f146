"""How sure the reader is of each entry, and why: the signals a curator reviews first.

Every initiative starts fully trusted; each doubt takes its weight off. Doubts come from what
was found (no country the country table knows, no presenter, a title long enough to have
swallowed the next line) and from how the entry was read (a title and a location line told
apart by the entry's structure only, lines joined only because they were full, a page break
inside the entry). Reasons to trust it (a code, a location anchored by a known country, a
typeset heading) are kept beside them with no weight.
"""

from __future__ import annotations

from sse_atlas.ingest.segmenter import Block, Outline
from sse_atlas.model import Catalogue, EntryConfidence, Initiative, Signal

_SENTENCE_END = (".", "!", "?", "»", ")", '"', ">", "/", "…")
# A title longer than this may have swallowed the location line or a paragraph.
_LONG_TITLE = 200
_SHORT_DESCRIPTION = 60

_MISSING = {
    "missing-location": ("no location line found", 0.35, ["organisation", "place"]),
    "missing-organisation": ("no organisation found", 0.3, ["organisation"]),
    "missing-country": ("no country in the location line", 0.3, ["place"]),
    "missing-presenter": ("no presenter line found", 0.3, ["presenters"]),
    "missing-description": ("no description", 0.3, ["description"]),
}


def _found_signals(initiative: Initiative) -> list[Signal]:
    signals = [Signal("code", f"numbered heading {initiative.code}")]
    place = initiative.place
    if place.country_code:
        signals.append(
            Signal("known-country", f"location ends in a known country ({place.country_code})")
        )
    elif place.country:
        signals.append(
            Signal("unknown-country", f"country {place.country!r} is not known", 0.3, ["place"])
        )
    for flag in initiative.flags:
        if flag in _MISSING:
            detail, weight, fields = _MISSING[flag]
            signals.append(Signal(flag, detail, weight, list(fields)))
    if len(initiative.title) > _LONG_TITLE:
        signals.append(
            Signal("long-title", f"title of {len(initiative.title)} characters", 0.3, ["title"])
        )
    broken = [link.as_written for link in initiative.links if link.problem]
    if broken:
        signals.append(Signal("broken-url", ", ".join(broken), 0.15, ["urls"]))
    description = (initiative.description or "").rstrip()
    if description and not description.endswith(_SENTENCE_END):
        signals.append(
            Signal("unfinished-description", "description ends mid-sentence", 0.2, ["description"])
        )
    elif description and len(description) < _SHORT_DESCRIPTION:
        signals.append(
            Signal("short-description", "a very short description", 0.1, ["description"])
        )
    return signals


def _reading_signals(block: Block) -> list[Signal]:
    signals: list[Signal] = []
    heading = block.heading
    if heading.wraps:
        signals.append(
            Signal(
                "heading-told-apart",
                f"heading joined to the {len(heading.wraps)} line(s) after it; where the title "
                "ends was told by the entry's structure, not by the layout",
                0.1,
                ["title", "organisation", "place"],
            )
        )
    wraps = sum(len(line.wraps) for line in block.lines)
    if wraps:
        signals.append(
            Signal(
                "joined-by-width",
                f"{wraps} line(s) joined only because the line before was full",
                min(0.05 * wraps, 0.15),
                ["description", "presenters"],
            )
        )
    if heading.page_start is not None and block.lines:
        last = block.lines[-1].page_end
        if last is not None and last != heading.page_start:
            signals.append(Signal("page-break", f"printed over pages {heading.page_start}-{last}"))
    return signals


def assess_entries(catalogue: Catalogue, outline: Outline) -> list[EntryConfidence]:
    """The confidence of every initiative, with its signals, in the catalogue's order."""
    blocks = {block.code: block for block in outline.blocks}
    entries: list[EntryConfidence] = []
    for initiative in catalogue.initiatives:
        signals = _found_signals(initiative)
        block = blocks.get(initiative.code)
        if block is not None:
            signals.extend(_reading_signals(block))
        doubt = sum(signal.weight for signal in signals)
        source = initiative.source
        entries.append(
            EntryConfidence(
                record=initiative.id,
                code=initiative.code,
                confidence=round(max(0.0, 1.0 - doubt), 2),
                signals=signals,
                line=source.line_start if source else None,
                page=source.page_start if source else None,
            )
        )
    return entries
