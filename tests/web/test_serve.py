"""``sse-atlas serve``: its options and defaults."""

from __future__ import annotations

from sse_atlas.cli import build_parser


def test_serve_defaults() -> None:
    args = build_parser().parse_args(["serve"])
    assert (args.command, args.host, args.port, args.db) == ("serve", "127.0.0.1", 8000, None)


def test_serve_options() -> None:
    args = build_parser().parse_args(["serve", "--host", "0.0.0.0", "--port", "9000", "--db", "x"])
    assert (args.host, args.port, args.db) == ("0.0.0.0", 9000, "x")
