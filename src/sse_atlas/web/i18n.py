"""Interface languages: gettext catalogues (``locale/*/LC_MESSAGES/messages.po``) and negotiation.

Catalogues ship as ``.po`` text and are compiled in memory when first used, so the repository holds
no binary ``.mo`` files. Catalogue text (titles, descriptions, names) is never translated: it is
shown as written.
"""

from __future__ import annotations

import gettext
import io
from functools import cache
from importlib import resources
from typing import Final

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

LANGUAGES: Final = ("en", "fr", "es")
DEFAULT_LANGUAGE: Final = "en"
# each language named in itself, for the switcher
LANGUAGE_NAMES: Final = {"en": "English", "fr": "Français", "es": "Español"}
DOMAIN: Final = "messages"


def catalogue_text(language: str) -> str:
    """The ``.po`` source of ``language``."""
    path = resources.files("sse_atlas.web").joinpath(
        "locale", language, "LC_MESSAGES", f"{DOMAIN}.po"
    )
    return path.read_text(encoding="utf-8")


@cache
def translations(language: str) -> gettext.NullTranslations:
    """Compiled translations of ``language`` (fuzzy entries left out, as ``msgfmt`` does)."""
    if language not in LANGUAGES:
        raise KeyError(f"unsupported interface language {language!r}")
    catalog = read_po(io.StringIO(catalogue_text(language)), locale=language, domain=DOMAIN)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def supported(language: str | None) -> str | None:
    """``language`` (``fr``, ``fr-CA``, ``FR``) as an interface language, or None."""
    if not language:
        return None
    primary = language.strip().split("-")[0].split("_")[0].lower()
    return primary if primary in LANGUAGES else None


def parse_accept_language(header: str | None) -> list[str]:
    """Language tags of an ``Accept-Language`` header, best first (``q=0`` dropped)."""
    if not header:
        return []
    weighted: list[tuple[float, int, str]] = []
    for index, part in enumerate(header[:1000].split(",")):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        for param in params.split(";"):
            name, _, value = param.strip().partition("=")
            if name.strip() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if tag and tag != "*" and quality > 0:
            weighted.append((-quality, index, tag.strip()))
    return [tag for _, _, tag in sorted(weighted)]


def negotiate(chosen: str | None, remembered: str | None, accept_language: str | None) -> str:
    """The interface language: one chosen in the URL, else remembered, else the browser's."""
    for candidate in (chosen, remembered, *parse_accept_language(accept_language)):
        found = supported(candidate)
        if found:
            return found
    return DEFAULT_LANGUAGE
