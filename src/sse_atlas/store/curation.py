"""Curation in the SQL store: each public method is one transaction of the repository.

Secrets are never stored as given: passwords as argon2 hashes, API tokens as SHA-256 digests of
their random part (they are long and random, so a fast digest is enough); both are compared in
constant time.
"""

from __future__ import annotations

import copy
import hashlib
import hmac
import json
import secrets
from functools import cache
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from sse_atlas.model.codec import to_value
from sse_atlas.store.base import StoreError
from sse_atlas.store.curation_rules import (
    CHANGE_COLUMNS,
    RuleStore,
    check_text,
    from_time,
    to_json,
)
from sse_atlas.store.curation_types import (
    MAX_MESSAGE,
    MAX_NAME,
    MAX_PASSWORD,
    MAX_REASON,
    MAX_VALUE,
    MIN_PASSWORD,
    ApiToken,
    Change,
    ConflictError,
    Curated,
    FieldChange,
    NotFoundError,
    Role,
    Scope,
    Suggestion,
    SuggestionStatus,
    User,
)
from sse_atlas.store.dialect import Cursor
from sse_atlas.store.edits import apply_edits, encode_value

TOKEN_PREFIX = "sse_"
_USER_COLUMNS = "name, role, disabled, created_at"
_TOKEN_COLUMNS = "id, user_name, scope, created_at, revoked"
_SUGGESTION_COLUMNS = (
    "id, record_id, field, value, message, suggester, status, created_at, decided_by,"
    " decision_reason"
)


@cache
def _hasher() -> PasswordHasher:
    return PasswordHasher()


@cache
def _dummy_hash() -> str:
    """A hash to verify against when the account does not exist, so timing tells nothing."""
    return _hasher().hash(secrets.token_hex(16))


def value_at(record: object, path: str) -> object:
    """The JSON form of the field at ``path`` (``place.city``), None when a parent is empty."""
    current: Any = record
    for part in path.split("."):
        if current is None:
            return None
        current = getattr(current, part, None)
    return to_value(current)


def check_name(name: str) -> str:
    if not name or len(name) > MAX_NAME or not all(c.isalnum() or c in "._-@" for c in name):
        raise StoreError(
            f"account name {name[:MAX_NAME]!r}: 1 to {MAX_NAME} letters, digits or . _ - @"
        )
    return name


def check_password(password: str) -> str:
    if not MIN_PASSWORD <= len(password) <= MAX_PASSWORD:
        raise StoreError(f"a password has {MIN_PASSWORD} to {MAX_PASSWORD} characters")
    return password


