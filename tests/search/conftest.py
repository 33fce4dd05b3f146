"""Search fixtures: small hand-made documents and a deterministic stand-in for the encoder."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import numpy as np
import pytest

from sse_atlas.search.documents import SearchDocument
from sse_atlas.search.semantic import FloatMatrix, normalise
from sse_atlas.search.text import words


class HashingEmbedder:
    """Bag of hashed words: texts sharing words are close. Counts the texts it embeds."""

    name = "hashing-test/1"
    dimension = 64

    def __init__(self) -> None:
        self.embedded = 0

    def embed(self, texts: Sequence[str]) -> FloatMatrix:
        self.embedded += len(texts)
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in words(text):
                digest = hashlib.blake2b(word.encode(), digest_size=4).digest()
                out[row, int.from_bytes(digest, "little") % self.dimension] += 1.0
        out[:, 0] += 1e-3  # no zero vector
        return normalise(out)


def document(
    code: str, title: str, body: str = "", facets: dict[str, tuple[str, ...]] | None = None
) -> SearchDocument:
    return SearchDocument(
        id=f"test/{code}",
        code=code,
        kind="initiative",
        title=title,
        catalogue="test",
        body=body,
        fields=(("title", title), ("body", body)),
        semantic_text=f"{title}\n{body}",
        facets=facets or {},
        language="fr",
    )


@pytest.fixture
def documents() -> list[SearchDocument]:
    return [
        document(
            "1.1",
            "Monnaie sociale",
            "Une monnaie locale pour l'économie solidaire.",
            {"country": ("BR",), "continent": ("Americas",), "theme": ("T3",)},
        ),
        document(
            "1.2",
            "Coopératives d'habitation",
            "Des coopératives de logement à Montréal.",
            {"country": ("CA",), "continent": ("Americas",), "theme": ("T1",)},
        ),
        document(
            "1.3",
            "Économie circulaire",
            "Recyclage et réemploi des déchets par des coopératives.",
            {"country": ("ES",), "continent": ("Europe",), "theme": ("T1", "T4")},
        ),
        document(
            "2.1",
            "Finances éthiques",
            "Une banque coopérative pour l'économie sociale.",
            {"country": ("ES",), "continent": ("Europe",), "theme": ("T3",)},
        ),
    ]
