"""Curation: who may do what, which values are acceptable, and changes that follow a place.

The rules live here once; the web pages, the write API and the command line ask
:func:`may` rather than testing roles themselves.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Final
from urllib.parse import urlsplit

import pycountry

from sse_atlas.curation_log import read_log
from sse_atlas.enrich.entities import (
    Candidate,
    EntityRule,
    natural_key,
    resolve_entities_with_report,
)
from sse_atlas.enrich.geocode import geocode_place
from sse_atlas.enrich.pipeline import run_enrichment
from sse_atlas.ingest.lines import DocumentError
from sse_atlas.model import Initiative, Organisation, Person, Workshop
from sse_atlas.model.codec import to_value
from sse_atlas.store import Edit, StoreError
from sse_atlas.store.curation_types import (
    ApiToken,
    Change,
    Curated,
    CurationStore,
    FieldChange,
    NotFoundError,
    Role,
    Scope,
    StoredRule,
    Suggestion,
    User,
)
from sse_atlas.store.edits import apply_edit, encode_value

if TYPE_CHECKING:
    from sse_atlas.kb import KnowledgeBase

# What each action needs; a role allows what the roles before it allow.
PERMISSIONS: Final[dict[str, Role]] = {
    "suggest": Role.CONTRIBUTOR,
    "edit": Role.EDITOR,
    "revert": Role.EDITOR,
    "moderate": Role.EDITOR,
    "merge": Role.EDITOR,
    "manage-accounts": Role.ADMIN,
}

# The fields a person may correct (dotted paths below them too); ids, sources, flags and the
# classifier's evidence stay the ingest's and the enrichment's.
EDITABLE: Final[dict[type, frozenset[str]]] = {
    Initiative: frozenset(
        {
            "title",
            "organisation",
            "co_organisations",
            "place",
            "description",
            "presenters",
            "links",
            "language",
            "themes",
            "sdgs",
            "organisation_type",
        }
    ),
    Workshop: frozenset(
        {
            "title",
            "toc_title",
            "coordinator",
            "coordinators",
            "moderator",
            "description",
            "panel",
            "speakers",
            "links",
            "language",
            "themes",
            "sdgs",
        }
    ),
    # an entity's edits are kept by its id: a later merge or split gives it another id
    Organisation: frozenset({"name", "type", "country_code", "city", "urls"}),
    Person: frozenset({"name", "roles"}),
}
MAX_FIELDS: Final = 20  # fields in one change
_EPOCH: Final = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)  # edits applied only in memory
_LANGUAGE: Final = re.compile(r"^[a-z]{2,3}$")


class InvalidValueError(StoreError):
    """A value that fits the field's type but not its meaning (an unknown country, a bad URL)."""


def may(user: User | None, action: str, token: ApiToken | None = None) -> bool:
    """Whether ``user`` (through ``token``, when the request came with one) may do ``action``."""
    needed = PERMISSIONS[action]
    if user is None or user.disabled:
        return False
    if token is not None and (token.revoked or token.scope is not Scope.WRITE):
        return False
    return user.role.allows(needed)


def _check_url(field: str, link: object) -> None:
    if not isinstance(link, dict):
        return
    url = link.get("url")
    if url is None:
        return
    parts = urlsplit(str(url))
    if parts.scheme not in ("http", "https") or not parts.hostname or " " in str(url):
        raise InvalidValueError(f"{field}: {url!r} is not an http(s) URL")


def _check_meaning(field: str, value: object) -> None:
    """Values beyond their type: countries, URLs, SDG numbers, language codes."""
    encoded = to_value(value)
    leaf = field.rsplit(".", 1)[-1]
    if leaf == "country_code" and encoded is not None:
        code = str(encoded)
        if len(code) != 2 or pycountry.countries.get(alpha_2=code.upper()) is None:
            raise InvalidValueError(f"{field}: {code!r} is not an ISO 3166-1 country code")
    if isinstance(encoded, dict):
        for key, item in encoded.items():
            _check_meaning(f"{field}.{key}", item)
    if leaf in ("links",) and isinstance(encoded, list):
        for link in encoded:
            _check_url(field, link)
    if leaf in ("presenters", "panel", "speakers") and isinstance(encoded, list):
        for person in encoded:
            if isinstance(person, dict):
                for link in person.get("links") or []:
                    _check_url(field, link)
                _check_meaning(f"{field}.country_code", person.get("country_code"))
    numbers = encoded if leaf == "sdgs" and isinstance(encoded, list) else []
    if any(not isinstance(n, int) or isinstance(n, bool) or not 1 <= n <= 17 for n in numbers):
        raise InvalidValueError(f"{field}: SDGs are numbers from 1 to 17")
    if leaf == "language" and encoded is not None and not _LANGUAGE.match(str(encoded)):
        raise InvalidValueError(f"{field}: {encoded!r} is not a language code (fr, en, es…)")


