"""Contexts of the overview pages: statistics, data quality, about, and the index lists."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from sse_atlas import __version__
from sse_atlas.enrich.regions import continent
from sse_atlas.model import CountCheck, EntryConfidence, Finding, QualityReport
from sse_atlas.web import labels, urls
from sse_atlas.web.contexts import findings
from sse_atlas.web.contexts.common import Lang
from sse_atlas.web.contexts.findings import ReviewEntry
from sse_atlas.web.snapshot import Snapshot


def N_(message: str) -> str:
    """Marks a message for the catalogues; it is translated where it is shown."""
    return message


UNKNOWN = "unknown"
_COUNT_LABELS = {
    "catalogues": N_("Catalogues"),
    "days": N_("Days"),
    "sessions": N_("Sessions"),
    "workshops": N_("Workshops"),
    "initiatives": N_("Initiatives"),
    "organisations": N_("Organisations"),
    "people": N_("People"),
    "countries": N_("Countries"),
    "coordinated_workshops": N_("Coordinated workshops"),
}
_CONTINENTS = (N_("Africa"), N_("Americas"), N_("Asia"), N_("Europe"), N_("Oceania"))


@dataclass(frozen=True)
class Bar:
    key: str
    label: str
    count: int
    url: str | None  # the search for these initiatives


@dataclass(frozen=True)
class Chart:
    name: str
    title: str
    bars: list[Bar]
    maximum: int


@dataclass(frozen=True)
class CountRow:
    catalogue: str
    name: str
    label: str
    stated: int | None
    found: int
    matches: bool


@dataclass(frozen=True)
class StatsPage:
    title: str
    counts: dict[str, int]
    count_labels: dict[str, str]
    charts: list[Chart]
    stated: list[CountRow]


@dataclass(frozen=True)
class FindingView:
    kind: str
    kind_label: str
    severity: str
    severity_label: str
    message: str  # as recorded by the reader, in English
    text: str  # the message in the interface language where its shape is known
    text_lang: str  # the language of ``text``
    record: str | None
    record_url: str | None
    field: str | None
    field_label: str | None
    line: int | None
    line_end: int | None
    page: int | None


@dataclass(frozen=True)
class KindCount:
    kind: str
    label: str
    count: int


@dataclass(frozen=True)
class ReportView:
    document: str
    catalogue: str | None
    by_kind: dict[str, int]
    kinds: list[KindCount]
    by_severity: dict[str, int]
    findings: list[FindingView]
    counts: list[CountRow]
    uncertain: list[EntryConfidence] = field(default_factory=list)  # to review first
    review: list[ReviewEntry] = field(default_factory=list)  # the same, in words


@dataclass(frozen=True)
class QualityPage:
    title: str
    reports: list[ReportView]


@dataclass(frozen=True)
class Source:
    name: str
    description: str
    licence: str
    url: str | None


@dataclass(frozen=True)
class CatalogueView:
    id: str
    title: str | None
    forum: str | None
    city: str | None
    start_date: dt.date | None
    end_date: dt.date | None
    language: str | None
    source: str | None
    sha256: str | None
    initiatives: int
    programme_url: str


@dataclass(frozen=True)
class AboutPage:
    title: str
    version: str
    catalogues: list[CatalogueView]
    sources: list[Source]
    software: list[Source]
    citation: str


@dataclass(frozen=True)
class IndexEntry:
    id: str
    label: str
    url: str
    detail: str | None
    count: int


@dataclass(frozen=True)
class IndexPage:
    """A list of organisations, people or countries."""

    title: str
    kind: str
    entries: list[IndexEntry]


def _count_rows(catalogue: str, checks: Iterable[CountCheck], lang: Lang) -> list[CountRow]:
    return [
        CountRow(
            catalogue=catalogue,
            name=check.name,
            label=lang.gettext(_COUNT_LABELS.get(check.name, check.name)),
            stated=check.stated,
            found=check.found,
            matches=check.matches,
        )
        for check in checks
    ]


def _chart(
    name: str,
    title: str,
    counts: Counter[str],
    label: Callable[[str], str],
    facet: str | None,
    lang: Lang,
) -> Chart:
    bars = [
        Bar(
            key=key,
            label=lang.gettext("Unknown") if key == UNKNOWN else label(key),
            count=count,
            url=urls.search(filters={facet: [key]}) if facet and key != UNKNOWN else None,
        )
        for key, count in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    ]
    return Chart(name=name, title=title, bars=bars, maximum=max(counts.values(), default=0))


def country_counts(snapshot: Snapshot) -> dict[str, int]:
    """Initiatives per country code (upper case), those without a country left out."""
    found: Counter[str] = Counter()
    for code, count in snapshot.tallies.get("country", Counter()).items():
        if code != UNKNOWN:
            found[code.upper()] += count
    return dict(found)


def stats_page(snapshot: Snapshot, lang: Lang) -> StatsPage:
    _ = lang.gettext
    code = lang.code
    tallies = snapshot.tallies  # counted once per generation, from the search index
    counts = dict(snapshot.stats.counts)
    counts["countries"] = len([c for c in tallies["country"] if c != UNKNOWN])
    counts["coordinated_workshops"] = snapshot.stats.coordinated_workshops
    charts = [
        _chart(
            "country",
            _("Initiatives by country"),
            tallies["country"],
            lambda c: labels.country(c, code) or c,
            "country",
            lang,
        ),
        _chart(
            "continent",
            _("Initiatives by continent"),
            tallies["continent"],
            _,
            "continent",
            lang,
        ),
        _chart(
            "theme",
            _("Initiatives by theme"),
            tallies["theme"],
            lambda t: labels.theme(t, code),
            "theme",
            lang,
        ),
        _chart(
            "sdg",
            _("Initiatives by Sustainable Development Goal"),
            tallies["sdg"],
            lambda n: f"{n}. {labels.sdg(n, code)}",
            "sdg",
            lang,
        ),
        _chart(
            "organisation_type",
            _("Initiatives by organisation type"),
            tallies["organisation_type"],
            lambda t: labels.organisation_type(t, code),
            "organisation_type",
            lang,
        ),
        _chart(
            "day",
            _("Initiatives by day"),
            tallies["day"],
            lambda d: labels.day(dt.date.fromisoformat(d), code) or d,
            "day",
            lang,
        ),
    ]
    stated = [
        row
        for catalogue, checks in snapshot.stats.stated.items()
        for row in _count_rows(catalogue, checks, lang)
    ]
    return StatsPage(
        title=_("Statistics"),
        counts=counts,
        count_labels={name: _(label) for name, label in _COUNT_LABELS.items()},
        charts=charts,
        stated=stated,
    )


def _record_urls(snapshot: Snapshot, reports: list[QualityReport]) -> dict[str, str]:
    """The page of every record a finding names that still exists (two reads in all)."""
    named = [f.record for report in reports for f in report.findings if f.record]
    shown = {i: urls.initiative(i) for i in snapshot.initiatives.existing(named)}
    rest = [record for record in named if record not in shown]
    shown.update({w: urls.workshop(w) for w in snapshot.workshops.existing(rest)})
    return shown


def _finding(shown: dict[str, str], finding: Finding, lang: Lang) -> FindingView:
    words = lang.gettext
    text = findings.in_words(finding, words, lang.code)
    return FindingView(
        kind=finding.kind,
        kind_label=labels.in_words(labels.FINDING_KINDS, finding.kind, words) or finding.kind,
        severity=str(finding.severity),
        severity_label=labels.in_words(labels.SEVERITIES, str(finding.severity), words) or "",
        message=finding.message,
        text=text or finding.message,
        text_lang=lang.code if text else "en",
        record=finding.record,
        record_url=shown.get(finding.record) if finding.record else None,
        field=finding.field,
        field_label=labels.in_words(labels.FINDING_FIELDS, finding.field, words),
        line=finding.line,
        line_end=finding.line_end,
        page=finding.page,
    )


def _report(shown: dict[str, str], report: QualityReport, lang: Lang) -> ReportView:
    return ReportView(
        document=report.document,
        catalogue=report.catalogue,
        by_kind=report.by_kind(),
        kinds=[
            KindCount(kind, labels.in_words(labels.FINDING_KINDS, kind, lang.gettext) or kind, n)
            for kind, n in report.by_kind().items()
        ],
        by_severity=dict(Counter(str(f.severity) for f in report.findings).most_common()),
        # in the order of the document; findings about the whole document last
        findings=[
            _finding(shown, f, lang)
            for f in sorted(report.findings, key=lambda f: (f.line is None, f.line or 0))
        ],
        counts=_count_rows(report.catalogue or report.document, report.counts, lang),
        uncertain=report.uncertain(),
        review=[findings.review_entry(e, lang.gettext, lang.code) for e in report.uncertain()],
    )


def quality_page(snapshot: Snapshot, lang: Lang) -> QualityPage:
    shown = _record_urls(snapshot, snapshot.reports)
    return QualityPage(
        title=lang.gettext("Data quality"),
        reports=[_report(shown, report, lang) for report in snapshot.reports],
    )


def about_page(snapshot: Snapshot, lang: Lang) -> AboutPage:
    _ = lang.gettext
    catalogues = [
        CatalogueView(
            id=c.id,
            title=c.title,
            forum=c.forum,
            city=c.city,
            start_date=c.start_date,
            end_date=c.end_date,
            language=c.language,
            source=c.source,
            sha256=c.sha256,
            initiatives=snapshot.initiative_counts.get(c.id, 0),
            programme_url=urls.programme(c.id),
        )
        for c in snapshot.catalogues.values()
    ]
    sources = [
        Source(
            "GSEF 2018",
            _(
                "Summary of the initiatives presented at the Global Social Economy Forum, "
                "Bilbao, 1–3 October 2018: the built-in catalogue."
            ),
            _("Published by GSEF; quoted as written, with the lines each record comes from."),
            None,
        ),
        Source(
            "GeoNames",
            _("Place names and coordinates of cities and regions."),
            "CC BY 4.0",
            "https://www.geonames.org/",
        ),
        Source(
            "Natural Earth",
            _("Country outlines of the maps (via world-atlas 2.0.2)."),
            _("Public domain"),
            "https://www.naturalearthdata.com/",
        ),
        Source(
            "ESSGLOBAL (RIPESS)",
            _("Vocabulary of themes, sectors and organisational structures."),
            "CC BY 3.0",
            "http://purl.org/essglobal/vocab/",
        ),
        Source(
            _("United Nations"),
            _("The 17 Sustainable Development Goals."),
            _("Facts published by the United Nations"),
            "https://sdgs.un.org/goals",
        ),
        Source("CLDR (babel)", _("Country names in every language."), "Unicode License", None),
    ]
    software = [
        Source("htmx 2.0.11", _("Partial page updates."), "0BSD", "https://htmx.org/"),
        Source("Leaflet 1.9.4", _("Maps."), "BSD-2-Clause", "https://leafletjs.com/"),
        Source("Leaflet.markercluster 1.5.3", _("Clustered markers."), "MIT", None),
        Source("topojson-client 3.1.0", _("Reading the country outlines."), "ISC", None),
    ]
    year = dt.date.today().year
    citation = f"SSE Atlas {__version__} ({year}). " + _(
        "An open knowledge base of the social and solidarity economy, built from the GSEF "
        "2018 catalogue."
    )
    return AboutPage(
        title=_("About"),
        version=__version__,
        catalogues=catalogues,
        sources=sources,
        software=software,
        citation=citation,
    )


def organisations_index(snapshot: Snapshot, lang: Lang) -> IndexPage:
    entries = [
        IndexEntry(
            id=o.id,
            label=o.name,
            url=urls.organisation(o.id),
            detail=labels.country(o.country_code, lang.code),
            count=len(o.initiatives) + len(o.workshops),
        )
        for o in snapshot.organisations.values()
    ]
    entries.sort(key=lambda e: e.label.casefold())
    return IndexPage(title=lang.gettext("Organisations"), kind="organisations", entries=entries)


def people_index(snapshot: Snapshot, lang: Lang) -> IndexPage:
    entries = [
        IndexEntry(
            id=p.id,
            label=p.name,
            url=urls.person(p.id),
            detail=", ".join(p.roles) or None,
            count=len(p.initiatives) + len(p.workshops),
        )
        for p in snapshot.people.values()
    ]
    entries.sort(key=lambda e: e.label.casefold())
    return IndexPage(title=lang.gettext("People"), kind="people", entries=entries)


def countries_index(snapshot: Snapshot, lang: Lang) -> IndexPage:
    entries = [
        IndexEntry(
            id=code,
            label=labels.country(code, lang.code) or code,
            url=urls.country(code),
            detail=lang.gettext(found) if (found := continent(code)) else None,
            count=count,
        )
        for code, count in country_counts(snapshot).items()
    ]
    entries.sort(key=lambda e: e.label.casefold())
    return IndexPage(title=lang.gettext("Countries"), kind="countries", entries=entries)
