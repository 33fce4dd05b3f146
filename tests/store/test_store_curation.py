"""Accounts, tokens, the change log and suggestions in the SQL store."""

from __future__ import annotations

import datetime as dt

import pytest

from sse_atlas.model import Catalogue, QualityReport
from sse_atlas.store import SQLiteRepository, StoreError
from sse_atlas.store.curation_types import (
    Change,
    ConflictError,
    FieldChange,
    NotFoundError,
    Role,
    Scope,
    SuggestionStatus,
    User,
)

RECORD = "gsef2018-fr/4.2.1"
PASSWORD = "correct horse battery"


def _one(repository: SQLiteRepository, query: str) -> str:
    """The first column of the first row, read through the store's own transaction."""
    with repository._transaction(write=False) as cursor:
        return str(repository._all(cursor, query)[0][0])


def test_add_user_then_authenticate_gives_the_account(
    filled: SQLiteRepository, now: dt.datetime
) -> None:
    filled.curation.add_user("ada", PASSWORD, Role.EDITOR)
    assert filled.curation.authenticate("ada", PASSWORD) == User("ada", Role.EDITOR, False, now)


def test_authenticate_wrong_password_or_unknown_name_gives_none(filled: SQLiteRepository) -> None:
    filled.curation.add_user("ada", PASSWORD, Role.EDITOR)
    assert [
        filled.curation.authenticate("ada", "wrong password"),
        filled.curation.authenticate("nobody", PASSWORD),
    ] == [None, None]


def test_authenticate_disabled_account_gives_none(filled: SQLiteRepository) -> None:
    filled.curation.add_user("ada", PASSWORD, Role.ADMIN)
    filled.curation.set_disabled("ada", True)
    assert filled.curation.authenticate("ada", PASSWORD) is None


def test_password_is_stored_as_an_argon2_hash(filled: SQLiteRepository) -> None:
    filled.curation.add_user("ada", PASSWORD, Role.EDITOR)
    stored = _one(filled, "SELECT password_hash FROM users")
    assert (stored.startswith("$argon2id$"), PASSWORD in stored) == (True, False)


def test_add_user_twice_or_with_short_password_is_refused(filled: SQLiteRepository) -> None:
    filled.curation.add_user("ada", PASSWORD, Role.EDITOR)
    with pytest.raises(StoreError, match="already exists"):
        filled.curation.add_user("ada", PASSWORD, Role.EDITOR)
    with pytest.raises(StoreError, match="10 to 1024 characters"):
        filled.curation.add_user("bob", "short", Role.EDITOR)


def test_set_role_changes_the_role(filled: SQLiteRepository) -> None:
    filled.curation.add_user("ada", PASSWORD, Role.CONTRIBUTOR)
    assert filled.curation.set_role("ada", Role.ADMIN).role == Role.ADMIN


def test_token_text_finds_its_user_until_revoked(filled: SQLiteRepository) -> None:
    user = filled.curation.add_user("ada", PASSWORD, Role.EDITOR)
    token, text = filled.curation.create_token("ada", Scope.WRITE)
    assert filled.curation.token_user(text) == (user, token)
    filled.curation.revoke_token(token.id)
    assert filled.curation.token_user(text) is None


def test_token_with_a_wrong_secret_gives_none(filled: SQLiteRepository) -> None:
    filled.curation.add_user("ada", PASSWORD, Role.EDITOR)
    _, text = filled.curation.create_token("ada", Scope.READ)
    assert filled.curation.token_user(text[:-2] + "xx") is None


def test_token_secret_is_not_stored(filled: SQLiteRepository) -> None:
    filled.curation.add_user("ada", PASSWORD, Role.EDITOR)
    _, text = filled.curation.create_token("ada", Scope.READ)
    secret = text.rsplit("_", 1)[1]
    assert secret not in _one(filled, "SELECT secret_hash FROM api_tokens")


def test_change_records_before_after_and_the_edit(
    filled: SQLiteRepository, now: dt.datetime
) -> None:
    made = filled.curation.change(
        RECORD, [FieldChange("title", "Nouveau titre")], author="ada", reason="typo"
    )
    expected = Change(
        seq=1,
        record_id=RECORD,
        field="title",
        before="Le Chantier de l'économie sociale",
        after="Nouveau titre",
        printed="Le Chantier de l'économie sociale",
        author="ada",
        origin="edit",
        reason="typo",
        changed_at=now,
    )
    initiative = filled.initiative(RECORD)
    assert (made, filled.curation.changes(RECORD), initiative and initiative.title) == (
        [expected],
        [expected],
        "Nouveau titre",
    )


