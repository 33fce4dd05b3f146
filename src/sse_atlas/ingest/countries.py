"""Country names as catalogues print them -> ISO 3166-1 alpha-2 codes.

Names come from three sources, folded into one index built on first use:

1. ``data/country_aliases.tsv``: abbreviations and everyday names that the libraries lack
   (``USA``, ``UK``, ``RDC``...), and "blockers": sub-national places whose name ends with a
   country's name (``New Mexico``, ``Nouvelle-Guinée``, ``Ciudad de México``). Wins over the rest.
2. pycountry's ISO 3166-1 short, official and common names, in English and through its gettext
   catalogues in fr, es, pt, ca, eu, de and it.
3. babel's territory names in the same languages plus English, restricted to ISO 3166-1 codes
   (babel also names continents, the EU, Kosovo, the Canary Islands...: none of those count).

Inverted names (``Corée, République de``) are also indexed the right way round
(``République de Corée``) and by their head (``Palestine``), and ``Myanmar (Birmanie)`` also as
``Myanmar``. A name that means two different countries in the sources (``Korea``, ``Corée``) is
ambiguous and matches nothing.

Keys are folded: accents removed (NFKD), casefolded, every run of punctuation, hyphens,
apostrophes (straight or curly) and spaces turned into one space. Matching is exact on folded keys;
nothing is guessed (no fuzzy matching), and unknown names give ``None`` for the caller to report.

Only sovereign states and ISO 3166-1 territories are countries: ``Pays Basque``, ``Catalogne``,
``Québec``, ``New York``, ``England`` are not. Decisions on ambiguous names:

- ``Mexico``/``México``/``Mexique`` alone are MX: the city of that name lies in the country, so the
  code is right whichever was meant. ``Mexico City, Mexique`` splits as ``("Mexico City", MX)``;
  ``New Mexico``, ``Ciudad de México`` and the like are blockers and give ``None``. The same holds
  for other city-states (``Guatemala``, ``Panama``, ``Luxembourg``, ``Singapour``...).
- Names of countries that are as often a city or region elsewhere, written without its country,
  are blockers too: ``Granada``/``Grenade`` (Spain; Grenada keeps ``Grenada``), ``Salvador``
  (Bahia; ``El Salvador`` stays), ``Guadalupe``, ``San Martín``, ``Santa Lucía``, ``Santa Elena``
  and the word ``Island`` (German for Iceland; ``Rhode Island``). See the alias table.
- ``Congo`` alone is CG (the ISO 3166-1 short name); the other Congo needs ``RDC``,
  ``République démocratique du Congo``, ``Congo-Kinshasa``...
- ``Georgia``/``Géorgie`` is GE, even though a US state shares the name: the catalogues write the
  country last, and a US address ends with ``États-Unis``/``USA``.
- Longest match wins in :func:`split_trailing_country`: ``Guinée-Bissau`` over ``Guinée``,
  ``Soudan du Sud`` over ``Soudan``, ``République Dominicaine`` over nothing (``Dominique`` is DM).
"""

from __future__ import annotations

import functools
import gettext
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import resources

__all__ = [
    "CountryMatch",
    "country_code",
    "country_name",
    "match_country",
    "split_trailing_country",
]

# Languages whose names are indexed: the catalogue languages, and two neighbours that
# catalogues quote now and then.
_BABEL_LANGUAGES = ("en", "fr", "es", "pt", "ca", "eu", "de", "it")
_GETTEXT_LANGUAGES = ("fr", "es", "pt", "ca", "eu", "de", "it")
_ALIASES_RESOURCE = "data/country_aliases.tsv"
_BLOCKER = "-"

