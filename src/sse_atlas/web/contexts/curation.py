"""Page contexts of curation: sign-in, editing, history, suggestions and the editors' desk."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final
from urllib.parse import quote

from sse_atlas.model import Initiative, Organisation, Person, Workshop
from sse_atlas.store.curation import value_at
from sse_atlas.store.curation_types import Change, Curated, StoredRule, Suggestion, User
from sse_atlas.web import urls
from sse_atlas.web.contexts.overview import N_

# The fields the web form edits, in order: (path, label, kind).
# kind: "text" (one line), "long" (a paragraph), "list" (one item a line), "numbers" (1, 2),
# "people" (one person a line: ``Name | role``).
FORM_FIELDS: Final[dict[type, list[tuple[str, str, str]]]] = {
    Initiative: [
        ("title", N_("Title"), "text"),
        ("organisation", N_("Organisation"), "text"),
        ("place.city", N_("City"), "text"),
        ("place.country_code", N_("Country code"), "text"),
        ("description", N_("Description"), "long"),
        ("presenters", N_("Presenters and their roles"), "people"),
        ("links", N_("Links"), "list"),
        ("themes", N_("Themes"), "list"),
        ("sdgs", N_("SDGs"), "numbers"),
    ],
    Organisation: [
        ("name", N_("Name"), "text"),
        ("type", N_("Type"), "text"),
        ("city", N_("City"), "text"),
        ("country_code", N_("Country code"), "text"),
        ("urls", N_("Links"), "list"),
    ],
    Person: [
        ("name", N_("Name"), "text"),
        ("roles", N_("Roles"), "list"),
    ],
    Workshop: [
        ("title", N_("Title"), "text"),
        ("coordinator", N_("Coordinator"), "text"),
        ("description", N_("Description"), "long"),
        ("panel", N_("Presenters and their roles"), "people"),
        ("links", N_("Links"), "list"),
        ("themes", N_("Themes"), "list"),
        ("sdgs", N_("SDGs"), "numbers"),
    ],
}
# What anyone may suggest a new value for (plain text fields).
SUGGESTABLE: Final[dict[type, tuple[str, ...]]] = {
    Initiative: ("title", "organisation", "place.city", "description"),
    Workshop: ("title", "description"),
    Organisation: ("name", "city"),
    Person: ("name",),
}


def record_url(record: Curated) -> str:
    pages: dict[type, Callable[[str], str]] = {
        Initiative: urls.initiative,
        Workshop: urls.workshop,
        Organisation: urls.organisation,
        Person: urls.person,
    }
    return pages[type(record)](record.id)


def record_title(record: Curated) -> str:
    return record.name if isinstance(record, Organisation | Person) else record.title


def shown(value: object) -> str:
    """A field's JSON value as a person reads and types it."""
    if value is None:
        return ""
    if isinstance(value, list):
        return "\n".join(_item(item) for item in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _item(item: object) -> str:
    if isinstance(item, dict) and "as_written" in item:  # a link: as written is what people type
        return str(item.get("url") or item["as_written"])
    if isinstance(item, dict) and "name" in item and "position" in item:  # an involvement
        return f"{item['name']} | {item['role']}" if item.get("role") else str(item["name"])
    return str(item) if not isinstance(item, dict) else json.dumps(item, ensure_ascii=False)


@dataclass(frozen=True)
class FormField:
    name: str
    label: str
    kind: str
    printed: str  # as the catalogue printed it (ingested)
    current: str  # as shown now, with corrections


@dataclass(frozen=True)
class RecordRef:
    id: str
    title: str
    url: str
    history_url: str
    edit_url: str
    suggest_url: str


def record_ref(record: Curated) -> RecordRef:
    url = record_url(record)
    return RecordRef(
        id=record.id,
        title=record_title(record),
        url=url,
        history_url=f"{url}/history",
        edit_url=f"{url}/edit",
        suggest_url=f"{url}/suggest",
    )


@dataclass(frozen=True)
class Viewer:
    """The signed-in account (None: anonymous) and what it may do."""

    name: str | None
    role: str | None
    may_edit: bool
    may_manage: bool


@dataclass(frozen=True)
class LoginPage:
    title: str
    csrf: str
    next: str
    error: str | None
    viewer: Viewer


@dataclass(frozen=True)
class EditPage:
    title: str
    record: RecordRef
    version: int
    fields: list[FormField]
    csrf: str
    error: str | None
    viewer: Viewer


def edit_page(
    title: str,
    raw: Curated,
    current: Curated,
    version: int,
    csrf: str,
    viewer: Viewer,
    error: str | None = None,
    typed: dict[str, str] | None = None,
) -> EditPage:
    """The form, with what was typed kept when it is shown again after an error."""
    fields = [
        FormField(
            name=path,
            label=label,
            kind=kind,
            printed=shown(value_at(raw, path)),
            current=(typed or {}).get(path, shown(value_at(current, path))),
        )
        for path, label, kind in FORM_FIELDS[type(current)]
    ]
    return EditPage(title, record_ref(current), version, fields, csrf, error, viewer)


@dataclass(frozen=True)
class ChangeView:
    seq: int
    field: str
    before: str
    after: str
    author: str
    origin: str
    reason: str
    changed_at: dt.datetime
    reverts: int | None
    credit: str | None
    reprinted: bool  # the catalogue now prints another value under this change: review it


def change_view(change: Change, printed_now: object) -> ChangeView:
    return ChangeView(
        seq=change.seq,
        field=change.field,
        before=shown(change.before),
        after=shown(change.after),
        author=change.author,
        origin=change.origin,
        reason=change.reason,
        changed_at=change.changed_at,
        reverts=change.reverts,
        credit=change.credit,
        reprinted=change.printed != printed_now,
    )


@dataclass(frozen=True)
class HistoryPage:
    title: str
    record: RecordRef
    version: int
    changes: list[ChangeView]  # newest first
    csrf: str
    viewer: Viewer


@dataclass(frozen=True)
class SuggestPage:
    title: str
    record: RecordRef
    fields: list[str]
    csrf: str
    error: str | None
    sent: bool
    max_message: int
    viewer: Viewer


@dataclass(frozen=True)
class SuggestionView:
    id: int
    record: str
    record_url: str
    field: str
    value: str
    current: str
    message: str
    suggester: str | None
    created_at: dt.datetime


def suggestion_view(suggestion: Suggestion, record: Curated | None) -> SuggestionView:
    return SuggestionView(
        id=suggestion.id,
        record=suggestion.record_id,
        record_url=record_url(record) if record else "#",
        field=suggestion.field,
        value=shown(suggestion.value),
        current=shown(value_at(record, suggestion.field)) if record else "",
        message=suggestion.message,
        suggester=suggestion.suggester,
        created_at=suggestion.created_at,
    )


@dataclass(frozen=True)
class AccountView:
    name: str
    role: str
    disabled: bool


def account_view(user: User) -> AccountView:
    return AccountView(user.name, user.role.value, user.disabled)


@dataclass(frozen=True)
class DeskPage:
    """The editors' desk: suggestions to moderate, records to review, recent changes, accounts."""

    title: str
    suggestions: list[SuggestionView]
    review: list[RecordRef]
    recent: list[ChangeView]
    candidates: list[CandidateView]
    decisions: list[RuleView]
    accounts: list[AccountView]
    roles: list[str]
    csrf: str
    message: str | None
    viewer: Viewer


@dataclass(frozen=True)
class EntityRef:
    id: str
    name: str
    url: str
    curate_url: str


def entity_ref(entity_id: str, name: str) -> EntityRef:
    is_person = entity_id.startswith("person/")
    url = urls.person(entity_id) if is_person else urls.organisation(entity_id)
    return EntityRef(entity_id, name, url, f"/curation/entities?id={quote(entity_id)}")


@dataclass(frozen=True)
class RuleView:
    seq: int
    kind: str  # same-as | not-same-as
    first: str
    second: str
    author: str
    reason: str
    created_at: dt.datetime
    withdrawn: bool


def rule_view(rule: StoredRule) -> RuleView:
    return RuleView(
        rule.seq,
        rule.kind,
        rule.first_name,
        rule.second_name,
        rule.author,
        rule.reason,
        rule.created_at,
        rule.withdrawn,
    )


@dataclass(frozen=True)
class CandidateView:
    first: EntityRef
    second: EntityRef
    score: float


@dataclass(frozen=True)
class EntityPage:
    """Merge an entity with another, or split a spelling off it; its past decisions."""

    title: str
    entity: EntityRef
    aliases: list[str]
    rules: list[RuleView]  # newest first
    candidates: list[CandidateView]
    csrf: str
    error: str | None
    viewer: Viewer
