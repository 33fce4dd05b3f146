"""Curation plumbing over the SQL repository, entity rules, and replaying a change log."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from typing import Any

from sse_atlas.enrich.entities import EntityRule
from sse_atlas.model import Initiative, Organisation, Person, Workshop
from sse_atlas.store import rows
from sse_atlas.store.base import Edit, StoreError
from sse_atlas.store.curation_types import (
    MAX_REASON,
    Change,
    Curated,
    NotFoundError,
    StoredRule,
)
from sse_atlas.store.dialect import Cursor
from sse_atlas.store.edits import encode_value
from sse_atlas.store.sql import SQLRepository

CHANGE_COLUMNS = (
    "seq, record_id, field, before_value, after_value, printed, author, origin, reason,"
    " changed_at, reverts, credit"
)
RULE_COLUMNS = (
    "seq, entity_type, kind, first_id, second_id, first_name, second_name, author, reason,"
    " created_at, withdrawn"
)
RULE_KINDS = ("same-as", "not-same-as")


def to_json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def from_time(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)


def check_text(what: str, text: str, limit: int) -> str:
    """A reason or message: stripped, not empty, at most ``limit`` characters."""
    stripped = text.strip()
    if not stripped:
        raise StoreError(f"a {what} is required")
    if len(stripped) > limit:
        raise StoreError(f"the {what} is longer than {limit} characters")
    return stripped


class CurationPlumbing:
    """Statements run inside the repository's transactions (its one transaction helper)."""

    def __init__(self, repository: SQLRepository) -> None:
        self._repo = repository

    def _all(self, cursor: Cursor, query: str, params: list[Any] | None = None) -> list[Any]:
        return self._repo._all(cursor, query, params or [])

    def _run(self, cursor: Cursor, query: str, params: list[Any] | None = None) -> None:
        """A write: no rows to fetch (some drivers refuse to fetch after one)."""
        self._repo._execute(cursor, query, params or [])

    def _now(self) -> str:
        return self._repo._clock().isoformat()

    def _next(self, cursor: Cursor, table: str, column: str) -> int:
        return int(self._all(cursor, f"SELECT COALESCE(MAX({column}), 0) + 1 FROM {table}")[0][0])

    def _find(self, cursor: Cursor, record_id: str) -> Curated | None:
        """The record or entity as stored (before any correction)."""
        found = self._repo._find_record(cursor, record_id)
        if found is not None:
            return found[1]
        entity: type[Organisation | Person]
        for entity, table in ((Organisation, "organisations"), (Person, "people")):
            data = self._all(cursor, f"SELECT data FROM {table} WHERE id = ?", [record_id])
            if data:
                return rows.loads(entity, data[0][0])
        return None

    def _require(self, cursor: Cursor, record_id: str) -> Curated:
        found = self._find(cursor, record_id)
        if found is None:
            raise NotFoundError(f"no initiative, workshop, organisation or person {record_id!r}")
        return found

    def _edit(self, cursor: Cursor, record_id: str, field: str, value: object, note: str) -> Edit:
        """One field corrected inside the caller's transaction; an entity's edit is applied on
        every read of it, like a record's."""
        raw = self._require(cursor, record_id)
        if isinstance(raw, Initiative | Workshop):
            return self._repo._record_edit(cursor, record_id, field, value, note)
        stored = encode_value(type(raw), field, value)
        edit = Edit(record_id, field, stored, self._repo._clock(), note)
        self._repo._insert_edit(cursor, edit)
        return edit

    def _insert_change(self, cursor: Cursor, change: Change) -> None:
        self._run(
            cursor,
            f"INSERT INTO changes ({CHANGE_COLUMNS}) VALUES ({', '.join('?' * 12)})",
            [
                change.seq,
                change.record_id,
                change.field,
                to_json(change.before),
                to_json(change.after),
                to_json(change.printed),
                change.author,
                change.origin,
                change.reason,
                change.changed_at.isoformat(),
                change.reverts,
                change.credit,
            ],
        )

    def _insert_rule(self, cursor: Cursor, rule: StoredRule) -> None:
        self._run(
            cursor,
            f"INSERT INTO entity_rules ({RULE_COLUMNS}) VALUES ({', '.join('?' * 11)})",
            [
                rule.seq,
                rule.entity,
                rule.kind,
                rule.first,
                rule.second,
                rule.first_name,
                rule.second_name,
                rule.author,
                rule.reason,
                rule.created_at.isoformat(),
                int(rule.withdrawn),
            ],
        )


class RuleStore(CurationPlumbing):
    """Entity rules, and the replay of a whole change log."""

    @staticmethod
    def _rule(row: Any) -> StoredRule:
        seq, entity, kind, first, second, first_name, second_name, author, reason, at, gone = row
        return StoredRule(
            int(seq),
            str(entity),
            str(kind),
            str(first),
            str(second),
            str(first_name),
            str(second_name),
            str(author),
            str(reason),
            from_time(at),
            bool(gone),
        )

    def add_rule(
        self, rule: EntityRule, names: tuple[str, str], *, author: str, reason: str
    ) -> StoredRule:
        reason = check_text("reason", reason, MAX_REASON)
        if rule.kind not in RULE_KINDS or rule.entity not in ("organisation", "person"):
            raise StoreError(f"unknown rule {rule.kind!r} on {rule.entity!r}")
        if rule.first == rule.second:
            raise StoreError("a rule needs two different entities")
        with self._repo._transaction(write=True) as cursor:
            self._run(
                cursor,
                "UPDATE entity_rules SET withdrawn = 1 WHERE entity_type = ? AND withdrawn = 0"
                " AND ((first_id = ? AND second_id = ?) OR (first_id = ? AND second_id = ?))",
                [rule.entity, rule.first, rule.second, rule.second, rule.first],
            )
            stored = StoredRule(
                self._next(cursor, "entity_rules", "seq"),
                rule.entity,
                rule.kind,
                rule.first,
                rule.second,
                names[0],
                names[1],
                author,
                reason,
                self._repo._clock(),
                False,
            )
            self._insert_rule(cursor, stored)
            self._repo._bump(cursor)
            return stored

    def rules(self, *, live: bool = True) -> list[StoredRule]:
        query = f"SELECT {RULE_COLUMNS} FROM entity_rules"
        if live:
            query += " WHERE withdrawn = 0"
        with self._repo._transaction(write=False) as cursor:
            return [self._rule(row) for row in self._all(cursor, query + " ORDER BY seq")]

    def replay(self, changes: Sequence[Change], rules: Sequence[StoredRule]) -> None:
        """Write a whole exported log, as it was, in one transaction; only onto a knowledge
        base with no log of its own (a fresh ingest), and every record must exist."""
        with self._repo._transaction(write=True) as cursor:
            if (
                self._all(cursor, "SELECT COUNT(*) FROM changes")[0][0]
                or self._all(cursor, "SELECT COUNT(*) FROM entity_rules")[0][0]
            ):
                raise StoreError(
                    "this knowledge base has a change log already: replay onto a fresh ingest"
                )
            for change in changes:
                if self._find(cursor, change.record_id) is None:
                    raise NotFoundError(f"change {change.seq}: no record {change.record_id!r}")
                self._edit(cursor, change.record_id, change.field, change.after, change.reason)
                self._insert_change(cursor, change)
            for rule in rules:
                self._insert_rule(cursor, rule)
            self._repo._bump(cursor)
