"""Limits and file kinds: a hostile document is refused quickly with a one-line error."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from sse_atlas.ingest import limits
from sse_atlas.ingest.lines import DocumentError, read_regular
from sse_atlas.ingest.reader import read_document
from sse_atlas.model import Finding, Severity
from tests.conftest import SEED

SEED_LINES = SEED.read_text(encoding="utf-8").split("\n")
# line 86 (index 85) is inside the description of 1.1.1, which starts on line 81
DESCRIPTION_LINE = 85


def _error(path: Path) -> str:
    with pytest.raises(DocumentError) as caught:
        read_document(path)
    return str(caught.value)


def _seed_with(tmp_path: Path, extra: list[str], name: str = "doc.txt") -> Path:
    lines = [*SEED_LINES[:DESCRIPTION_LINE], *extra, *SEED_LINES[DESCRIPTION_LINE:]]
    path = tmp_path / name
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def test_limits_fifo_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)  # nobody writes to it: opening it for reading would block
    assert _error(fifo) == f"{fifo}: is a FIFO (named pipe), not a regular file"


def test_limits_symlink_to_fifo_refused(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    link = tmp_path / "catalogue.json"
    link.symlink_to(fifo)
    assert _error(link) == f"{link}: is a FIFO (named pipe), not a regular file"


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero on this system")
def test_limits_device_refused() -> None:
    assert _error(Path("/dev/zero")) == "/dev/zero: is a device, not a regular file"


def test_limits_directory_refused(tmp_path: Path) -> None:
    assert _error(tmp_path) == f"{tmp_path}: is a directory, not a document"


def test_limits_file_over_size_refused(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"x" * 2049)
    with pytest.raises(DocumentError) as caught:
        read_regular(path, 2048)
    assert str(caught.value) == f"{path}: document of 2,049 bytes exceeds the limit of 2,048 bytes"


def test_limits_long_line_names_the_line(tmp_path: Path) -> None:
    path = _seed_with(tmp_path, ["x" * (limits.MAX_LINE_CHARS + 1)])
    assert _error(path) == (
        f"{path}:{DESCRIPTION_LINE + 1}: line of 20,001 characters exceeds the limit of 20,000"
    )


def test_limits_long_description_names_the_entry(tmp_path: Path) -> None:
    words = "une coopérative solidaire finance des projets locaux. " * 20
    count = limits.MAX_FIELD_CHARS // len(words) + 1
    path = _seed_with(tmp_path, [words] * count)
    message = _error(path)
    assert (message.split(": ")[0], message.split(": ")[1]) == (f"{path}:81", "entry 1.1.1")
    assert message.endswith(f"characters exceeds the limit of {limits.MAX_FIELD_CHARS:,}")


def test_limits_entries_counted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_ENTRIES", 100)
    assert _error(SEED) == f"{SEED}: 144 entries exceed the limit of 100 a document"


def test_limits_bidi_controls_removed_and_noted(tmp_path: Path) -> None:
    path = _seed_with(tmp_path, ["Voir \u202etxet\u202c ici, \u2066isolé\u2069."])
    result = read_document(path)
    assert result.parsed is not None
    initiative = next(i for i in result.parsed.catalogue.initiatives if i.code == "1.1.1")
    findings = [f for f in result.parsed.report.findings if f.kind == "bidi-control"]
    assert (initiative.description or "").endswith("Voir txet ici, isolé.")
    assert findings == [
        Finding(
            "bidi-control",
            "4 bidirectional control character(s) removed",
            Severity.INFO,
            line=DESCRIPTION_LINE + 1,
        )
    ]


def test_limits_unsafe_url_noted_never_a_link(tmp_path: Path) -> None:
    path = _seed_with(
        tmp_path, ["Site : javascript:alert(1) et data:text/html;base64,PHNjcmlwdD4="]
    )
    result = read_document(path)
    assert result.parsed is not None
    initiative = next(i for i in result.parsed.catalogue.initiatives if i.code == "1.1.1")
    findings = [f for f in result.parsed.report.findings if f.kind == "unsafe-url"]
    assert (
        [link.url for link in initiative.links],
        [(f.line, f.message) for f in findings],
    ) == (
        ["http://asbcouncil.org/"],
        [
            (
                DESCRIPTION_LINE + 1,
                "'javascript:': a URL scheme no link may have; not kept as a link",
            )
        ],
    )
