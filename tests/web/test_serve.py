"""``sse-atlas serve``: its options and defaults."""

from __future__ import annotations

import socket

import pytest

from sse_atlas.cli import build_parser, main


def test_serve_defaults() -> None:
    args = build_parser().parse_args(["serve"])
    assert (args.command, args.host, args.port, args.db) == ("serve", "127.0.0.1", 8000, None)


def test_serve_options() -> None:
    args = build_parser().parse_args(["serve", "--host", "0.0.0.0", "--port", "9000", "--db", "x"])
    assert (args.host, args.port, args.db) == ("0.0.0.0", 9000, "x")


def test_serve_port_out_of_range_fails_in_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["serve", "--port", "99999", "--db", "unused.sqlite3"])
    assert (code, capsys.readouterr().err) == (
        1,
        "sse-atlas: --port 99999: a port is a number from 1 to 65535\n",
    )


def test_serve_busy_port_fails_in_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        port = busy.getsockname()[1]
        code = main(["serve", "--port", str(port), "--db", "unused.sqlite3"])
    assert (code, capsys.readouterr().err) == (
        1,
        f"sse-atlas: cannot listen on 127.0.0.1:{port}: Address already in use\n",
    )
