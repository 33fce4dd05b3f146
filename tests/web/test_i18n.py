"""Interface languages: complete catalogues, consistent placeholders, negotiation."""

from __future__ import annotations

import io
import re
from importlib import resources
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from sse_atlas.enrich.regions import CONTINENTS, UN_REGIONS
from sse_atlas.web import i18n

WEB = Path(str(resources.files("sse_atlas.web")))
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "N_": None, "not_found": (2,)}
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


def _extracted() -> set[str | tuple[str, ...]]:
    found: set[str | tuple[str, ...]] = set()
    template_options = {"extensions": "jinja2.ext.i18n", "trim_blocks": "true"}
    for _, _, message, _, _ in extract_from_dir(
        str(WEB),
        method_map=[("**.py", "python"), ("**/templates/**.html", "jinja2")],
        keywords=KEYWORDS,
        options_map={"**/templates/**.html": template_options},
    ):
        found.add(message)
    return found


def _catalog(language: str) -> Catalog:
    return read_po(io.StringIO(i18n.catalogue_text(language)), locale=language)


def test_i18n_every_message_in_every_catalogue() -> None:
    extracted = {m if isinstance(m, str) else m[0] for m in _extracted()}
    missing = {
        language: sorted(
            extracted
            - {str(m.id if isinstance(m.id, str) else m.id[0]) for m in _catalog(language) if m.id}
        )
        for language in i18n.LANGUAGES
    }
    assert missing == {"en": [], "fr": [], "es": []}


@pytest.mark.parametrize("language", ["fr", "es"])
def test_i18n_every_message_translated(language: str) -> None:
    untranslated = [
        m.id
        for m in _catalog(language)
        if m.id and (not m.string or m.fuzzy or (isinstance(m.string, tuple) and not all(m.string)))
    ]
    assert untranslated == []


@pytest.mark.parametrize("language", ["fr", "es"])
def test_i18n_placeholders_kept(language: str) -> None:
    wrong = []
    for message in _catalog(language):
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (str(message.id),)
        strings = message.string if isinstance(message.string, tuple) else (str(message.string),)
        expected = set(PLACEHOLDER.findall(str(ids[-1])))
        for string in strings:
            if set(PLACEHOLDER.findall(string)) != expected:
                wrong.append((ids[0], string))
    assert wrong == []


@pytest.mark.parametrize("language", ["fr", "es"])
def test_i18n_regions_translated(language: str) -> None:
    gettext = i18n.translations(language).gettext
    same = [name for name in (*CONTINENTS, *UN_REGIONS) if gettext(name) == name]
    allowed = {"fr": ["Europe"], "es": ["Asia", "Melanesia", "Micronesia"]}
    assert same == allowed[language]


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (None, []),
        ("", []),
        ("fr-CH, fr;q=0.9, en;q=0.8, de;q=0.7, *;q=0.5", ["fr-CH", "fr", "en", "de"]),
        ("en;q=0.2, es", ["es", "en"]),
        ("es;q=0, fr;q=bad, en", ["en"]),
    ],
)
def test_i18n_accept_language_parsed(header: str | None, expected: list[str]) -> None:
    assert i18n.parse_accept_language(header) == expected


@pytest.mark.parametrize(
    ("chosen", "remembered", "header", "expected"),
    [
        (None, None, None, "en"),
        ("es", "fr", "en", "es"),
        ("xx", "fr", "en", "fr"),
        (None, None, "de, pt-BR, es-419;q=0.5", "es"),
        (None, "FR", None, "fr"),
    ],
)
def test_i18n_negotiated(
    chosen: str | None, remembered: str | None, header: str | None, expected: str
) -> None:
    assert i18n.negotiate(chosen, remembered, header) == expected


def test_i18n_unknown_language_refused() -> None:
    with pytest.raises(KeyError):
        i18n.translations("de")


@pytest.mark.parametrize("language", ["fr", "en", "es"])
def test_i18n_catalogue_well_formed_without_duplicates(language: str) -> None:
    text = i18n.catalogue_text(language)
    ids = re.findall(r'^msgid (".*")$', text, flags=re.M)
    read_po(io.StringIO(text), locale=language, abort_invalid=True)  # a msgid needs its msgstr
    assert sorted({i for i in ids if ids.count(i) > 1 and i != '""'}) == []