# split_trailing_country looks at most this many trailing words.
_MAX_WORDS = 6
# Ignored after the country: whitespace and dots.
_TRAILING_NOISE = " \t\n\r\f\v."
# What may separate the text before a country from the country.
_TRAILING_SEPARATORS = " \t\n,.-–—"
# Letters NFKD leaves whole.
_LETTERS = str.maketrans({"ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "æ": "ae", "œ": "oe"})
_NON_WORD = re.compile(r"[\W_]+")
# A word in the original text; combining marks stay with their letter (decomposed input).
_WORD = re.compile(r"(?:[^\W_]|[\u0300-\u036f])+")
_PARENTHESISED = re.compile(r"^(?P<outer>[^()]+?)\s*\([^()]+\)$")
# Leading articles dropped from un-inverted names ("The Democratic Republic of the Congo").
_ARTICLES = frozenset({"the", "la", "le", "les", "l", "el", "los", "las", "o", "a", "die", "der"})
# An inverted name written by hand ends with one of these ("Corée, République de").
_INVERSION_ENDINGS = frozenset(
    {"of", "the", "de", "du", "des", "d", "la", "le", "del", "do", "da", "dos", "das", "el"}
)

# Tiers, strongest first: hand-written aliases, library names, variants derived from them.
_ALIAS, _DIRECT, _DERIVED = 0, 1, 2


@dataclass(frozen=True)
class CountryMatch:
    """A country recognised in text."""

    code: str  # ISO 3166-1 alpha-2, e.g. "KR"
    as_written: str  # the input exactly as given, stripped of surrounding spaces
    name: str  # English short name from pycountry, e.g. "Korea, Republic of"


def _fold(text: str) -> str:
    """The index key of a name: no accents, casefolded, punctuation runs as single spaces."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _NON_WORD.sub(" ", bare.casefold().translate(_LETTERS)).strip()


def _uninverted(name: str) -> list[str]:
    """Names written the right way round: "Korea, Republic of" -> "Republic of Korea"."""
    if name.count(",") != 1:
        return []
    head, tail = (part.strip() for part in name.split(","))
    if not head or not tail:
        return []
    joined = f"{tail} {head}"
    first, _, rest = _fold(joined).partition(" ")
    return [joined, rest] if first in _ARTICLES and rest else [joined]


def _variants(name: str) -> list[str]:
    """Derived forms of a library name: un-inverted, the head of an inverted name ("Palestine"
    from "Palestine, State of"; "Korea" comes out ambiguous), and the name before a bracket
    ("Myanmar (Birmanie)"). The bracket's content is often a qualifier ("French part"), so it
    is not a name of its own; the synonyms found there are in the alias table.
    """
    found = _uninverted(name)
    if found:
        found.append(name.split(",")[0])
    parts = _PARENTHESISED.match(name)
    if parts:
        found.append(parts["outer"])
    return found


def _library_names(codes: Iterable[str]) -> Iterable[tuple[str, str]]:
    """(code, name) for every name pycountry and babel give an ISO 3166-1 code."""
    import pycountry
    from babel import Locale

    catalogues = [
        gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language], fallback=True)
        for language in _GETTEXT_LANGUAGES
    ]
    for country in pycountry.countries:
        for attribute in ("name", "official_name", "common_name"):
            english = getattr(country, attribute, None)
            if not english:
                continue
            yield country.alpha_2, english
            for catalogue in catalogues:
                yield country.alpha_2, catalogue.gettext(english)
    wanted = frozenset(codes)
    for language in _BABEL_LANGUAGES:
        for code, name in Locale(language).territories.items():
            if code in wanted:
                yield code, name


def _alias_lines() -> list[tuple[str, str]]:
    """(code or "-", name) pairs from the bundled alias table."""
    text = resources.files("sse_atlas").joinpath(_ALIASES_RESOURCE).read_text(encoding="utf-8")
    pairs = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        code, name = line.split("\t")
        pairs.append((code.strip(), name.strip()))
    return pairs


@functools.cache
def _english_names() -> Mapping[str, str]:
    """ISO 3166-1 alpha-2 code -> pycountry's English short name."""
    import pycountry

    return {country.alpha_2: country.name for country in pycountry.countries}


def _build_index() -> dict[str, str | None]:
    """Folded name -> code; None for blockers and ambiguous names (they match, to no country)."""
    names = _english_names()
    # key -> tier -> codes seen there (None for a blocker)
    seen: dict[str, dict[int, set[str | None]]] = {}

    def add(name: str, code: str | None, tier: int) -> None:
        key = _fold(name)
        if key:
            seen.setdefault(key, {}).setdefault(tier, set()).add(code)

    for code, name in _alias_lines():
        if code != _BLOCKER and code not in names:
            raise ValueError(f"{_ALIASES_RESOURCE}: {code!r} is not an ISO 3166-1 alpha-2 code")
        add(name, None if code == _BLOCKER else code, _ALIAS)
    for code, name in _library_names(names):
        add(name, code, _DIRECT)
        for variant in _variants(name):
            add(variant, code, _DERIVED)

    codes: dict[str, str | None] = {}
    for key, tiers in seen.items():
        strongest = tiers[min(tiers)]
        codes[key] = next(iter(strongest)) if len(strongest) == 1 else None
    return codes


@functools.cache
def _index() -> Mapping[str, str | None]:
    """The index, built on first use and kept for the life of the process."""
    return _build_index()


def _lookup(name: str) -> tuple[bool, str | None]:
    """(known, code): known names include blockers and ambiguous names, whose code is None."""
    codes = _index()
    key = _fold(name)
    if key in codes:
        return True, codes[key]
    # A hand-inverted name the libraries spell differently: "Congo, République démocratique du".
    if name.count(",") == 1:
        head, tail = name.split(",")
        tail_words = _fold(tail).split()
        if head.strip() and tail_words and tail_words[-1] in _INVERSION_ENDINGS:
            for variant in _uninverted(name):
                variant_key = _fold(variant)
                if variant_key in codes:
                    return True, codes[variant_key]
    return False, None


def country_code(name: str) -> str | None:
    """The ISO 3166-1 alpha-2 code of a country name, or None when it is not one we know.

    >>> country_code("Corée, République de")
    'KR'
    """
    match = match_country(name)
    return match.code if match else None


def match_country(name: str) -> CountryMatch | None:
    """The country that the whole of ``name`` names, or None (unknown, ambiguous, or a region)."""
    as_written = name.strip()
    if not as_written:
        return None
    _, code = _lookup(as_written)
    if code is None:
        return None
    return CountryMatch(code=code, as_written=as_written, name=_english_names()[code])


def split_trailing_country(text: str) -> tuple[str, CountryMatch] | None:
    """Split a place line into what comes before its country, and the country.

    Trailing spaces and dots are ignored. The longest country name made of the last one to six
    words wins, and the text before it loses its trailing separators (spaces, commas, dots,
    hyphens): ``"Koopera. Munguía, Pays Basque, Espagne"`` -> ``("Koopera. Munguía, Pays Basque",
    ES)``; ``"Cap Vert"`` -> ``("", CV)``. The text returned is always a prefix of ``text``, and
    the match's ``as_written`` the slice of ``text`` naming the country. None when the text does
    not end with a country, or ends with a region or city whose name ends like a country's
    (``New Mexico``) or is ambiguous (``Korea``): the caller reports it rather than guess.
    """
    stripped = text.rstrip(_TRAILING_NOISE)
    starts = [word.start() for word in _WORD.finditer(stripped)]
    if not starts or not _WORD.fullmatch(stripped[-1]):
        return None
    for start in starts[-_MAX_WORDS:]:
        candidate = stripped[start:]
        known, code = _lookup(candidate)
        if not known:
            continue
        if code is None:
            return None
        before = stripped[:start].rstrip(_TRAILING_SEPARATORS)
        return before, CountryMatch(code=code, as_written=candidate, name=_english_names()[code])
    return None


@functools.cache
def _territories(language: str) -> Mapping[str, str]:
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(language).territories
    except (UnknownLocaleError, ValueError) as error:
        raise ValueError(f"unknown language {language!r}") from error


def country_name(code: str, language: str = "en") -> str | None:
    """The display name of an ISO 3166-1 alpha-2 code in ``language`` (babel), or None.

    >>> country_name("KR", "fr")
    'Corée du Sud'
    """
    upper = code.strip().upper()
    if upper not in _english_names():
        return None
    return _territories(language).get(upper)
