"""Data-quality findings that need the whole catalogue: missing fields, links, counts."""

from __future__ import annotations

from sse_atlas.ingest.segmenter import Outline
from sse_atlas.model import (
    Catalogue,
    CountCheck,
    Finding,
    Link,
    QualityReport,
    Severity,
    WorkshopKind,
)

_MISSING_SEVERITY = {
    "missing-location": Severity.WARNING,
    "missing-organisation": Severity.WARNING,
    "missing-country": Severity.WARNING,
    "missing-presenter": Severity.WARNING,
    "missing-url": Severity.INFO,
    "missing-description": Severity.WARNING,
}


def _link_findings(record: str, links: list[Link], line: int | None) -> list[Finding]:
    return [
        Finding(
            kind="broken-url",
            message=f"URL {link.as_written!r}: {link.problem}",
            record=record,
            field="urls",
            line=line,
        )
        for link in links
        if link.problem
    ]


def assess(catalogue: Catalogue, outline: Outline, report: QualityReport) -> None:
    """Add the findings and count checks of a parsed catalogue to its report."""
    for initiative in catalogue.initiatives:
        line = initiative.source.line_start if initiative.source else None
        for flag in initiative.flags:
            if flag in _MISSING_SEVERITY:
                field = flag.removeprefix("missing-")
                report.add(
                    Finding(
                        kind="missing-field",
                        message=f"{initiative.code} has no {field}",
                        severity=_MISSING_SEVERITY[flag],
                        record=initiative.id,
                        field=field,
                        line=line,
                    )
                )
        place = initiative.place
        if place.country and not place.country_code:
            report.add(
                Finding(
                    kind="unknown-country",
                    message=f"{initiative.code}: country {place.country!r} is not a known name",
                    record=initiative.id,
                    field="country",
                    line=line,
                )
            )
        report.findings.extend(_link_findings(initiative.id, initiative.links, line))
    for workshop in catalogue.workshops:
        line = workshop.source.line_start if workshop.source else None
        for flag in workshop.flags:
            if flag.startswith("missing-"):
                report.add(
                    Finding(
                        kind="missing-field",
                        message=f"workshop {workshop.code} has no {flag.removeprefix('missing-')}",
                        record=workshop.id,
                        field=flag.removeprefix("missing-"),
                        line=line,
                    )
                )
        links = workshop.links
        report.findings.extend(_link_findings(workshop.id, links, line))
    body_codes = {w.code for w in catalogue.workshops}
    for code, entry in outline.toc.items():
        if code not in body_codes:
            report.add(
                Finding(
                    kind="irregular-line",
                    message=f"table of contents lists {code} but the body has no such workshop",
                    line=entry.line.line_start,
                )
            )
    if outline.back_matter:
        first, last = outline.back_matter[0], outline.back_matter[-1]
        report.add(
            Finding(
                kind="back-matter",
                message=f"{len(outline.back_matter)} lines after the entries (partners, sponsors) "
                "not read as entries",
                severity=Severity.INFO,
                line=first.line_start,
                line_end=last.line_end,
            )
        )
    countries = {i.place.country_code for i in catalogue.initiatives if i.place.country_code}
    coordinated = [w for w in catalogue.workshops if w.kind is WorkshopKind.COORDINATED]
    stated = catalogue.stated
    report.counts = [
        CountCheck("initiatives", stated.initiatives, len(catalogue.initiatives)),
        CountCheck("countries", stated.countries, len(countries)),
        CountCheck("coordinated_workshops", stated.coordinated_workshops, len(coordinated)),
        CountCheck("workshops", len(outline.toc) or None, len(catalogue.workshops)),
        CountCheck("sessions", None, len(catalogue.sessions)),
        CountCheck("days", None, len(catalogue.days)),
    ]
    for check in report.counts:
        if not check.matches:
            report.add(
                Finding(
                    kind="count-mismatch",
                    message=f"the document states {check.stated} {check.name}, {check.found} found",
                    severity=Severity.INFO,
                )
            )
