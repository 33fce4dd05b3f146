"""What search keeps beside the database: embedding vectors, and a cheap stamp of the content.

Vectors live in the user's cache folder (``~/.cache/sse-atlas/vectors/``, or
``$SSE_ATLAS_CACHE_DIR/vectors``), one file per embedding model and version, each row keyed by
a hash of the text it embeds. A changed record gets a new key and is embedded again; a new model
or version starts a new file.

The stamp changes with every write to the store (ingest, enrichment, edit), so search knows when
to rebuild its index without reading every record.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from pathlib import Path

import numpy as np
import numpy.typing as npt

from sse_atlas.enrich.gazetteer import default_cache_dir
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


def _file_name(model: str) -> str:
    slug = re.sub(r"[^A-Za-z0-9.]+", "-", model).strip("-")
    return f"vectors-{slug}.npz"


class VectorCache:
    """Embedding vectors of one model, keyed by the hash of the text embedded."""

    def __init__(self, directory: Path | None, model: str) -> None:
        self.model = model
        self.path = directory / _file_name(model) if directory is not None else None

    def load(self) -> dict[str, FloatMatrix]:
        """Vectors by text hash; empty when there is no cache or it is unreadable."""
        if self.path is None or not self.path.exists():
            return {}
        try:
            with np.load(self.path, allow_pickle=False) as data:
                if str(data["model"]) != self.model:
                    return {}
                keys = [str(k) for k in data["keys"]]
                vectors = data["vectors"].astype(np.float32)
        except (OSError, ValueError, KeyError):
            return {}  # a damaged cache is rebuilt, never trusted
        return dict(zip(keys, vectors, strict=True))

    def save(self, keys: list[str], vectors: FloatMatrix) -> None:
        """Replace the cache atomically (float16 on disk: half the size, cosine error < 1e-3)."""
        if self.path is None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=self.path.parent, suffix=".npz")
        try:
            with os.fdopen(handle, "wb") as stream:
                np.savez(
                    stream,
                    model=np.array(self.model),
                    keys=np.array(keys, dtype=str),
                    vectors=vectors.astype(np.float16),
                )
            os.replace(temporary, self.path)
        except OSError:
            Path(temporary).unlink(missing_ok=True)
