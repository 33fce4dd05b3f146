"""Data-quality findings reported by ``check`` and stored with every ingest."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True)
class Finding:
    """One problem, with the record and the lines it concerns."""

    kind: str  # duplicate | missing-field | irregular-line | broken-url | unknown-country | ...
    message: str
    severity: Severity = Severity.WARNING
    record: str | None = None
    field: str | None = None
    line: int | None = None
    line_end: int | None = None
    page: int | None = None


@dataclass(frozen=True)
class DroppedLine:
    """A line left out of the catalogue's text: a running header or footer, a page number."""

    text: str
    line: int
    page: int | None = None
    reason: str = "page furniture"


@dataclass
class CountCheck:
    """A count the document states about itself beside the count found."""

    name: str
    stated: int | None
    found: int

    @property
    def matches(self) -> bool:
        return self.stated is None or self.stated == self.found


# Entries read with less confidence than this are listed for review (check, report, web).
LOW_CONFIDENCE = 0.75


@dataclass(frozen=True)
class Signal:
    """One reason for (or against) trusting how an entry was read.

    ``weight`` is what it takes from the confidence (0 for a reason to trust the entry);
    ``fields`` are the fields it concerns.
    """

    name: str
    detail: str
    weight: float = 0.0
    fields: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class EntryConfidence:
    """How sure the reader is of one entry, from 0 to 1, and the signals behind it."""

    record: str
    code: str
    confidence: float
    signals: list[Signal] = field(default_factory=list)
    line: int | None = None
    page: int | None = None

    @property
    def fields(self) -> list[str]:
        """The fields the signals against the entry concern, in the order they appear."""
        found: list[str] = []
        for signal in self.signals:
            if signal.weight > 0:
                found.extend(f for f in signal.fields if f not in found)
        return found

    @property
    def doubts(self) -> list[Signal]:
        return [signal for signal in self.signals if signal.weight > 0]


@dataclass
class QualityReport:
    """Everything noticed while reading one document."""

    document: str
    catalogue: str | None = None
    findings: list[Finding] = field(default_factory=list)
    counts: list[CountCheck] = field(default_factory=list)
    # every entry's confidence; page furniture and other lines dropped while reading
    entries: list[EntryConfidence] = field(default_factory=list)
    dropped: list[DroppedLine] = field(default_factory=list)

    def uncertain(self, below: float = LOW_CONFIDENCE) -> list[EntryConfidence]:
        """The entries to review first: the least confident first."""
        low = [entry for entry in self.entries if entry.confidence < below]
        return sorted(low, key=lambda entry: (entry.confidence, entry.line or 0))

    def add(self, finding: Finding) -> None:
        self.findings.append(finding)

    def by_kind(self) -> dict[str, int]:
        totals: dict[str, int] = {}
        for finding in self.findings:
            totals[finding.kind] = totals.get(finding.kind, 0) + 1
        return dict(sorted(totals.items()))
