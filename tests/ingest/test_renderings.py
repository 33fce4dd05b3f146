"""The rendering matrix: the seed as other tools publish it gives the seed's fields.

The fast renderings run here; the slow ones (more page sizes, two columns) run in
``python -m bench.renderings``. Typeset PDFs are made once per session in a temporary folder.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from sse_atlas.ingest.catalogue import ParseResult

from . import renderings, variants
from .renderings import Fields

FAST = sorted(name for name, rendering in renderings.RENDERINGS.items() if not rendering.slow)
# Renderings read without a single difference; the others may miss a field in a hundred.
EXACT = (
    "seed", "html", "docx", "pdf-a4", "pdf-reportlab-letter", "pdftotext-raw", "pdftotext-layout",
    "wrapped-72-footers-crlf",
)  # fmt: skip


@pytest.fixture(scope="session")
def rendering_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("renderings")


@pytest.fixture(scope="session")
def seed_fields(seed: ParseResult) -> Fields:
    return renderings.fields(seed)


@pytest.fixture(scope="session")
def score_of(rendering_folder: Path, seed_fields: Fields) -> Callable[[str], renderings.Score]:
    """The score of a rendering, made and read once per session."""
    scores: dict[str, renderings.Score] = {}

    def score(name: str) -> renderings.Score:
        rendering = renderings.RENDERINGS[name]
        missing = renderings.missing_tools(rendering)
        if missing:
            pytest.skip(f"{rendering.name} needs {', '.join(missing)}")
        if name not in scores:
            path = rendering.make(variants.seed_text(), rendering_folder)
            found = renderings.fields(renderings.parse(path))
            expected = renderings.expected_for(rendering, seed_fields)
            scores[name] = renderings.score(expected, found, translated=rendering.translated)
        return scores[name]

    return score


@pytest.mark.parametrize("name", FAST)
def test_renderings_fast_reach_99_percent_of_fields(
    name: str, score_of: Callable[[str], renderings.Score]
) -> None:
    score = score_of(name)
    assert score.accuracy >= 0.99, score.wrong


@pytest.mark.parametrize("name", EXACT)
def test_renderings_exact_ones_miss_no_field(
    name: str, score_of: Callable[[str], renderings.Score]
) -> None:
    assert score_of(name).wrong == []


def test_renderings_blocks_of_the_seed_keep_every_line() -> None:
    text = variants.seed_text()
    lines = [line.strip() for line in text.splitlines() if line.strip()]

    assert [block.text for block in renderings.blocks(text)] == [
        line.replace("\t", " ") for line in lines
    ]


def test_renderings_family_of_a_field_key() -> None:
    keys = ["initiative 1.1.1 city", "workshop 1.1 toc_title", "days", "initiative 1.1.1 flags"]

    assert [renderings.family(key) for key in keys] == ["place", "title", "structure", "other"]
