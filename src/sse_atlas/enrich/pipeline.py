"""Enrichment as named steps, each re-runnable and reporting every change it made, and why.

A step is a function over an :class:`EnrichmentContext` returning the changes it made to the
records in place; :func:`run_enrichment` runs steps by name and wraps each result in a
:class:`StepReport`. Running the same steps twice changes nothing the second time.

Built-in steps register themselves the way any other step does (:func:`register_step`):

``entities``  organisation and person ids (``resolve_entities_with_report``);
``links``     ``suspect-domain:`` problems on links the catalogue contradicts;
``language``  ``Initiative.language`` where ingest could not tell;
``places``    coordinates from the offline gazetteer (not a default step: the first run builds
              the gazetteer index, which takes seconds).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Final

from sse_atlas.enrich.entities import (
    EntityRule,
    ResolutionReport,
    iter_involvements,
    natural_key,
    resolve_entities_with_report,
)
from sse_atlas.enrich.language import fill_languages
from sse_atlas.enrich.links import apply_link_problems
from sse_atlas.model import Catalogue, Initiative, Label, Organisation, Person, Workshop

if TYPE_CHECKING:
    from sse_atlas.enrich.geocode import Geocoder

Value = str | float | None


@dataclass(frozen=True)
class Change:
    """One field of one record changed by a step."""

    record_id: str
    field: str  # a path in the record: "language", "presenters[0].person_id", "links[1].problem"
    old: Value
    new: Value
    reason: str


@dataclass
class StepReport:
    """What one step changed: how many records, and each change."""

    name: str
    changed: int  # distinct records changed
    changes: list[Change] = field(default_factory=list)


@dataclass
class EnrichmentContext:
    """What the steps work on, and what they hand to later steps."""

    catalogues: list[Catalogue]
    organisations: list[Organisation] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    resolution: ResolutionReport | None = None
    geocoder: Geocoder | None = None
    rules: list[EntityRule] = field(default_factory=list)  # an editor's merges and splits


@dataclass
class EnrichmentResult:
    """The entities (empty unless ``entities`` ran), one report per step, and the merges made."""

    organisations: list[Organisation]
    people: list[Person]
    reports: list[StepReport]
    resolution: ResolutionReport | None = None

    def report(self, name: str) -> StepReport | None:
        return next((report for report in self.reports if report.name == name), None)


StepFunction = Callable[[EnrichmentContext], list[Change]]


@dataclass(frozen=True)
class Step:
    name: str
    run: StepFunction
    description: str
    # a step that reads several catalogues at once (entities); ingest resolves an added
    # catalogue's entities against the stored ones (sse_atlas.enrich.incremental) and runs
    # the others over the added catalogue alone
    across_catalogues: bool = False


class UnknownStepError(ValueError):
    """A step name nobody registered."""


class StepUnavailableError(RuntimeError):
    """A registered step whose dependencies cannot be imported here."""


STEPS: dict[str, Step] = {}
DEFAULT_STEPS: Final[tuple[str, ...]] = ("entities", "links", "language")


def register_step(
    name: str, description: str, *, across_catalogues: bool = False
) -> Callable[[StepFunction], StepFunction]:
    """Register ``function`` as the step ``name`` (a later registration replaces an earlier)."""

    def register(function: StepFunction) -> StepFunction:
        STEPS[name] = Step(name, function, description, across_catalogues)
        return function

    return register


def available_steps(registry: Mapping[str, Step] | None = None) -> list[str]:
    return sorted(STEPS if registry is None else registry)


def _report(name: str, changes: list[Change]) -> StepReport:
    return StepReport(name, len({change.record_id for change in changes}), changes)


def run_enrichment(
    catalogues: Iterable[Catalogue],
    steps: Sequence[str] = DEFAULT_STEPS,
    *,
    geocoder: Geocoder | None = None,
    registry: Mapping[str, Step] | None = None,
    rules: Iterable[EntityRule] = (),
) -> EnrichmentResult:
    """Run the named steps in order over the catalogues (changed in place)."""
    chosen = STEPS if registry is None else registry
    unknown = [name for name in steps if name not in chosen]
    if unknown:
        known = ", ".join(sorted(chosen))
        raise UnknownStepError(f"unknown enrichment step(s) {', '.join(unknown)}; known: {known}")
    context = EnrichmentContext(catalogues=list(catalogues), geocoder=geocoder, rules=list(rules))
    reports = [_report(name, chosen[name].run(context)) for name in steps]
    return EnrichmentResult(context.organisations, context.people, reports, context.resolution)


# -- built-in steps ------------------------------------------------------------------------------


def _ids(catalogues: list[Catalogue]) -> dict[tuple[str, str], tuple[str | None, str | None]]:
    """(record, field) -> (id, name) for every organisation and person id a record carries."""
    found: dict[tuple[str, str], tuple[str | None, str | None]] = {}
    for catalogue in catalogues:
        for initiative in catalogue.initiatives:
            found[(initiative.id, "organisation_id")] = (
                initiative.organisation_id,
                initiative.organisation,
            )
        for record, path, who in iter_involvements(catalogue):
            found[(record, f"{path}.person_id")] = (who.person_id, who.name)
    return found


def _merge_reason(resolution: ResolutionReport, entity_id: str, name: str | None) -> str:
    if name is not None and entity_id.split("/", 1)[1] != natural_key(name):
        for merge in resolution.for_id(entity_id):
            if name in merge.names:
                return f"{merge.rule} ({merge.score:g}): {'; '.join(merge.evidence)}"
    return f"natural key of {name!r}"


@register_step(
    "entities", "organisation and person ids, merged on evidence", across_catalogues=True
)
def entities_step(context: EnrichmentContext) -> list[Change]:
    before = _ids(context.catalogues)
    organisations, people, resolution = resolve_entities_with_report(
        context.catalogues, context.rules
    )
    context.organisations, context.people, context.resolution = organisations, people, resolution
    changes = []
    for (record, path), (new, name) in _ids(context.catalogues).items():
        old = before.get((record, path), (None, None))[0]
        if new != old:
            reason = _merge_reason(resolution, new, name) if new else "no name to resolve"
            changes.append(Change(record, path, old, new, reason))
    return changes


@register_step("links", "suspect-domain problems on links the catalogue contradicts")
def links_step(context: EnrichmentContext) -> list[Change]:
    return [
        Change(update.record, f"{update.path}.problem", update.old, update.new, update.reason)
        for update in apply_link_problems(context.catalogues)
    ]


@register_step("language", "the language of initiatives ingest could not tell")
def language_step(context: EnrichmentContext) -> list[Change]:
    return [
        Change(update.record, "language", update.old, update.new, update.reason)
        for update in fill_languages(context.catalogues)
    ]


@register_step("places", "coordinates of initiatives' places, from the offline gazetteer")
def places_step(context: EnrichmentContext) -> list[Change]:
    try:
        from sse_atlas.enrich.geocode import Geocoder, geocode_place
    except ImportError as error:  # the gazetteer package is an optional dependency
        raise StepUnavailableError(f"the places step needs the gazetteer: {error}") from error
    if context.geocoder is None:
        context.geocoder = Geocoder()
    changes = []
    for catalogue in context.catalogues:
        for initiative in catalogue.initiatives:
            place = initiative.place
            located, result = geocode_place(place, context.geocoder)
            for name in ("latitude", "longitude", "precision"):
                old, new = getattr(place, name), getattr(located, name)
                if old != new:
                    changes.append(Change(initiative.id, f"place.{name}", old, new, result.reason))
                    setattr(place, name, new)
    return changes


_CLASSIFIED_FIELDS = ("themes", "sdgs", "sectors", "groups", "organisation_type")


@register_step(
    "classification",
    "ESSGLOBAL themes, sectors and organisational structure, SDGs and groups served, with evidence",
)
def classification_step(context: EnrichmentContext) -> list[Change]:
    from sse_atlas.enrich.classify import Classification, classify_catalogue

    def as_model(result: Classification) -> list[Label]:
        groups = (result.themes, result.sectors, result.structure, result.sdgs, result.groups)
        return [
            Label(lb.scheme, lb.code, lb.label, lb.confidence, lb.evidence)
            for labels in groups
            for lb in labels
        ]

    changes: list[Change] = []
    for catalogue in context.catalogues:
        everything: list[Initiative | Workshop] = [*catalogue.initiatives, *catalogue.workshops]
        records = {record.id: record for record in everything}
        before = {
            record_id: [getattr(record, name, None) for name in _CLASSIFIED_FIELDS]
            for record_id, record in records.items()
        }
        results = classify_catalogue(catalogue)
        for record_id, result in results.items():
            record = records[record_id]
            record.themes = result.codes("themes")
            record.sdgs = sorted(int(code) for code in result.codes("sdgs"))
            record.sectors = result.codes("sectors")
            record.groups = result.codes("groups")
            record.labels = as_model(result)
            evidence = {lb.scheme: lb.evidence for lb in record.labels}
            for name, old in zip(_CLASSIFIED_FIELDS, before[record_id], strict=True):
                new = getattr(record, name, None)
                if new != old:
                    reason = evidence.get(name) or evidence.get("structure") or "no label applies"
                    changes.append(Change(record_id, name, _text(old), _text(new), reason))
    return changes


def _text(value: object) -> Value:
    if value is None or isinstance(value, str | float):
        return value
    return ", ".join(str(item) for item in value) if isinstance(value, list) else str(value)
