"""What search keeps beside the database: embedding vectors, and a cheap stamp of the content.

Vectors live in the user's cache folder (``~/.cache/sse-atlas/vectors/``, or
``$SSE_ATLAS_CACHE_DIR/vectors``), one folder of shards per embedding model and version, each
row keyed by a hash of the text it embeds. A changed record gets a new key and is embedded
again; a new model or version starts a new folder. Writes only add shards (see
:class:`VectorCache`), so an ingest never rewrites what is already cached.

The stamp changes with every write to the store (ingest, enrichment, edit), so search knows when
to rebuild its index without reading every record.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import re
import secrets
import tempfile
import time
import zipfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from sse_atlas.enrich.gazetteer import default_cache_dir
from sse_atlas.ingest.limits import MAX_CACHE_ROWS, MAX_CACHE_SHARDS
from sse_atlas.store.base import Repository
from sse_atlas.store.sql import SQLRepository

FloatMatrix = npt.NDArray[np.float32]


def content_stamp(repository: Repository) -> str:
    """A string that changes whenever records are ingested, enriched again or edited.

    The SQL store counts its write transactions; the count is read through the primary key, so
    the stamp costs the same at any size.
    """
    parts: list[object] = []
    if isinstance(repository, SQLRepository):
        parts.append(("generation", repository.generation()))
    else:  # a backend without a write counter: counts and the edits themselves
        parts.append(sorted(repository.counts().items()))
        parts.append([(e.record_id, e.field, e.edited_at.isoformat()) for e in repository.edits()])
    return hashlib.blake2b(repr(parts).encode("utf-8"), digest_size=16).hexdigest()


def cache_directory(repository: Repository) -> Path:
    """The folder of vector caches: shared by every knowledge base of this user.

    Rows are keyed by the hash of the text embedded, so knowledge bases holding the same
    catalogue (a copy, a test database, the built-in one) embed it once.
    """
    del repository  # one cache for all: the key is the text, not the database
    return default_cache_dir() / "vectors"


def _folder_name(model: str) -> str:
    slug = re.sub(r"[^A-Za-z0-9.]+", "-", model).strip("-")
    return f"vectors-{slug}"


def _shard_name() -> str:
    # time first, so that names sort oldest first; pid and random bits keep writers apart
    return f"{time.time_ns():020d}-{os.getpid()}-{secrets.token_hex(4)}{SHARD_SUFFIX}"


SHARD_SUFFIX = ".npz"


@dataclass(frozen=True)
class Shard:
    """One file of the cache: the rows one write added (or a compaction merged)."""

    path: Path
    keys: list[str]
    vectors: FloatMatrix


class VectorCache:
    """Embedding vectors of one model, keyed by the hash of the text embedded.

    The cache is a folder of shards, ``vectors-<model>/<time>-<pid>-<random>.npz``. A write
    adds one shard holding only the new rows (written to a temporary name, then renamed: a
    reader never sees half a file, and two processes writing at once each add their own).
    When there are more than ``max_shards`` shards, the next write merges them into one and
    keeps at most ``max_rows`` rows: the rows just used first, then the most recently written.
    A shard that cannot be read is ignored, removed, and its rows are embedded again.
    """

    def __init__(
        self,
        directory: Path | None,
        model: str,
        *,
        max_rows: int = MAX_CACHE_ROWS,
        max_shards: int = MAX_CACHE_SHARDS,
    ) -> None:
        self.model = model
        self.folder = directory / _folder_name(model) if directory is not None else None
        self.max_rows = max_rows
        self.max_shards = max_shards

    def shards(self) -> list[Path]:
        """The shard files, oldest first (the single file of earlier versions before them all:
        it is read like a shard, and removed by the next merge)."""
        if self.folder is None:
            return []
        legacy = self.folder.parent / f"{self.folder.name}{SHARD_SUFFIX}"
        found = [legacy] if legacy.is_file() else []
        if self.folder.is_dir():
            found.extend(sorted(p for p in self.folder.iterdir() if p.name.endswith(SHARD_SUFFIX)))
        return found

    def _read(self, path: Path) -> Shard | None:
        try:
            with path.open("rb") as stream, np.load(stream, allow_pickle=False) as data:
                if str(data["model"]) != self.model:
                    return None
                keys = [str(k) for k in data["keys"]]
                vectors = data["vectors"].astype(np.float32)
            if vectors.ndim != 2 or len(keys) != len(vectors):
                raise ValueError("keys and vectors differ in length")
        except FileNotFoundError:
            return None  # merged and removed by another process since it was listed
        except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile):
            path.unlink(missing_ok=True)  # damaged: never trusted, its rows are embedded again
            return None
        return Shard(path, keys, vectors)

    def load(self) -> dict[str, FloatMatrix]:
        """Vectors by text hash; empty when there is no cache. Newer shards win."""
        known: dict[str, FloatMatrix] = {}
        for path in self.shards():
            shard = self._read(path)
            if shard is not None:
                known.update(zip(shard.keys, shard.vectors, strict=True))
        return known

    def add(self, keys: list[str], vectors: FloatMatrix, used: Iterable[str] = ()) -> None:
        """Write the new rows as one shard; merge the shards when there are too many.

        ``used`` are the keys the caller needs now: a merge keeps them before any other.
        """
        if self.folder is None or not keys:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        self._write(keys, vectors)
        if len(self.shards()) > self.max_shards:
            self.compact(used)

    def compact(self, used: Iterable[str] = ()) -> None:
        """Merge every shard into one of at most ``max_rows`` rows (one process at a time)."""
        if self.folder is None:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        with _exclusive(self.folder / ".compact.lock") as owned:
            if not owned:
                return  # another process is merging the same shards
            paths = self.shards()
            known: dict[str, FloatMatrix] = {}
            for path in paths:
                shard = self._read(path)
                if shard is not None:
                    known.update(zip(shard.keys, shard.vectors, strict=True))
            wanted = [key for key in dict.fromkeys(used) if key in known]
            newest = [key for key in reversed(list(known)) if key not in set(wanted)]
            kept = (wanted + newest)[: self.max_rows]
            if kept:
                self._write(kept, np.stack([known[key] for key in kept]))
            for path in paths:
                path.unlink(missing_ok=True)

    def _write(self, keys: list[str], vectors: FloatMatrix) -> None:
        """One shard, atomically (float16 on disk: half the size, cosine error < 1e-3)."""
        assert self.folder is not None
        handle, temporary = tempfile.mkstemp(dir=self.folder, suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as stream:
                np.savez(
                    stream,
                    model=np.array(self.model),
                    keys=np.array(keys, dtype=str),
                    vectors=vectors.astype(np.float16),
                )
            os.replace(temporary, self.folder / _shard_name())
        except OSError:
            Path(temporary).unlink(missing_ok=True)  # a full disk costs a re-embedding, no more


@contextmanager
def _exclusive(path: Path) -> Iterator[bool]:
    """Whether this process holds the lock file ``path`` (never waits for it)."""
    with path.open("a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