@dataclass
class Curation:
    """The knowledge base's curation: the store's data plus the rules above."""

    kb: KnowledgeBase

    @property
    def store(self) -> CurationStore:
        return self.kb.repository.curation

    def record(self, record_id: str) -> Curated | None:
        """An initiative, workshop, organisation or person, as shown now."""
        kb = self.kb
        if record_id.startswith("organisation/"):
            return kb.organisation(record_id)
        if record_id.startswith("person/"):
            return kb.person(record_id)
        return kb.initiative(record_id) or kb.workshop(record_id)

    def check(self, record: Curated, fields: list[FieldChange]) -> None:
        """StoreError (InvalidValueError for meaning) unless every field may take its value."""
        if not fields:
            raise StoreError("no field to change")
        if len(fields) > MAX_FIELDS:
            raise StoreError(f"at most {MAX_FIELDS} fields in one change")
        allowed = EDITABLE[type(record)]
        for item in fields:
            if item.field.split(".")[0] not in allowed:
                raise StoreError(
                    f"field {item.field!r} cannot be edited; editable: {', '.join(sorted(allowed))}"
                )
            encode_value(type(record), item.field, item.value)
            _check_meaning(item.field, item.value)

    def _with_coordinates(self, record: Curated, fields: list[FieldChange]) -> list[FieldChange]:
        """A changed place is geocoded again: its coordinates join the change."""
        touched = [f for f in fields if f.field == "place" or f.field.startswith("place.")]
        if not isinstance(record, Initiative) or not touched:
            return fields
        from sse_atlas.kb import shared_geocoder  # the gazetteer is loaded once per process

        changed = copy.deepcopy(record)
        for item in fields:
            apply_edit(changed, Edit(record.id, item.field, to_value(item.value), _EPOCH))
        located, _ = geocode_place(changed.place, shared_geocoder())
        set_here = {f.field for f in fields}
        extra = [
            FieldChange(f"place.{name}", getattr(located, name))
            for name in ("latitude", "longitude", "precision")
            if f"place.{name}" not in set_here
            and getattr(located, name) != getattr(changed.place, name)
        ]
        return [*fields, *extra]

    def change(
        self,
        record_id: str,
        fields: list[FieldChange],
        *,
        author: str,
        reason: str,
        expected_version: int | None = None,
    ) -> list[Change]:
        if any(item.field.startswith("place") for item in fields):
            from sse_atlas.kb import shared_geocoder

            shared_geocoder()  # loaded before taking the write lock: it is the slow part
        # read, check and write in one transaction: a concurrent change waits, then conflicts
        with self.kb.repository.write_transaction():
            record = self.record(record_id)
            if record is None:
                raise NotFoundError(f"no record {record_id!r}")
            self.check(record, fields)
            return self.store.change(
                record_id,
                self._with_coordinates(record, fields),
                author=author,
                reason=reason,
                expected_version=expected_version,
            )

    def suggest(
        self, record_id: str, field: str, value: object, message: str, suggester: str | None
    ) -> Suggestion:
        record = self.record(record_id)
        if record is None:
            raise NotFoundError(f"no record {record_id!r}")
        self.check(record, [FieldChange(field, value)])
        return self.store.suggest(record_id, field, value, message, suggester)

    # -- entities ----------------------------------------------------------------------------

    def _entity(self, entity_id: str) -> Organisation | Person:
        kind = entity_id.split("/", 1)[0]
        found = self.kb.person(entity_id) if kind == "person" else self.kb.organisation(entity_id)
        if found is None:
            raise NotFoundError(f"no organisation or person with id {entity_id!r}")
        return found

    def merge(self, first_id: str, second_id: str, *, author: str, reason: str) -> StoredRule:
        """Two people (or organisations) are one: kept as a ``same-as`` rule, applied at once
        and on every later enrichment."""
        first, second = self._entity(first_id), self._entity(second_id)
        if type(first) is not type(second):
            raise StoreError("only two people or two organisations can be merged")
        return self._decide("same-as", first, second.id, second.name, author, reason)

    def split(self, entity_id: str, name: str, *, author: str, reason: str) -> StoredRule:
        """The spelling ``name`` of an entity is someone (something) else: a ``not-same-as``
        rule between the entity and that spelling."""
        entity = self._entity(entity_id)
        if name not in entity.aliases:
            raise StoreError(f"{name!r} is not one of the names merged into {entity_id}")
        key = natural_key(name)
        if key == entity.id.split("/", 1)[1]:
            raise StoreError(f"{name!r} is the same name as {entity.name!r} once folded")
        return self._decide("not-same-as", entity, f"{_kind(entity)}/{key}", name, author, reason)

    def _decide(
        self,
        kind: str,
        entity: Organisation | Person,
        other_id: str,
        other_name: str,
        author: str,
        reason: str,
    ) -> StoredRule:
        rule = EntityRule(
            _kind(entity), kind, entity.id.split("/", 1)[1], other_id.split("/", 1)[1]
        )
        with self.kb.repository.write_transaction():
            stored = self.store.add_rule(
                rule, (entity.name, other_name), author=author, reason=reason
            )
            self.resolve_again()
        return stored

    def resolve_again(self) -> None:
        """Entity resolution run again over the stored records, with every live rule."""
        with self.kb.repository.write_transaction() as store:
            catalogues = store.catalogues(with_edits=False)
            rules = [rule.as_rule() for rule in store.curation.rules()]
            result = run_enrichment(catalogues, ("entities",), rules=rules)
            store.ingest([], result.organisations, result.people, refreshed=catalogues)

    def replay(self, path: Path) -> int:
        """Replay an exported change log (``changes.jsonl``); the number of entries written."""
        log = read_log(path)
        try:
            with self.kb.repository.write_transaction():
                self.store.replay(log.changes, log.rules)
                if log.rules:
                    self.resolve_again()
        except StoreError as error:
            raise DocumentError(path, str(error)) from error
        return len(log.changes) + len(log.rules)

    def candidates(self) -> list[Candidate]:
        """Close names the enrichment kept apart, for editors to merge or confirm apart."""
        catalogues = self.kb.repository.catalogues(with_edits=False)
        rules = [rule.as_rule() for rule in self.store.rules()]
        _, _, report = resolve_entities_with_report(catalogues, rules)
        decided = {frozenset((r.first, r.second)) for r in rules}
        return [
            c
            for c in report.candidates
            if frozenset((c.first.split("/", 1)[1], c.second.split("/", 1)[1])) not in decided
        ]


def _kind(entity: Organisation | Person) -> str:
    return "person" if isinstance(entity, Person) else "organisation"
