"""``sse-atlas serve``: its options and defaults."""

from __future__ import annotations

import pytest

from sse_atlas.cli import build_parser, main
from sse_atlas.kb import KnowledgeBase


def test_serve_defaults() -> None:
    args = build_parser().parse_args(["serve"])
    assert (args.command, args.host, args.port, args.db) == ("serve", "127.0.0.1", 8000, None)


def test_serve_options() -> None:
    args = build_parser().parse_args(["serve", "--host", "0.0.0.0", "--port", "9000", "--db", "x"])
    assert (args.host, args.port, args.db) == ("0.0.0.0", 9000, "x")


def test_serve_bad_setting_named_and_exit_1(
    seed_kb: KnowledgeBase, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("SSE_ATLAS_WEB_QUEUE", "lots")
    status = main(["serve", "--db", seed_kb.location, "--port", "1"])
    assert (status, capsys.readouterr().err) == (
        1,
        "sse-atlas: SSE_ATLAS_WEB_QUEUE: expected a whole number, got 'lots'\n",
    )
