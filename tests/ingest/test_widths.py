"""Printed widths of typeset lines, estimated from their characters."""

from __future__ import annotations

from sse_atlas.ingest.widths import FULL_SHARE, filled_evenly, printed_width, proportional_width


def test_widths_narrow_and_wide_letters() -> None:
    assert (printed_width("illicite") < printed_width("maximum"), printed_width("")) == (True, 0.0)


def test_widths_accents_as_their_letter() -> None:
    assert printed_width("économie") == printed_width("economie")


def test_widths_full_lines_of_a_justified_paragraph() -> None:
    full = "Le projet vise à renforcer les liens entre les habitants du quartier"
    texts = [full] * 30 + ["et la mairie."] * 5
    assert proportional_width(texts) == printed_width(full) * FULL_SHARE


def test_widths_one_paragraph_per_line_has_no_width() -> None:
    assert proportional_width(["court"] * 30) is None


def test_widths_fixed_font_wrap_is_filled_evenly() -> None:
    assert filled_evenly(["a" * 58, "b" * 60, "c" * 59, "d" * 40], 60) is True


def test_widths_proportional_lines_are_not_filled_evenly() -> None:
    assert filled_evenly(["a" * 50, "b" * 60, "c" * 52, "d" * 49, "e" * 55], 60) is False
