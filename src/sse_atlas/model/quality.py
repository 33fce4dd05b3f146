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


@dataclass
class CountCheck:
    """A count the document states about itself beside the count found."""

    name: str
    stated: int | None
    found: int

    @property
    def matches(self) -> bool:
        return self.stated is None or self.stated == self.found


@dataclass
class QualityReport:
    """Everything noticed while reading one document."""

    document: str
    catalogue: str | None = None
    findings: list[Finding] = field(default_factory=list)
    counts: list[CountCheck] = field(default_factory=list)

    def add(self, finding: Finding) -> None:
        self.findings.append(finding)

    def by_kind(self) -> dict[str, int]:
        totals: dict[str, int] = {}
        for finding in self.findings:
            totals[finding.kind] = totals.get(finding.kind, 0) + 1
        return dict(sorted(totals.items()))
