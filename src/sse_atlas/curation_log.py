"""The change log as open data: JSON Lines that can be replayed onto a fresh ingest.

The first line names the format; then one line per change (``"type": "change"``) and per
entity decision (``"type": "rule"``), oldest first. ``sse-atlas export --format changes`` writes
it; ``sse-atlas ingest changes.jsonl`` replays it.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from sse_atlas.ingest.lines import DocumentError
from sse_atlas.store.curation_types import Change, StoredRule

FORMAT: Final = "sse-atlas-changes/1"
MAX_LINE: Final = 1_000_000  # characters of one line


@dataclass(frozen=True)
class ChangeLog:
    changes: list[Change]
    rules: list[StoredRule]


def to_lines(changes: Sequence[Change], rules: Sequence[StoredRule]) -> Iterator[dict[str, Any]]:
    yield {"format": FORMAT}
    for change in changes:
        yield {
            "type": "change",
            "seq": change.seq,
            "record": change.record_id,
            "field": change.field,
            "before": change.before,
            "after": change.after,
            "printed": change.printed,
            "author": change.author,
            "origin": change.origin,
            "reason": change.reason,
            "at": change.changed_at.isoformat(),
            "reverts": change.reverts,
            "credit": change.credit,
        }
    for rule in rules:
        yield {
            "type": "rule",
            "seq": rule.seq,
            "entity": rule.entity,
            "kind": rule.kind,
            "first": rule.first,
            "second": rule.second,
            "first_name": rule.first_name,
            "second_name": rule.second_name,
            "author": rule.author,
            "reason": rule.reason,
            "at": rule.created_at.isoformat(),
            "withdrawn": rule.withdrawn,
        }


def is_change_log(path: Path) -> bool:
    """A ``.jsonl`` file whose first line names this format."""
    if path.suffix.lower() != ".jsonl" or not path.is_file():
        return False
    with path.open(encoding="utf-8", errors="replace") as stream:
        first = stream.readline(MAX_LINE)
    return FORMAT in first


def _change(item: dict[str, Any]) -> Change:
    return Change(
        seq=int(item["seq"]),
        record_id=str(item["record"]),
        field=str(item["field"]),
        before=item["before"],
        after=item["after"],
        printed=item["printed"],
        author=str(item["author"]),
        origin=str(item["origin"]),
        reason=str(item["reason"]),
        changed_at=dt.datetime.fromisoformat(str(item["at"])),
        reverts=None if item.get("reverts") is None else int(item["reverts"]),
        credit=None if item.get("credit") is None else str(item["credit"]),
    )


def _rule(item: dict[str, Any]) -> StoredRule:
    return StoredRule(
        seq=int(item["seq"]),
        entity=str(item["entity"]),
        kind=str(item["kind"]),
        first=str(item["first"]),
        second=str(item["second"]),
        first_name=str(item["first_name"]),
        second_name=str(item["second_name"]),
        author=str(item["author"]),
        reason=str(item["reason"]),
        created_at=dt.datetime.fromisoformat(str(item["at"])),
        withdrawn=bool(item["withdrawn"]),
    )


def read_log(path: Path) -> ChangeLog:
    """The changes and rules of a log; DocumentError names the line of any bad one."""
    changes: list[Change] = []
    rules: list[StoredRule] = []
    with path.open(encoding="utf-8") as stream:
        for number, line in enumerate(stream, start=1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
                if not isinstance(item, dict):
                    raise ValueError("a line is a JSON object")
                if number == 1:
                    if item.get("format") != FORMAT:
                        raise ValueError(f"the first line must be {{'format': {FORMAT!r}}}")
                elif item.get("type") == "change":
                    changes.append(_change(item))
                elif item.get("type") == "rule":
                    rules.append(_rule(item))
                else:
                    raise ValueError("'type' is 'change' or 'rule'")
            except (ValueError, KeyError, TypeError) as error:
                message = f"missing key {error}" if isinstance(error, KeyError) else str(error)
                raise DocumentError(path, message, number) from error
    return ChangeLog(changes, rules)
