"""The server follows its store: another connection writes while 20 clients read.

A writer edits one initiative's title again and again and, half-way, ingests the catalogue
without another initiative. Every answer names its generation (``X-Atlas-Generation``); after
the run, each answer is checked against what the store held at that generation.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx2
import pytest

from sse_atlas.exports import exporter_for
from sse_atlas.kb import KnowledgeBase
from sse_atlas.web import create_app
from sse_atlas.web.settings import ServerSettings
from tests.conftest import copy_files_of
from tests.web.conftest import serving

EDITED = "gsef2018-fr/4.2.1"
GONE = "gsef2018-fr/1.1.1"
CLIENTS = 20
WRITES = 8
REMOVED_AT = 4  # the write that ingests the catalogue without GONE


@dataclass(frozen=True)
class State:
    """What the store held after one write."""

    generation: int
    title: str
    gone: bool


@dataclass(frozen=True)
class Answer:
    kind: str
    status: int
    generation: int | None
    value: Any


def _without(kb: KnowledgeBase, record_id: str, folder: Path) -> Path:
    """The interchange JSON of ``kb`` without one initiative."""
    text = io.StringIO()
    exporter_for("json").write(text, kb.dataset())
    data = json.loads(text.getvalue())
    data["initiatives"] = [i for i in data["initiatives"] if i["id"] != record_id]
    path = folder / "without.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


# The writer is another process, as an operator's `sse-atlas edit` or `ingest` would be; it
# prints the generation, title and presence of GONE after each write.
WRITER = """
import json, sys, time
from pathlib import Path
from sse_atlas.kb import KnowledgeBase
path, removal, edited, writes, removed_at = sys.argv[1:]
title = None
with KnowledgeBase.open(path) as kb:
    for number in range(int(writes)):
        if number == int(removed_at):
            kb.ingest([Path(removal)])
            print(json.dumps([kb.repository.generation(), title, True]))
        title = f"Concurrent title {number}"
        kb.edit(edited, "title", title)
        print(json.dumps([kb.repository.generation(), title, number >= int(removed_at)]))
        sys.stdout.flush()
        time.sleep(0.3)
"""


def _write(path: Path, removal: Path) -> list[State]:
    arguments = [str(path), str(removal), EDITED, str(WRITES), str(REMOVED_AT)]
    finished = subprocess.run(
        [sys.executable, "-c", WRITER, *arguments],
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )
    assert (finished.returncode, finished.stderr) == (0, "")
    return [State(*json.loads(line)) for line in finished.stdout.splitlines()]


def _read(base: str, neighbour: str, done: threading.Event, answers: list[Answer]) -> None:
    requests: list[tuple[str, str]] = [
        ("edited", f"/api/v1/initiatives/{EDITED}"),
        ("search", "/api/v1/search?q=Concurrent+title&limit=50"),
        ("gone", f"/initiatives/{GONE}"),
        ("neighbour", f"/initiatives/{neighbour}.json"),
        ("stats", "/stats.json"),
        ("export", "/exports/json?q=Concurrent+title"),
    ]
    with httpx2.Client(base_url=base, timeout=60) as http:
        turn = 0
        while not done.is_set() or turn < 2 * len(requests):
            kind, url = requests[turn % len(requests)]
            turn += 1
            response = http.get(url)
            header = response.headers.get("x-atlas-generation")
            generation = int(header) if header else None
            value = _value(kind, response) if response.status_code == 200 else None
            answers.append(Answer(kind, response.status_code, generation, value))


def _value(kind: str, response: httpx2.Response) -> Any:
    if kind == "gone":
        return None
    data = response.json()
    if kind == "edited":
        return data["title"]
    if kind == "search":
        return [hit["title"] for hit in data["hits"] if hit["id"] == EDITED]
    if kind == "neighbour":
        return GONE in [card["id"] for card in data["similar"]]
    if kind == "stats":
        return data["counts"]["initiatives"]
    return [i["title"] for i in data["initiatives"] if i["id"] == EDITED]


def _mismatch(answer: Answer, state: State, initiatives: int) -> bool:
    """Whether an answer disagrees with the store at its own generation."""
    if answer.kind == "gone":
        return answer.status != (404 if state.gone else 200)
    if answer.status != 200:
        return True
    expected: dict[str, Any] = {
        "edited": state.title,
        "neighbour": False if state.gone else answer.value,
        "stats": initiatives - 1 if state.gone else initiatives,
        "export": [state.title] if "Concurrent" in state.title else [],
    }
    if answer.kind == "search":  # the original title may or may not match the words
        allowed = [[state.title]] if "Concurrent" in state.title else [[], [state.title]]
        return answer.value not in allowed
    return bool(answer.value != expected[answer.kind])


def test_serve_follows_writes_without_errors_or_mixed_answers(
    seed_kb: KnowledgeBase, tmp_path: Path
) -> None:
    path = copy_files_of(seed_kb, tmp_path)
    neighbour = next(h.id for h in seed_kb.similar(GONE, 6) if h.kind == "initiative")
    initiatives = len(seed_kb.initiatives())
    removal = _without(seed_kb, GONE, tmp_path)
    with KnowledgeBase.open(path) as served:
        original = served.initiative(EDITED)
        assert original is not None
        first = State(served.repository.generation(), original.title, False)
        app = create_app(served, ServerSettings(check_every=0.05))
        answers: list[Answer] = []
        done = threading.Event()
        with serving(app) as base:
            readers = [
                threading.Thread(target=_read, args=(base, neighbour, done, answers))
                for _ in range(CLIENTS)
            ]
            for reader in readers:
                reader.start()
            try:
                states = [first, *_write(path, removal)]
                # the last generation is read too, once its view is ready (its index may have
                # to be built first: seconds on a loaded machine)
                deadline = time.monotonic() + 90
                while time.monotonic() < deadline and not any(
                    a.generation == states[-1].generation for a in list(answers)
                ):
                    time.sleep(0.05)
                time.sleep(0.2)
            finally:
                done.set()
                for reader in readers:
                    reader.join(timeout=120)
            app.state.site.close()
    by_generation = {state.generation: state for state in states}
    server_errors = [a for a in answers if a.status >= 500]
    unknown = [a for a in answers if a.generation not in by_generation]
    mixed = [
        a
        for a in answers
        if a.generation in by_generation and _mismatch(a, by_generation[a.generation], initiatives)
    ]
    seen = {a.generation for a in answers}
    assert (server_errors, unknown, mixed) == ([], [], [])
    assert (states[0].generation in seen, states[-1].generation in seen) == (True, True)
    assert len(answers) > CLIENTS * 10


@pytest.mark.parametrize(
    "answer", [Answer("edited", 200, 1, "Old"), Answer("gone", 200, 1, None)], ids=str
)
def test_mismatch_detects_an_answer_of_another_generation(answer: Answer) -> None:
    before = State(1, "Old", gone=False)
    after = State(2, "Concurrent title 0", gone=True)
    assert (_mismatch(answer, before, 102), _mismatch(answer, after, 102)) == (False, True)
