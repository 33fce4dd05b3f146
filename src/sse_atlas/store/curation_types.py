"""What curation stores: accounts, API tokens, the change log, suggestions and entity rules."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Final, Protocol

from sse_atlas.enrich.entities import EntityRule
from sse_atlas.model import Initiative, Organisation, Person, Workshop
from sse_atlas.store.base import StoreError

# Limits, checked before anything is written (and stated in docs/curation.md).
MAX_NAME: Final = 64
MIN_PASSWORD: Final = 10
MAX_PASSWORD: Final = 1024
MAX_REASON: Final = 500
MAX_MESSAGE: Final = 2000
MAX_VALUE: Final = 20_000  # characters of a value's JSON form


# What people may correct: records, and the entities the enrichment made from them.
Curated = Initiative | Workshop | Organisation | Person


class Role(StrEnum):
    """What an account may do; each role may do everything the ones before it may."""

    CONTRIBUTOR = "contributor"  # suggest corrections (anyone may, without an account, too)
    EDITOR = "editor"  # edit, revert, merge and split, moderate suggestions
    ADMIN = "admin"  # manage accounts

    @property
    def rank(self) -> int:
        return list(Role).index(self)

    def allows(self, needed: Role) -> bool:
        return self.rank >= needed.rank


class Scope(StrEnum):
    READ = "read"
    WRITE = "write"


class ConflictError(StoreError):
    """A change was made on a stale version of the record: nothing was written."""


class NotFoundError(StoreError):
    """The record, account, token, change or suggestion does not exist."""


@dataclass(frozen=True)
class User:
    name: str
    role: Role
    disabled: bool
    created_at: dt.datetime


@dataclass(frozen=True)
class ApiToken:
    id: str
    user: str
    scope: Scope
    created_at: dt.datetime
    revoked: bool


@dataclass(frozen=True)
class Change:
    """One entry of the append-only change log (values in their JSON form).

    ``origin``: ``edit`` (a person's correction), ``revert`` (undoes change ``reverts``),
    ``suggestion`` (an accepted public suggestion, its author in ``credit``) or ``replay``.
    ``printed`` is the ingested value when the change was made.
    """

    seq: int
    record_id: str
    field: str
    before: object
    after: object
    printed: object
    author: str
    origin: str
    reason: str
    changed_at: dt.datetime
    reverts: int | None = None
    credit: str | None = None


@dataclass(frozen=True)
class FieldChange:
    """One field to set, as asked for (before checking)."""

    field: str
    value: object


class SuggestionStatus(StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    REJECTED = "rejected"


@dataclass(frozen=True)
class Suggestion:
    id: int
    record_id: str
    field: str
    value: object
    message: str
    suggester: str | None
    status: SuggestionStatus
    created_at: dt.datetime
    decided_by: str | None = None
    decision_reason: str | None = None


@dataclass(frozen=True)
class StoredRule:
    """An editor's merge (``same-as``) or split (``not-same-as``) of two entities, kept until
    a later opposite decision on the same pair withdraws it."""

    seq: int
    entity: str  # organisation | person
    kind: str  # same-as | not-same-as
    first: str  # natural keys
    second: str
    first_name: str
    second_name: str
    author: str
    reason: str
    created_at: dt.datetime
    withdrawn: bool

    def as_rule(self) -> EntityRule:
        return EntityRule(self.entity, self.kind, self.first, self.second)


class CurationStore(Protocol):
    """Curation data behind the repository; every write is one transaction."""

    def secret(self, key: str, make: str) -> str:
        """The stored secret ``key``, storing ``make`` first if there is none."""
        ...

    def add_user(self, name: str, password: str, role: Role) -> User: ...

    def users(self) -> list[User]: ...

    def user(self, name: str) -> User | None: ...

    def set_role(self, name: str, role: Role) -> User: ...

    def set_disabled(self, name: str, disabled: bool) -> User: ...

    def set_password(self, name: str, password: str) -> None: ...

    def authenticate(self, name: str, password: str) -> User | None:
        """The enabled account with these credentials, else None (in constant time)."""
        ...

    def create_token(self, user: str, scope: Scope) -> tuple[ApiToken, str]:
        """A new token and its secret text, shown once."""
        ...

    def tokens(self, user: str | None = None) -> list[ApiToken]: ...

    def revoke_token(self, token_id: str) -> ApiToken: ...

    def token_user(self, text: str) -> tuple[User, ApiToken] | None:
        """The enabled account and live token for a token's text, else None."""
        ...

    def ingested(self, record_id: str) -> Curated | None:
        """The record (or entity) as ingested and enriched, before any correction."""
        ...

    def version(self, record_id: str) -> int:
        """The record's version: grows with every change to it."""
        ...

    def change(
        self,
        record_id: str,
        fields: list[FieldChange],
        *,
        author: str,
        reason: str,
        expected_version: int | None = None,
        origin: str = "edit",
        credit: str | None = None,
    ) -> list[Change]:
        """Set fields of an initiative or workshop; ConflictError on a stale version."""
        ...

    def revert(self, seq: int, *, author: str, reason: str) -> Change: ...

    def changes(self, record_id: str | None = None) -> list[Change]: ...

    def suggest(
        self, record_id: str, field: str, value: object, message: str, suggester: str | None
    ) -> Suggestion: ...

    def suggestions(self, status: SuggestionStatus | None = None) -> list[Suggestion]: ...

    def accept(self, suggestion_id: int, *, editor: str, reason: str) -> list[Change]: ...

    def reject(self, suggestion_id: int, *, editor: str, reason: str) -> Suggestion: ...

    def add_rule(
        self, rule: EntityRule, names: tuple[str, str], *, author: str, reason: str
    ) -> StoredRule:
        """Keep a decision; the opposite decision on the same pair is withdrawn."""
        ...

    def rules(self, *, live: bool = True) -> list[StoredRule]: ...

    def replay(self, changes: Sequence[Change], rules: Sequence[StoredRule]) -> None:
        """Write an exported log as it was, in one transaction, onto a store with none."""
        ...
