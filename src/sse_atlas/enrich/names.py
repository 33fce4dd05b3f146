"""Names of people and organisations: folding, keys, kinds of body, acronyms, short forms.

Pure functions over strings, used by entity resolution to decide what a name says.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Final

from rapidfuzz.distance import Levenshtein

NAME_STOPWORDS: Final = frozenset(
    "a au aux d da das de del der des di do dos du e el en et for i l la las le les los of par "
    "para per por pour sur the un une y".split()
)
_HONORIFIC = re.compile(r"^(?:M|Mme|Mmes|Mlle|Mr|Mrs|Ms|Dr|Dra|Pr|Prof|Sr|Sra|Srta|Dña)\.?\s+")
FEMININE: Final = frozenset({"mme", "mmes", "mlle", "mrs", "ms", "dra", "sra", "srta", "dna"})
MASCULINE: Final = frozenset({"m", "mr", "sr"})


# Upper-case words that are not organisations (so shared, they prove nothing).
_COMMON_CAPS: Final = frozenset({"ceo", "ess", "ngo", "ong", "pme", "rse", "sse", "sll", "tic"})
_NICKNAMES: Final = frozenset(
    {
        frozenset(pair)
        for pair in [
            ("bill", "william"),
            ("bob", "robert"),
            ("jim", "james"),
            ("kate", "katherine"),
            ("mike", "michael"),
            ("paco", "francisco"),
            ("pepe", "jose"),
            ("pili", "pilar"),
            ("tony", "anthony"),
        ]
    }
)

# The words that say what kind of body an organisation is, first match (by position) wins.
_TYPES: Final[list[tuple[str, str]]] = [
    ("international-organisation", r"ocde|oecd|oit|ilo|unrisd|uclg|cglu|onu|unesco|"
     r"commission europeenne|european commission|union europeenne|european union"),
    ("local-government", r"mairie|ville|commune|ayuntamiento|ajuntament|gouvernement|region|"
     r"generalitat|intendance|intendencia|district|municipalite|municipalidad|municipality|"
     r"city council|city of|city hall|prefeitura|alcaldia|conseil (?:regional|departemental)"),
    ("government", r"ministere|ministerio|ministry|gobierno|government"),
    ("cooperative", r"s coop|grupo cooperativo|groupe cooperatif|cooperativa|cooperatiu|"
     r"\w*coop(?!erat(?:ion|ive development))\w*"),
    ("network", r"reseau|red de|red del|redes|network|ripess|reas|gsef|plateforme|plate forme|"
     r"plataforma|federation|federacion|confederation|confederacion|alliance"),
    ("university-research", r"universite|universidad|university|universitat|college|institut|"
     r"instituto|institute"),
    ("association-ngo", r"association|asociacion|associacio|fondation|fundacion|fundacio|"
     r"foundation|ong|ngo|a c|ac"),
    ("enterprise", r"s l l|sll|s l|sl|s a|sa|sas|sarl|ltd|inc|gmbh|group|groupe|grupo|groep"),
]  # fmt: skip
_TYPE_PATTERNS: Final = [
    (label, re.compile(rf"(?<!\S)(?:{words})(?!\S)")) for label, words in _TYPES
]

# A city's own council, in the languages catalogues use: kind of body, then the city's name.
_COUNCIL = re.compile(
    r"^(?:mairie|ville|commune|municipalite|ayuntamiento|ajuntament|municipalidad|intendance|"
    r"intendencia|prefeitura|alcaldia|concello|city council|city hall|city of|town council)"
    r"(?: de la| de l| del| de| des| du| d| of| do| da)? (?P<place>.+)$"
)
_COUNCIL_SUFFIX = re.compile(r"^(?P<place>.+) (?:city council|town council|udala)$")
_REGION = re.compile(r"^(?:region|region de|regione|regio) (?P<place>.+)$")


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Accents removed, case folded, anything but letters and digits to single spaces."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", bare).split())


@lru_cache(maxsize=1 << 16)
def natural_key(name: str) -> str:
    """Accents, case, honorifics and punctuation folded: ``Mme. Ana Aguirre`` -> ``ana-aguirre``."""
    return fold(_HONORIFIC.sub("", name.strip())).replace(" ", "-")


@lru_cache(maxsize=1 << 16)
def organisation_type(name: str) -> str | None:
    """What kind of body a name says an organisation is (``Mairie de Lyon`` -> local-government).

    International bodies first (``Comité ... d'UCLG``), then the kind named earliest in the name:
    ``Association coréenne de Gouvernements Locaux`` is an association.
    """
    folded = fold(name)
    found: list[tuple[int, int, str]] = []
    for rank, (label, pattern) in enumerate(_TYPE_PATTERNS):
        match = pattern.search(folded)
        if match:
            found.append((0 if rank == 0 else 1, match.start(), label))
    return min(found)[2] if found else None


@lru_cache(maxsize=1 << 16)
def council_of(name: str) -> tuple[str, str] | None:
    """("council" | "region", place) when a name is a city's council or a region's government."""
    folded = fold(name)
    for kind, pattern in (("council", _COUNCIL), ("council", _COUNCIL_SUFFIX), ("region", _REGION)):
        match = pattern.match(folded)
        if match:
            return kind, match.group("place")
    return None


def initials(name: str) -> str | None:
    """``bccf`` for Bandung Creative City Forum: first letters of its significant words (3+)."""
    words = [w for w in fold(name).split() if w not in NAME_STOPWORDS and not w.isdigit()]
    return "".join(w[0] for w in words) if len(words) >= 3 else None


def same_place(a: str, b: str) -> bool:
    """Folded place names equal, or one letter apart in another language (Barcelone/Barcelona)."""
    a, b = fold(a), fold(b)
    if a == b:
        return True
    close = min(len(a), len(b)) >= 5 and a[:4] == b[:4] and Levenshtein.distance(a, b) <= 1
    return close and digits(a) == digits(b)


def digits(text: str) -> tuple[str, ...]:
    """The numbers in a name: names that differ in them are different things (Lyon 2, Lyon 3)."""
    return tuple(re.findall(r"\d+", text))


def acronyms_in(text: str) -> set[str]:
    words = re.findall(r"[^\W_]+", text)
    caps = {fold(w) for w in words if len(w) >= 3 and w.isupper() and not w.isdigit()}
    return caps - _COMMON_CAPS


def split_organisation(text: str) -> tuple[str, list[str], str | None]:
    """``District de Nakawa, Ville de Kampala`` -> the body, its parents, and their city."""
    parts = [part.strip() for part in text.split(",")]
    head, rest = parts[0], parts[1:]
    parents = [part for part in rest if council_of(part)]
    if not parents or len(parents) != len(rest):
        return text.strip(), [], None
    council = council_of(parents[-1])
    if council is None:
        return head, parents, None
    # the place as written: as many words from the end as the folded place has
    words = list(re.finditer(r"[^\W_]+", parents[-1]))
    count = len(council[1].split())
    written = parents[-1][words[-count].start() :] if len(words) >= count else ""
    return head, parents, written if fold(written) == council[1] else council[1]


def gendered(x: str, y: str) -> bool:
    """Daniel/Daniela, Mario/Maria: one letter that usually marks a different person."""
    short, long = sorted((x, y), key=len)
    if long in (short + "a", short + "e"):  # Daniel/Daniela, Christian/Christiane
        return True
    return len(x) == len(y) and x[:-1] == y[:-1] and {x[-1], y[-1]} <= {"a", "o", "e"}


def short_form(x: str, y: str) -> bool:
    """A first name and a short or familiar form of it (Alex/Alexandre, Tita/Dwinita)."""
    short, long = sorted((x, y), key=len)
    if frozenset((x, y)) in _NICKNAMES:
        return True
    if len(short) < 4 or len(short) == len(long):
        return False
    return long.startswith(short) or long.endswith(short) or long.endswith(short[1:])


def subsequence(short: list[str], long: list[str]) -> bool:
    remaining = iter(long)
    return all(word in remaining for word in short)


@lru_cache(maxsize=1 << 16)
def acronym_pair(name: str) -> tuple[str, str] | None:
    """(long name, acronym) when a name pairs them: ``Long Name - ACR``, ``Long Name (ACR)``,
    ``ACR - Long Name`` or ``ACR Long Name With Words``."""
    name = name.strip()
    patterns = [
        (r"^(?P<long>.+?)\s+[-–]\s+(?P<acr>[^\s()]+)$", True),
        (r"^(?P<long>.+?)\s*\((?P<acr>[^\s()]+)\)$", False),
        (r"^(?P<acr>[^\s()]+)\s+[-–]\s+(?P<long>.+)$", True),
        (r"^(?P<acr>[^\s()]{3,})\s+(?P<long>(?:\S+\s+){2,}\S+)$", True),
    ]
    for pattern, upper_only in patterns:
        match = re.match(pattern, name)
        if not match:
            continue
        acronym, long = match.group("acr"), match.group("long")
        significant = [w for w in fold(long).split() if w not in NAME_STOPWORDS]
        if (acronym.isupper() or not upper_only) and len(significant) >= 2:
            return long.strip(), acronym
    return None


@lru_cache(maxsize=1 << 16)
def joint_parts(name: str) -> tuple[str, ...]:
    """``AERESS-FAEDEI`` -> [AERESS, FAEDEI]: two or more acronyms written as one name."""
    parts = [part for part in re.split(r"\s*[-/]\s*", name.strip()) if part]
    if len(parts) >= 2 and all(len(p) >= 3 and p.isupper() and p.isalpha() for p in parts):
        return tuple(parts)
    return ()
