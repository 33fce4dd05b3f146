"""The search index on disk: written once per store generation, opened memory-mapped.

Building the engine means decoding every record, stemming every word and embedding every text;
at 100,000 records that is minutes. The built arrays (postings and their BM25 impacts, facet
pairs, reading order, vectors) are therefore saved as ``.npy`` files and every other process
maps them with ``np.load(mmap_mode="r")``: it starts in a fraction of a second, reads only the
pages a query touches, and shares those pages with every process on the machine. Documents are
kept as one JSON line each and decoded only when a hit shows them.

One folder per store generation and model, ``<index>/<generation>-<model>/``, holds a
``manifest.json`` written last. A folder is used only when its manifest names the current
generation, the same model, format and record counts, and every file has the size the manifest
states and the shape the others imply; anything else (missing, stale, damaged) is rebuilt from
the store. Writers build under a temporary name and rename, so readers never see half an index.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import re
import shutil
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, overload

import numpy as np
import numpy.typing as npt

from sse_atlas.search.built import BuiltParts
from sse_atlas.search.documents import SearchDocument
from sse_atlas.search.engine import SearchEngine
from sse_atlas.search.facets import FacetIndex
from sse_atlas.search.lexical import LexicalIndex
from sse_atlas.search.results import FACETS
from sse_atlas.search.semantic import Embedder, VectorIndex
from sse_atlas.search.understand import Understander, _Target
from sse_atlas.store import Repository
from sse_atlas.store.sqlite import SQLiteRepository

FORMAT = 3  # 2: documents keep every field; 3: cities' other names and parts of names
ENV_INDEX_DIR = "SSE_ATLAS_INDEX_DIR"
MANIFEST = "manifest.json"
KEEP = 2  # generations kept on disk: the newest, and the one a slower reader may still map


class IndexDamagedError(ValueError):
    """A saved index that does not match its manifest or the store."""


def index_directory(repository: Repository) -> Path | None:
    """Where the index of ``repository`` lives: ``$SSE_ATLAS_INDEX_DIR/<hash of the store>``,
    else beside a SQLite file (``atlas.sqlite3.index/``); None for a store in memory."""
    configured = os.environ.get(ENV_INDEX_DIR)
    label = repository.label
    if configured:
        if label == ":memory:":
            return None
        digest = hashlib.blake2b(str(Path(label).resolve()).encode(), digest_size=8).hexdigest()
        return Path(configured) / digest
    if isinstance(repository, SQLiteRepository) and str(repository.target) != ":memory:":
        path = Path(repository.target)
        return path.with_name(f"{path.name}.index")
    return None


def _folder_name(stamp: str, model: str | None) -> str:
    slug = re.sub(r"[^A-Za-z0-9.]+", "-", model or "lexical").strip("-")
    return f"{stamp}-{slug}"


# -- documents ---------------------------------------------------------------------------------


def _document_json(document: SearchDocument) -> dict[str, Any]:
    # every field, whatever the dataclass holds: a field left out would change answers
    value: dict[str, Any] = {
        f.name: getattr(document, f.name) for f in dataclasses.fields(document)
    }
    value["fields"] = [list(pair) for pair in document.fields]
    value["facets"] = {name: list(values) for name, values in document.facets.items()}
    return value


def _document_from(data: dict[str, Any]) -> SearchDocument:
    data["fields"] = tuple((str(name), str(text)) for name, text in data["fields"])
    data["facets"] = {name: tuple(values) for name, values in data["facets"].items()}
    return SearchDocument(**data)


class StoredDocuments(Sequence[SearchDocument]):
    """Documents decoded one at a time from a mapped file of JSON lines."""

    def __init__(self, blob: npt.NDArray[np.uint8], offsets: npt.NDArray[np.int64]) -> None:
        self._blob = blob
        self._offsets = offsets

    def __len__(self) -> int:
        return len(self._offsets) - 1

    @overload
    def __getitem__(self, index: int) -> SearchDocument: ...
    @overload
    def __getitem__(self, index: slice) -> list[SearchDocument]: ...
    def __getitem__(self, index: int | slice) -> SearchDocument | list[SearchDocument]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        start, end = int(self._offsets[index]), int(self._offsets[index + 1])
        return _document_from(json.loads(self._blob[start:end].tobytes()))

    def __iter__(self) -> Iterator[SearchDocument]:
        for index in range(len(self)):
            yield self[index]


# -- the query reader's name tables -------------------------------------------------------------


def _understander_json(understander: Understander) -> dict[str, Any]:
    """The tables the query reader builds from the documents (the rest comes from facets)."""
    return {
        "table": [
            [list(key), [[t.kind, list(t.values), t.label, t.facet, t.priority] for t in targets]]
            for key, targets in understander.table.items()
        ],
        "rows": [[kind, name, rows] for (kind, name), rows in understander.rows.items()],
        "names": [
            [list(values), sorted(map(list, keys))] for values, keys in understander.names.items()
        ],
    }


def _understander_from(data: dict[str, Any], facets: dict[str, list[str]]) -> Understander:
    # built over no documents (the facet values give its place names and cue patterns), then
    # given the name tables the documents gave when the index was written
    understander = Understander([], facets)
    understander.table = {
        tuple(key): [_Target(k, tuple(v), label, facet, p) for k, v, label, facet, p in targets]
        for key, targets in data["table"]
    }
    understander.rows = {(kind, name): list(rows) for kind, name, rows in data["rows"]}
    understander.names = {
        tuple(values): {tuple(key) for key in keys} for values, keys in data["names"]
    }
    return understander


# -- writing -----------------------------------------------------------------------------------


def _arrays(engine: SearchEngine) -> dict[str, npt.NDArray[Any]]:
    lexical = engine.lexical
    arrays: dict[str, npt.NDArray[Any]] = {
        "postings": lexical.postings,
        "offsets": lexical.offsets,
        "df": lexical.df,
        "idf": lexical.idf,
        "impacts": lexical.impacts,
        "reading_rank": engine._reading_rank,
    }
    for facet in FACETS:
        rows, codes = engine.facets._pairs[facet]
        arrays[f"facet-{facet}-rows"] = rows
        arrays[f"facet-{facet}-codes"] = codes
        arrays[f"facet-{facet}-rank"] = engine.facets._rank[facet]
    vectors = engine.vectors
    if vectors is not None:
        if vectors.exact:
            arrays["vectors"] = vectors._vectors
        else:
            arrays["codes"] = vectors._codes
            arrays["scales"] = vectors._scales
            arrays["bits"] = vectors._bits
    return arrays


def save_index(engine: SearchEngine, directory: Path, counts: Mapping[str, int]) -> Path:
    """Write ``engine`` under ``directory`` for its stamp; return the folder written.

    Older generations beyond :data:`KEEP` are removed (a process still mapping their files
    keeps reading them: the system frees them when the last mapping goes)."""
    if engine.stamp is None:
        raise ValueError("only an engine stamped with its store's generation can be saved")
    model = engine.embedder.name if engine.embedder is not None and engine.vectors else None
    directory.mkdir(parents=True, exist_ok=True)
    final = directory / _folder_name(engine.stamp, model)
    if (final / MANIFEST).is_file():
        return final  # another process wrote this generation already
    staging = Path(tempfile.mkdtemp(dir=directory, prefix=".building-"))
    try:
        sizes: dict[str, int] = {}
        lines: list[bytes] = [
            json.dumps(_document_json(d), ensure_ascii=False).encode() for d in engine.documents
        ]
        offsets = np.zeros(len(lines) + 1, dtype=np.int64)
        np.cumsum([len(line) for line in lines], out=offsets[1:])
        arrays = _arrays(engine)
        arrays["documents"] = np.frombuffer(b"".join(lines), dtype=np.uint8)
        arrays["document_offsets"] = offsets
        for name, array in arrays.items():
            np.save(staging / f"{name}.npy", np.ascontiguousarray(array))
        lexical = engine.lexical
        tables = {
            "languages": list(lexical.languages),
            "keys": lexical.keys,
            "surfaces": lexical.surfaces,
            "facet_values": engine.facets.values,
            "ids": list(engine.rows),
        }
        tables["understander"] = _understander_json(engine.understander)
        (staging / "tables.json").write_text(json.dumps(tables, ensure_ascii=False), "utf-8")
        for path in staging.iterdir():
            sizes[path.name] = path.stat().st_size
        manifest = {
            "format": FORMAT,
            "stamp": engine.stamp,
            "model": model,
            "size": len(engine.documents),
            "terms": len(lexical.keys),
            "counts": dict(counts),
            "files": sizes,
        }
        (staging / MANIFEST).write_text(json.dumps(manifest, indent=1), "utf-8")
        try:
            os.replace(staging, final)
        except OSError:
            if not (final / MANIFEST).is_file():
                raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    _prune(directory, keep=final)
    return final


def _prune(directory: Path, keep: Path) -> None:
    folders = [p for p in directory.iterdir() if p.is_dir() and not p.name.startswith(".")]
    folders.sort(key=lambda p: p.stat().st_mtime, reverse=True)
    for old in [p for p in folders if p != keep][KEEP - 1 :]:
        shutil.rmtree(old, ignore_errors=True)


# -- opening -----------------------------------------------------------------------------------


def open_index(
    directory: Path,
    stamp: str,
    embedder: Embedder | None,
    counts: Mapping[str, int],
) -> SearchEngine | None:
    """The engine saved for ``stamp`` and this embedder's model, memory-mapped; None when there
    is none or it cannot be trusted (the caller then rebuilds it from the store)."""
    folder = directory / _folder_name(stamp, embedder.name if embedder is not None else None)
    if not (folder / MANIFEST).is_file():
        return None
    try:
        return _open(folder, stamp, embedder, counts)
    except (OSError, ValueError, KeyError, TypeError, IndexError):
        # damaged, or another store's: never trusted, removed so that it is written again
        shutil.rmtree(folder, ignore_errors=True)
        return None


def _open(
    folder: Path, stamp: str, embedder: Embedder | None, counts: Mapping[str, int]
) -> SearchEngine:
    manifest = json.loads((folder / MANIFEST).read_text("utf-8"))
    model = embedder.name if embedder is not None else None
    if manifest["format"] != FORMAT or manifest["stamp"] != stamp or manifest["model"] != model:
        raise IndexDamagedError("index of another generation, model or format")
    if manifest["counts"] != dict(counts):
        raise IndexDamagedError("index of another store")
    for name, size in manifest["files"].items():
        if (folder / name).stat().st_size != size:
            raise IndexDamagedError(f"{name} has the wrong size")

    def array(name: str) -> npt.NDArray[Any]:
        # a plain view of the mapping: np.memmap's own indexing costs a Python call each time
        loaded: npt.NDArray[Any] = np.load(folder / f"{name}.npy", mmap_mode="r")
        return loaded.view(np.ndarray)

    tables = json.loads((folder / "tables.json").read_text("utf-8"))
    size = int(manifest["size"])
    terms = int(manifest["terms"])
    lexical = LexicalIndex.__new__(LexicalIndex)
    lexical.size = size
    lexical.languages = tuple(tables["languages"])
    lexical.keys = dict(tables["keys"])
    lexical.surfaces = dict(tables["surfaces"])
    lexical.postings = array("postings")
    lexical.offsets = array("offsets")
    lexical.df = array("df")
    lexical.idf = array("idf")
    lexical.impacts = array("impacts")
    lexical._by_length = None
    if not (
        len(lexical.keys) == terms
        and lexical.offsets.shape == (terms + 1,)
        and lexical.df.shape == lexical.idf.shape == (terms,)
        and lexical.postings.shape == lexical.impacts.shape == (int(lexical.offsets[-1]),)
    ):
        raise IndexDamagedError("lexical arrays disagree")

    facets = FacetIndex.__new__(FacetIndex)
    facets.size = size
    facets.values = {facet: list(values) for facet, values in tables["facet_values"].items()}
    facets._pairs = {}
    facets._rank = {}
    for facet in FACETS:
        rows, codes = array(f"facet-{facet}-rows"), array(f"facet-{facet}-codes")
        rank = array(f"facet-{facet}-rank")
        if rows.shape != codes.shape or rank.shape != (len(facets.values[facet]),):
            raise IndexDamagedError(f"facet {facet} arrays disagree")
        facets._pairs[facet] = (rows, codes)
        facets._rank[facet] = rank
    facets.reset_caches()

    vectors = None
    if model is not None:
        vectors = VectorIndex.__new__(VectorIndex)
        vectors.exact = "vectors.npy" in manifest["files"]
        if vectors.exact:
            vectors._vectors = array("vectors")
            vectors.size, vectors.dimension = vectors._vectors.shape
        else:
            vectors._codes, vectors._scales = array("codes"), array("scales")
            vectors._bits = array("bits")
            vectors.size, vectors.dimension = vectors._codes.shape
            if vectors._scales.shape != (size,) or vectors._bits.shape[1] != size:
                raise IndexDamagedError("vector arrays disagree")
        if vectors.size != size or (
            embedder is not None and vectors.dimension != embedder.dimension
        ):
            raise IndexDamagedError("vectors disagree with the documents or the model")

    ids = [str(i) for i in tables["ids"]]
    documents = StoredDocuments(array("documents"), array("document_offsets"))
    reading = array("reading_rank")
    if len(ids) != size or len(documents) != size or reading.shape != (size,):
        raise IndexDamagedError("documents disagree with the index")
    built = BuiltParts(
        rows={record: row for row, record in enumerate(ids)},
        lexical=lexical,
        facets=facets,
        vectors=vectors,
        reading_rank=reading,
        understander=_understander_from(tables["understander"], facets.values),
    )
    return SearchEngine(documents, embedder, stamp=stamp, built=built)