def test_change_on_a_stale_version_is_refused_and_nothing_is_written(
    filled: SQLiteRepository,
) -> None:
    filled.curation.change(RECORD, [FieldChange("title", "Un")], author="ada", reason="first")
    with pytest.raises(ConflictError, match="changed since version 0"):
        filled.curation.change(
            RECORD, [FieldChange("title", "Deux")], author="bob", reason="late", expected_version=0
        )
    initiative = filled.initiative(RECORD)
    assert (initiative and initiative.title, filled.curation.version(RECORD)) == ("Un", 1)


def test_change_without_reason_is_refused(filled: SQLiteRepository) -> None:
    with pytest.raises(StoreError, match="a reason is required"):
        filled.curation.change(RECORD, [FieldChange("title", "X")], author="ada", reason="  ")


def test_change_with_a_bad_second_field_writes_nothing(filled: SQLiteRepository) -> None:
    with pytest.raises(StoreError, match="does not fit field 'sdgs'"):
        filled.curation.change(
            RECORD,
            [FieldChange("title", "X"), FieldChange("sdgs", "eight")],
            author="ada",
            reason="r",
        )
    assert (filled.curation.changes(), filled.curation.version(RECORD)) == ([], 0)


def test_revert_sets_the_value_back_and_is_itself_a_change(filled: SQLiteRepository) -> None:
    (first,) = filled.curation.change(
        RECORD, [FieldChange("title", "Faux")], author="ada", reason="oops"
    )
    undo = filled.curation.revert(first.seq, author="bob", reason="wrong title")
    initiative = filled.initiative(RECORD)
    assert (initiative and initiative.title, undo.origin, undo.reverts, undo.after) == (
        "Le Chantier de l'économie sociale",
        "revert",
        first.seq,
        "Le Chantier de l'économie sociale",
    )


def test_revert_unknown_change_is_not_found(filled: SQLiteRepository) -> None:
    with pytest.raises(NotFoundError, match="no change number 9"):
        filled.curation.revert(9, author="ada", reason="r")


def test_accept_suggestion_makes_a_change_crediting_the_suggester(
    filled: SQLiteRepository,
) -> None:
    suggestion = filled.curation.suggest(RECORD, "title", "Mieux", "le titre est faux", "Zoé")
    (made,) = filled.curation.accept(suggestion.id, editor="ada", reason="confirmed")
    decided = filled.curation.suggestions()[0]
    assert (made.origin, made.credit, made.author, decided.status, decided.decided_by) == (
        "suggestion",
        "Zoé",
        "ada",
        SuggestionStatus.ACCEPTED,
        "ada",
    )


def test_reject_suggestion_keeps_the_record_and_the_reason(filled: SQLiteRepository) -> None:
    suggestion = filled.curation.suggest(RECORD, "title", "Spam", "buy now", None)
    rejected = filled.curation.reject(suggestion.id, editor="ada", reason="spam")
    with pytest.raises(ConflictError, match="already rejected"):
        filled.curation.accept(suggestion.id, editor="ada", reason="changed my mind")
    assert (rejected.status, rejected.decision_reason, filled.curation.changes()) == (
        SuggestionStatus.REJECTED,
        "spam",
        [],
    )


def test_suggest_value_of_the_wrong_type_is_refused(filled: SQLiteRepository) -> None:
    with pytest.raises(StoreError, match="does not fit field 'sdgs'"):
        filled.curation.suggest(RECORD, "sdgs", "many", "message", None)


def test_changes_survive_a_reingest(
    filled: SQLiteRepository, catalogue: Catalogue, report: QualityReport
) -> None:
    filled.curation.change(RECORD, [FieldChange("title", "Gardé")], author="ada", reason="r")
    filled.replace_catalogue(catalogue, report)
    initiative = filled.initiative(RECORD)
    assert (initiative and initiative.title, len(filled.curation.changes(RECORD))) == ("Gardé", 1)


def test_secret_is_made_once_then_kept(filled: SQLiteRepository) -> None:
    assert [filled.curation.secret("k", "first"), filled.curation.secret("k", "second")] == [
        "first",
        "first",
    ]
