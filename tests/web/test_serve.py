"""``sse-atlas serve``: its options and defaults."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx2
import pytest
from fastapi.testclient import TestClient

from sse_atlas.cli import build_parser, main
from sse_atlas.kb import ENV_DATABASE, KnowledgeBase
from sse_atlas.web.app import app_from_environment


def test_serve_defaults() -> None:
    args = build_parser().parse_args(["serve"])
    assert (args.command, args.host, args.port, args.db) == ("serve", "127.0.0.1", 8000, None)


def test_serve_options() -> None:
    args = build_parser().parse_args(["serve", "--host", "0.0.0.0", "--port", "9000", "--db", "x"])
    assert (args.host, args.port, args.db) == ("0.0.0.0", 9000, "x")


def test_serve_workers_default_one() -> None:
    assert build_parser().parse_args(["serve"]).workers == 1


def test_app_from_environment_opens_the_named_store(
    seed_kb: KnowledgeBase, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ENV_DATABASE, seed_kb.location)
    with TestClient(app_from_environment()) as client:
        response = client.get("/api/v1/initiatives/gsef2018-fr/4.2.1")
    assert (response.status_code, response.json()["title"]) == (
        200,
        seed_kb.initiative("gsef2018-fr/4.2.1").title,  # type: ignore[union-attr]
    )


def test_serve_two_workers_answer(seed_kb: KnowledgeBase, tmp_path: Path) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [sys.executable, "-m", "sse_atlas", "serve", "--workers", "2"]
    command += ["--port", str(port), "--db", seed_kb.location]
    log = (tmp_path / "serve.log").open("wb")
    server = subprocess.Popen(command, stderr=log, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        deadline = time.monotonic() + 120
        status = 0
        while time.monotonic() < deadline and server.poll() is None:
            try:
                status = httpx2.get(f"http://127.0.0.1:{port}/about", timeout=5).status_code
                break
            except httpx2.HTTPError:
                time.sleep(0.3)
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
    lines = (tmp_path / "serve.log").read_text().splitlines()
    assert (status, lines[:2]) == (
        200,
        [
            f"sse-atlas: {seed_kb.location}: 2 workers loading the search index",
            f"sse-atlas: serving on http://127.0.0.1:{port}/ (Ctrl-C to stop)",
        ],
    )


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


def test_serve_bad_setting_named_and_exit_1(
    seed_kb: KnowledgeBase, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("SSE_ATLAS_WEB_QUEUE", "lots")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    status = main(["serve", "--db", seed_kb.location, "--port", str(port)])
    assert (status, capsys.readouterr().err.splitlines()[-1]) == (
        1,
        "sse-atlas: SSE_ATLAS_WEB_QUEUE: expected a whole number, got 'lots'",
    )