class SQLCuration(RuleStore):
    """:class:`~sse_atlas.store.curation_types.CurationStore` over a :class:`SQLRepository`."""

    # -- secrets -----------------------------------------------------------------------------

    def secret(self, key: str, make: str) -> str:
        with self._repo._transaction(write=True) as cursor:
            found = self._all(cursor, "SELECT value FROM store_secrets WHERE key = ?", [key])
            if found:
                return str(found[0][0])
            self._run(cursor, "INSERT INTO store_secrets (key, value) VALUES (?, ?)", [key, make])
            return make

    # -- accounts ----------------------------------------------------------------------------

    @staticmethod
    def _user(row: Any) -> User:
        name, role, disabled, created_at = row
        return User(str(name), Role(role), bool(disabled), from_time(created_at))

    def _find_user(self, cursor: Cursor, name: str) -> User | None:
        found = self._all(cursor, f"SELECT {_USER_COLUMNS} FROM users WHERE name = ?", [name])
        return self._user(found[0]) if found else None

    def _require_user(self, cursor: Cursor, name: str) -> User:
        found = self._find_user(cursor, name)
        if found is None:
            raise NotFoundError(f"no account named {name!r}")
        return found

    def add_user(self, name: str, password: str, role: Role) -> User:
        check_name(name)
        hashed = _hasher().hash(check_password(password))
        with self._repo._transaction(write=True) as cursor:
            if self._find_user(cursor, name) is not None:
                raise StoreError(f"an account named {name!r} already exists")
            self._run(
                cursor,
                "INSERT INTO users (name, password_hash, role, disabled, created_at)"
                " VALUES (?, ?, ?, 0, ?)",
                [name, hashed, role.value, self._now()],
            )
            return self._require_user(cursor, name)

    def users(self) -> list[User]:
        with self._repo._transaction(write=False) as cursor:
            found = self._all(cursor, f"SELECT {_USER_COLUMNS} FROM users ORDER BY name")
            return [self._user(row) for row in found]

    def user(self, name: str) -> User | None:
        with self._repo._transaction(write=False) as cursor:
            return self._find_user(cursor, name)

    def _update_user(self, name: str, column: str, value: object) -> User:
        with self._repo._transaction(write=True) as cursor:
            self._require_user(cursor, name)
            self._run(cursor, f"UPDATE users SET {column} = ? WHERE name = ?", [value, name])
            return self._require_user(cursor, name)

    def set_role(self, name: str, role: Role) -> User:
        return self._update_user(name, "role", role.value)

    def set_disabled(self, name: str, disabled: bool) -> User:
        return self._update_user(name, "disabled", int(disabled))

    def set_password(self, name: str, password: str) -> None:
        self._update_user(name, "password_hash", _hasher().hash(check_password(password)))

    def authenticate(self, name: str, password: str) -> User | None:
        with self._repo._transaction(write=False) as cursor:
            found = self._all(
                cursor, "SELECT password_hash FROM users WHERE name = ?", [name[:MAX_NAME]]
            )
            user = self._find_user(cursor, name[:MAX_NAME]) if found else None
        hashed = str(found[0][0]) if found else _dummy_hash()
        verified: bool
        try:
            verified = _hasher().verify(hashed, password[:MAX_PASSWORD])
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            verified = False
        if not verified or user is None or user.disabled:
            return None
        return user

    # -- API tokens --------------------------------------------------------------------------

    @staticmethod
    def _token(row: Any) -> ApiToken:
        token_id, user, scope, created_at, revoked = row
        return ApiToken(
            str(token_id), str(user), Scope(scope), from_time(created_at), bool(revoked)
        )

    @staticmethod
    def _digest(secret: str) -> str:
        return hashlib.sha256(secret.encode()).hexdigest()

    def create_token(self, user: str, scope: Scope) -> tuple[ApiToken, str]:
        token_id, secret = secrets.token_hex(6), secrets.token_urlsafe(32)
        with self._repo._transaction(write=True) as cursor:
            self._require_user(cursor, user)
            self._run(
                cursor,
                "INSERT INTO api_tokens (id, user_name, secret_hash, scope, created_at, revoked)"
                " VALUES (?, ?, ?, ?, ?, 0)",
                [token_id, user, self._digest(secret), scope.value, self._now()],
            )
            found = self._all(
                cursor, f"SELECT {_TOKEN_COLUMNS} FROM api_tokens WHERE id = ?", [token_id]
            )
        return self._token(found[0]), f"{TOKEN_PREFIX}{token_id}_{secret}"

    def tokens(self, user: str | None = None) -> list[ApiToken]:
        query, params = f"SELECT {_TOKEN_COLUMNS} FROM api_tokens", []
        if user is not None:
            query, params = query + " WHERE user_name = ?", [user]
        with self._repo._transaction(write=False) as cursor:
            found = self._all(cursor, query + " ORDER BY created_at, id", params)
            return [self._token(row) for row in found]

    def revoke_token(self, token_id: str) -> ApiToken:
        with self._repo._transaction(write=True) as cursor:
            self._run(cursor, "UPDATE api_tokens SET revoked = 1 WHERE id = ?", [token_id])
            found = self._all(
                cursor, f"SELECT {_TOKEN_COLUMNS} FROM api_tokens WHERE id = ?", [token_id]
            )
            if not found:
                raise NotFoundError(f"no API token {token_id!r}")
            return self._token(found[0])

    def token_user(self, text: str) -> tuple[User, ApiToken] | None:
        token_id, _, secret = text.removeprefix(TOKEN_PREFIX).partition("_")
        if not text.startswith(TOKEN_PREFIX) or not secret or len(text) > 200:
            return None
        with self._repo._transaction(write=False) as cursor:
            found = self._all(
                cursor,
                f"SELECT {_TOKEN_COLUMNS}, secret_hash FROM api_tokens WHERE id = ?",
                [token_id],
            )
            if not found:
                return None
            token = self._token(found[0][:5])
            user = self._find_user(cursor, token.user)
        if not hmac.compare_digest(str(found[0][5]), self._digest(secret)):
            return None
        if token.revoked or user is None or user.disabled:
            return None
        return user, token

    # -- changes -----------------------------------------------------------------------------

    @staticmethod
    def _change(row: Any) -> Change:
        seq, record, field, before, after, printed, author, origin, reason, at, reverts, credit = (
            row
        )
        return Change(
            seq=int(seq),
            record_id=str(record),
            field=str(field),
            before=json.loads(before),
            after=json.loads(after),
            printed=json.loads(printed),
            author=str(author),
            origin=str(origin),
            reason=str(reason),
            changed_at=from_time(at),
            reverts=None if reverts is None else int(reverts),
            credit=credit,
        )

    def _version(self, cursor: Cursor, record_id: str) -> int:
        # every correction is a row of `edits` (the CLI's too), so their count is the version
        found = self._all(cursor, "SELECT COUNT(*) FROM edits WHERE record_id = ?", [record_id])
        return int(found[0][0])

    def ingested(self, record_id: str) -> Curated | None:
        with self._repo._transaction(write=False) as cursor:
            return self._find(cursor, record_id)

    def version(self, record_id: str) -> int:
        with self._repo._transaction(write=False) as cursor:
            return self._version(cursor, record_id)

    def _apply(
        self,
        cursor: Cursor,
        record_id: str,
        fields: list[FieldChange],
        *,
        author: str,
        reason: str,
        origin: str,
        expected_version: int | None = None,
        reverts: int | None = None,
        credit: str | None = None,
    ) -> list[Change]:
        """The changes written inside the caller's transaction (the generation is bumped)."""
        reason = check_text("reason", reason, MAX_REASON)
        if not fields:
            raise StoreError("no field to change")
        raw = self._require(cursor, record_id)
        version = self._version(cursor, record_id)
        if expected_version is not None and expected_version != version:
            raise ConflictError(
                f"{record_id} changed since version {expected_version} (now {version}): "
                "reload it and make the change again"
            )
        made: list[Change] = []
        for item in fields:
            if len(to_json(to_value(item.value))) > MAX_VALUE:
                raise StoreError(f"the value of {item.field!r} exceeds {MAX_VALUE} characters")
            edits = self._repo._edit_map(cursor, record_id).get(record_id, [])
            current = apply_edits(copy.deepcopy(raw), edits)
            before = value_at(current, item.field)
            edit = self._edit(cursor, record_id, item.field, item.value, reason)
            seq = self._next(cursor, "changes", "seq")
            change = Change(
                seq=seq,
                record_id=record_id,
                field=item.field,
                before=before,
                after=edit.value,
                printed=value_at(raw, item.field),
                author=author,
                origin=origin,
                reason=reason,
                changed_at=edit.edited_at,
                reverts=reverts,
                credit=credit,
            )
            self._insert_change(cursor, change)
            made.append(change)
        self._repo._bump(cursor)
        return made

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
        with self._repo._transaction(write=True) as cursor:
            return self._apply(
                cursor,
                record_id,
                fields,
                author=author,
                reason=reason,
                origin=origin,
                expected_version=expected_version,
                credit=credit,
            )

    def _find_change(self, cursor: Cursor, seq: int) -> Change:
        found = self._all(cursor, f"SELECT {CHANGE_COLUMNS} FROM changes WHERE seq = ?", [seq])
        if not found:
            raise NotFoundError(f"no change number {seq}")
        return self._change(found[0])

    def revert(self, seq: int, *, author: str, reason: str) -> Change:
        with self._repo._transaction(write=True) as cursor:
            target = self._find_change(cursor, seq)
            (made,) = self._apply(
                cursor,
                target.record_id,
                [FieldChange(target.field, target.before)],
                author=author,
                reason=reason,
                origin="revert",
                reverts=seq,
            )
            return made

    def changes(self, record_id: str | None = None) -> list[Change]:
        query, params = f"SELECT {CHANGE_COLUMNS} FROM changes", []
        if record_id is not None:
            query, params = query + " WHERE record_id = ?", [record_id]
        with self._repo._transaction(write=False) as cursor:
            return [self._change(row) for row in self._all(cursor, query + " ORDER BY seq", params)]

    # -- suggestions -------------------------------------------------------------------------

    @staticmethod
    def _suggestion(row: Any) -> Suggestion:
        sid, record, field, value, message, suggester, status, at, by, why = row
        return Suggestion(
            int(sid),
            str(record),
            str(field),
            json.loads(value),
            str(message),
            suggester,
            SuggestionStatus(status),
            from_time(at),
            by,
            why,
        )

    def _find_suggestion(self, cursor: Cursor, suggestion_id: int) -> Suggestion:
        found = self._all(
            cursor, f"SELECT {_SUGGESTION_COLUMNS} FROM suggestions WHERE id = ?", [suggestion_id]
        )
        if not found:
            raise NotFoundError(f"no suggestion number {suggestion_id}")
        return self._suggestion(found[0])

    def suggest(
        self, record_id: str, field: str, value: object, message: str, suggester: str | None
    ) -> Suggestion:
        message = check_text("message", message, MAX_MESSAGE)
        if suggester is not None and len(suggester) > MAX_NAME:
            raise StoreError(f"a name has at most {MAX_NAME} characters")
        stored = to_json(to_value(value))
        if len(stored) > MAX_VALUE:
            raise StoreError(f"the suggested value is longer than {MAX_VALUE} characters")
        with self._repo._transaction(write=True) as cursor:
            raw = self._require(cursor, record_id)
            encode_value(type(raw), field, value)  # the value must fit the field
            sid = self._next(cursor, "suggestions", "id")
            self._run(
                cursor,
                f"INSERT INTO suggestions ({_SUGGESTION_COLUMNS})"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL)",
                [sid, record_id, field, stored, message, suggester, "pending", self._now()],
            )
            return self._find_suggestion(cursor, sid)

    def suggestions(self, status: SuggestionStatus | None = None) -> list[Suggestion]:
        query, params = f"SELECT {_SUGGESTION_COLUMNS} FROM suggestions", []
        if status is not None:
            query, params = query + " WHERE status = ?", [status.value]
        with self._repo._transaction(write=False) as cursor:
            found = self._all(cursor, query + " ORDER BY id", params)
            return [self._suggestion(row) for row in found]

    def _decide(
        self, cursor: Cursor, suggestion_id: int, status: SuggestionStatus, editor: str, why: str
    ) -> Suggestion:
        found = self._find_suggestion(cursor, suggestion_id)
        if found.status is not SuggestionStatus.PENDING:
            raise ConflictError(f"suggestion {suggestion_id} is already {found.status.value}")
        self._run(
            cursor,
            "UPDATE suggestions SET status = ?, decided_by = ?, decision_reason = ? WHERE id = ?",
            [status.value, editor, why, suggestion_id],
        )
        return self._find_suggestion(cursor, suggestion_id)

    def accept(self, suggestion_id: int, *, editor: str, reason: str) -> list[Change]:
        reason = check_text("reason", reason, MAX_REASON)
        with self._repo._transaction(write=True) as cursor:
            found = self._decide(cursor, suggestion_id, SuggestionStatus.ACCEPTED, editor, reason)
            return self._apply(
                cursor,
                found.record_id,
                [FieldChange(found.field, found.value)],
                author=editor,
                reason=reason,
                origin="suggestion",
                credit=found.suggester or "anonymous",
            )

    def reject(self, suggestion_id: int, *, editor: str, reason: str) -> Suggestion:
        reason = check_text("reason", reason, MAX_REASON)
        with self._repo._transaction(write=True) as cursor:
            return self._decide(cursor, suggestion_id, SuggestionStatus.REJECTED, editor, reason)
