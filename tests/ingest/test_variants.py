"""The seed catalogue as other converters print it gives the same records as the seed itself.

Every field of every initiative and coordinated workshop is compared with the seed's parse.
Descriptions are compared after whitespace normalisation; a word hyphenated at a line end whose
hyphen may or may not belong to it (the document writes both forms) is the only tolerated
difference, and it is counted.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from sse_atlas.ingest.catalogue import ParseResult, build_catalogue
from sse_atlas.ingest.lines import lines_from_string
from sse_atlas.ingest.pdf import read_pdf_lines

from . import variants
from .renderings import Fields, fields

# Hyphens inside words, the one thing a line-end break can leave ambiguous.
_INNER_HYPHEN = re.compile(r"(?<=\w)-(?=\w)")


def differences(expected: Fields, found: Fields) -> dict[str, tuple[object, object]]:
    return {
        key: (value, found.get(key))
        for key, value in expected.items()
        if found.get(key) != value and not key.endswith(" description")
    }


def description_differences(expected: Fields, found: Fields) -> tuple[int, list[str]]:
    """(descriptions that differ only by an ambiguous hyphen, those that differ otherwise)."""
    hyphen_only = 0
    other: list[str] = []
    for key, value in expected.items():
        if not key.endswith(" description") or found.get(key) == value:
            continue
        seen = found.get(key)
        if (
            isinstance(value, str)
            and isinstance(seen, str)
            and _INNER_HYPHEN.sub("", value) == _INNER_HYPHEN.sub("", seen)
        ):
            hyphen_only += 1
        else:
            other.append(key)
    return hyphen_only, other


def parse_text(text: str) -> ParseResult:
    return build_catalogue(lines_from_string(text, "doc"), "doc")


@pytest.fixture(scope="module")
def seed_text() -> str:
    return variants.seed_text()


@pytest.fixture(scope="module")
def expected(seed_text: str) -> Fields:
    return fields(parse_text(seed_text))


TEXT_VARIANTS: dict[str, Callable[[str], str]] = {
    "wrapped-76": lambda text: variants.wrapped(text, 76),
    "wrapped-72-crudely-hyphenated": lambda text: variants.wrapped(
        text, 72, hyphenate_every=1, crude=True
    ),
    "no-blank-lines-78": lambda text: variants.without_blank_lines(text, 78),
    "no-blank-lines-paged-74-crude": lambda text: variants.paged(
        variants.without_blank_lines(text, 74, crude=True)
    ),
    "paged-blank-around-80": lambda text: variants.paged(
        variants.wrapped(text, 80), blank_around=True
    ),
    "crlf-doubled-blanks-75": lambda text: variants.crlf_doubled(variants.wrapped(text, 75)),
    "markdown": variants.markdown,
    "markdown-wrapped-72": lambda text: variants.markdown(text, 72),
}


@pytest.fixture(scope="module", params=sorted(TEXT_VARIANTS))
def variant(request: pytest.FixtureRequest, seed_text: str) -> Fields:
    return fields(parse_text(TEXT_VARIANTS[request.param](seed_text)))


@pytest.fixture(scope="module")
def pdf_variant(tmp_path_factory: pytest.TempPathFactory, seed_text: str) -> Fields:
    path = variants.pdf(tmp_path_factory.mktemp("variants") / "gsef.pdf", seed_text)
    return fields(build_catalogue(read_pdf_lines(path), "doc"))


@pytest.fixture(scope="module")
def expected_in_pdf(expected: Fields) -> Fields:
    """The seed's values with the characters the PDF's font cannot print as ``?``."""
    return {
        key: variants.printed_in_pdf(value) if isinstance(value, str) else value
        for key, value in expected.items()
    }


def test_variants_text_every_field_but_descriptions_is_the_seeds(
    expected: Fields, variant: Fields
) -> None:
    assert differences(expected, variant) == {}


def test_variants_text_descriptions_differ_only_by_ambiguous_hyphens(
    expected: Fields, variant: Fields
) -> None:
    hyphen_only, other = description_differences(expected, variant)
    assert (hyphen_only <= 3, other) == (True, [])


def test_variants_pdf_every_field_but_descriptions_is_the_seeds(
    expected_in_pdf: Fields, pdf_variant: Fields
) -> None:
    assert differences(expected_in_pdf, pdf_variant) == {}


def test_variants_pdf_descriptions_differ_only_by_ambiguous_hyphens(
    expected_in_pdf: Fields, pdf_variant: Fields
) -> None:
    hyphen_only, other = description_differences(expected_in_pdf, pdf_variant)
    assert (hyphen_only <= 3, other) == (True, [])


def test_variants_hostile_catalogue_keeps_its_entries_and_drops_the_markup(
    seed_text: str,
) -> None:
    excerpt = "\n".join(seed_text.splitlines()[:260])
    catalogue = parse_text(variants.hostile(excerpt)).catalogue
    seed = parse_text(excerpt).catalogue
    texts = [i.title + (i.description or "") for i in catalogue.initiatives]

    assert [i.code for i in catalogue.initiatives] == [i.code for i in seed.initiatives]
    assert [text for text in texts if "<script" in text or "\x1b" in text] == []
