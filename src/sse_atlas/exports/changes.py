"""The change log as JSON Lines (``--format changes``): every correction and entity decision,
with author, time and reason; ``sse-atlas ingest`` replays it onto a fresh ingest."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import ClassVar, TextIO

from sse_atlas.curation_log import to_lines
from sse_atlas.exports.base import register
from sse_atlas.model import Dataset
from sse_atlas.store.curation_types import Change, StoredRule


@register
class ChangesExporter:
    identifier: ClassVar[str] = "changes"
    extension: ClassVar[str] = "jsonl"
    media_type: ClassVar[str] = "application/jsonl"

    def __init__(
        self,
        changes: Sequence[Change] | None = None,
        rules: Sequence[StoredRule] = (),
    ) -> None:
        self.changes = changes
        self.rules = rules

    def write(self, stream: TextIO, dataset: Dataset) -> None:
        """The log given to the constructor (the dataset holds records, not their history)."""
        if self.changes is None:
            raise ValueError("no change log was given: sse-atlas export --format changes writes it")
        for line in to_lines(self.changes, self.rules):
            stream.write(json.dumps(line, ensure_ascii=False) + "\n")
