"""``sse-atlas users`` and ``sse-atlas tokens`` on an empty knowledge base."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from sse_atlas.cli import main
from sse_atlas.kb import KnowledgeBase
from sse_atlas.store.curation_types import Role, Scope

CaptureFixture = pytest.CaptureFixture[str]
PASSWORD = "a long enough password"


def _add(db: Path, name: str, role: str, monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    return main(["users", "add", name, "--role", role, "--password-stdin", "--db", str(db)])


def test_users_add_then_list(
    capsys: CaptureFixture, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "kb.db"
    assert _add(db, "ada", "admin", monkeypatch) == 0
    assert main(["users", "list", "--db", str(db)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split("\t")[:3] for line in lines] == [["ada: admin"], ["ada", "admin", "active"]]


def test_users_set_role_and_disable(
    capsys: CaptureFixture, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "kb.db"
    _add(db, "bob", "contributor", monkeypatch)
    assert main(["users", "set-role", "bob", "editor", "--db", str(db)]) == 0
    assert main(["users", "disable", "bob", "--db", str(db)]) == 0
    with KnowledgeBase.open(db) as kb:
        user = kb.repository.curation.user("bob")
        assert (user and user.role, user and user.disabled) == (Role.EDITOR, True)
        assert kb.repository.curation.authenticate("bob", PASSWORD) is None


def test_users_add_without_terminal_or_stdin_fails_in_one_line(
    capsys: CaptureFixture, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert main(["users", "add", "ada", "--db", str(tmp_path / "kb.db")]) == 1
    assert capsys.readouterr().err == (
        "sse-atlas: no terminal to ask the password on: pipe it with --password-stdin\n"
    )


def test_users_set_role_of_unknown_account_fails(capsys: CaptureFixture, tmp_path: Path) -> None:
    assert main(["users", "set-role", "nobody", "admin", "--db", str(tmp_path / "kb.db")]) == 1
    assert capsys.readouterr().err == "sse-atlas: no account named 'nobody'\n"


def test_tokens_create_prints_a_working_token_then_revoke_stops_it(
    capsys: CaptureFixture, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "kb.db"
    _add(db, "ada", "editor", monkeypatch)
    capsys.readouterr()
    assert main(["tokens", "create", "ada", "--scope", "write", "--db", str(db)]) == 0
    text = capsys.readouterr().out.strip()
    with KnowledgeBase.open(db) as kb:
        found = kb.repository.curation.token_user(text)
        assert found is not None and (found[0].name, found[1].scope) == ("ada", Scope.WRITE)
        token_id = found[1].id
    assert main(["tokens", "revoke", token_id, "--db", str(db)]) == 0
    with KnowledgeBase.open(db) as kb:
        assert kb.repository.curation.token_user(text) is None
