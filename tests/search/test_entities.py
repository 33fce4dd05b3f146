"""Result types asked for by name."""

from __future__ import annotations

import pytest

from sse_atlas.search.entities import parse_types


def test_parse_types_keeps_order_without_repeats() -> None:
    assert parse_types("person, initiative,person") == ("person", "initiative")


@pytest.mark.parametrize("text", ["", "initiative,workshops", " , "])
def test_parse_types_unknown_is_clear_error(text: str) -> None:
    with pytest.raises(ValueError, match="use a comma-separated list of initiative"):
        parse_types(text)
