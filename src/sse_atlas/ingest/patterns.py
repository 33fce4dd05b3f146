"""The shapes of catalogue lines, in the languages forum catalogues are printed in.

One place for every regular expression and word list the segmenter relies on, so a new
language or a new edition's wording is added here and nowhere else.
"""

from __future__ import annotations

import functools
import re
import unicodedata

MONTHS: dict[str, int] = {
    # fr
    "janvier": 1, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7,
    "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11, "decembre": 12,
    # es
    "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7,
    "agosto": 8, "septiembre": 9, "setiembre": 9, "octubre": 10, "noviembre": 11, "diciembre": 12,
    # en
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    # pt
    "janeiro": 1, "fevereiro": 2, "marco": 3, "maio": 5, "junho": 6, "julho": 7,
    "setembro": 9, "outubro": 10, "dezembro": 12,
    # ca
    "gener": 1, "febrer": 2, "marc": 3, "juny": 6, "juliol": 7, "agost": 8, "setembre": 9,
    "desembre": 12,
    # eu
    "urtarrila": 1, "otsaila": 2, "martxoa": 3, "apirila": 4, "maiatza": 5, "ekaina": 6,
    "uztaila": 7, "abuztua": 8, "iraila": 9, "urria": 10, "azaroa": 11, "abendua": 12,
}  # fmt: skip

WEEKDAYS = (
    "lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|"
    "lunes|martes|miercoles|jueves|viernes|sabado|domingo|"
    "monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    "segunda|terca|quarta|quinta|sexta|"
    "dilluns|dimarts|dimecres|dijous|divendres|dissabte|diumenge|"
    "astelehena|asteartea|asteazkena|osteguna|ostirala|larunbata|igandea"
)


@functools.lru_cache(maxsize=16384)
def fold(text: str) -> str:
    """Accents removed and case folded, for matching words whatever the keyboard."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


_MONTH_ALT = "|".join(sorted((m.strip() for m in MONTHS), key=len, reverse=True))
DAY_HEADER = re.compile(
    rf"^(?:(?:{WEEKDAYS})s?[ ,/|–-]*)?(\d{{1,2}})(?:er|st|nd|rd|th|º|°)?\s*(?:de\s+)?"
    rf"({_MONTH_ALT})(?:\s+(?:de\s+)?(\d{{4}}))?\s*(?:[/|,–-]\s*)?(?:(?:{WEEKDAYS})s?)?\s*$"
)
# English puts the month first: "Monday / October 1", "October 1st, 2018".
DAY_HEADER_MONTH_FIRST = re.compile(
    rf"^(?:(?:{WEEKDAYS})s?[ ,/|–-]*)?({_MONTH_ALT})\s+(\d{{1,2}})(?:st|nd|rd|th)?"
    rf"(?:,?\s+(\d{{4}}))?\s*(?:[/|,–-]\s*)?(?:(?:{WEEKDAYS})s?)?\s*$"
)
SESSION_HEADER = re.compile(
    r"^(?:ateliers|talleres|tallers|workshops|oficinas|tailerrak)?\s*"
    r"(?:session|sesion|sessao|sessio|saioa)\s+(\d{1,2})\s*[:.]?\s*$"
)
# Numbering starts at 1: a wrapped line starting "2.0. Innovation" is not a heading.
CODE3 = re.compile(r"^([1-9]\d?)\.([1-9]\d?)\.([1-9]\d?)\.?(?=\s|$)\s*(.*)$")
CODE2 = re.compile(r"^([1-9]\d?)\.([1-9]\d?)\.?(?=\s|$)\s*(.*)$")
CODE_ONLY = re.compile(r"^[1-9]\d?(?:\.[1-9]\d?){1,2}\.?$")
LIST_ITEM = re.compile(r"^(\d{1,2})\s?[.)]\s+(.*)$")
BULLET = re.compile(r"^(?:[-•–·▪◦*]\s+|[a-z][-)]\s+|\([a-z0-9]\)\s+)")
PAGE_NUMBER = re.compile(
    r"^(?:page|p\.|pag\.?|pág\.?|página|orr\.?)?\s*[-–—]?\s*\d{1,4}\s*[-–—]?\s*"
    r"(?:(?:/|sur|of|de|du)\s*\d{1,4})?$",
    re.IGNORECASE,
)
URL = re.compile(
    r"<\s*((?:https?://|www\.)[^<>]+?)\s*>"
    r"|((?:https?://|www\.)[^\s<>]*[^\s<>.,;:)\]»\"'](?: [a-z]{2,3}$)?)",
    re.IGNORECASE,
)
COORDINATED = re.compile(
    r"\b(?:coordonn[ée]e?s?|organis[ée]e?s?|coordinad[oa]s?|organizad[oa]s?|coordinated|"
    r"organi[sz]ed|hosted|animé|animée|antolatua|koordinatua)\s+(?:par|por|by|per)\s+",
    re.IGNORECASE,
)
MODERATOR = re.compile(
    r"(?:^|[\s.*(])(mod[ée]rat(?:eur|rice)|moderador[a]?|moderator|moderatzailea|"
    r"modérateurs|moderadores)\s*:?\s*",
    re.IGNORECASE,
)
OPENING = re.compile(r"(?:^|[\s.])(ouverture|apertura|opening|inauguration)\s*:\s*", re.IGNORECASE)
HONORIFIC = re.compile(
    r"^(M\.|Mme\.?|Mmes\.?|MM\.|Mlle\.?|Mr\.?|Mrs\.?|Ms\.?|Dr\.?|Dra\.?|Pr\.?|Prof\.?|Sr\.?|"
    r"Sra\.?|Srta\.?|D\.|Dña\.?|Dª)\s+(?=\S)"
)
MODERATOR_START = re.compile(r"^\*?(?:Mod[ée]rat(?:eur|rice)s?|Moderador[a]?|Moderator)\b")
BACK_MATTER = re.compile(
    r"^(?:partenaires|partners|socios|patrocinadores|sponsors|parceiros|bazkideak|"
    r"remerciements|agradecimientos|acknowledg(?:e)?ments|colaboradores)\s*:?\s*$",
    re.IGNORECASE,
)
CONJUNCTION = re.compile(r"\s+(?:et|y|and|e|eta|i|&)\s+")
SENTENCE_VERB = re.compile(
    r"\b(?:est|sont|a|ont|était|sera|présente|vise|permet|es|son|ha|han|fue|is|are|was|"
    r"were|has|have|aims|é|são|foi)\b",
    re.IGNORECASE,
)

NAME_PARTICLES = frozenset(
    """
    de del della des di da das do dos du la le van von der den ter ten bin ibn al el y e mc
    mac st saint
    """.split()
)
ROLE_WORDS = frozenset(
    fold(word)
    for word in """
    directeur directrice director directora direction dirección président présidente
    presidente president vice-président vice-présidente vicepresidente vice-president
    coordinateur coordinatrice coordonnateur coordonnatrice coordinador coordinadora
    coordinator responsable conseiller conseillère consejero consejera advisor adviser
    secrétaire secretario secretaria secretary chef jefe jefa head membre miembro member
    fondateur fondatrice fundador fundadora founder co-fondateur cofondateur gérant gérante
    gerente manager technicien technicienne técnico técnica chercheur chercheuse
    investigador investigadora researcher professeur professeure profesor profesora
    professor expert experte experts expertes consultant consultante consultora
    administrateur administratrice administrador commissaire adjoint adjointe délégué
    déléguée delegado delegada maire alcalde alcaldesa mayor représentant représentante
    representante representative spécialiste especialista specialist leader líder doctorant
    doctorante fonctionnaire chargé chargée sous-directeur sous-directrice subdirector
    subdirectora facilitatrice facilitateur facilitador ceo cto coo officer candidate
    candidat candidata complice animateur animatrice agent agente ingénieur ingeniera
    ingeniero économiste economista chairman chair presidenta déléguée
    """.split()
)
ORGANISATION_WORDS = frozenset(
    fold(word)
    for word in """
    université universidad university universitat unibertsitatea institut instituto institute
    centre center centro réseau red network xarxa sarea fondation fundación foundation fundació
    association asociación asociacion associació elkartea mairie ayuntamiento ajuntament
    ville city commission comisión comissió union unión organisation organización
    organization coopérative cooperativa cooperative groupe grupo group agence agencia agency
    conseil consejo council fonds fondo fund forum plateforme plate-forme plataforma platform
    chantier ministère ministerio ministry gouvernement gobierno government generalitat
    banque banco bank école escuela school collège college bureau oficina office département
    departamento department comité committee fédération federación federation confédération
    alliance alianza société sociedad society laboratoire laboratorio observatoire
    secrétariat secretaría programme programa
    """.split()
)
STOP_STARTS = frozenset(
    """
    le la les l un une des du de il elle ils elles nous on ce cette ces cet en au aux dans
    pour par depuis avec sur son sa ses leur leurs notre nos quels quelles quel quelle el
    los las una unos unas lo este esta estos en con por para desde su sus nuestro the a an
    this these our their its in on for with from it we they o os as um uma este esta
    """.split()
)
# Words a line never ends with unless the sentence goes on on the next line.
GLUE_WORDS = frozenset(
    fold(word)
    for word in """
    de du des la le les l d un une et ou à au aux en dans pour par sur sous avec sans entre chez
    vers que qui dont ce cet cette ces son sa ses leur leurs notre nos votre vos mon ma mes
    el los las del al y o con por para sin sobre entre su sus que un una unos unas
    the of and or to in on for with by from at an a as into their its our
    da do das dos em no na nos nas com um uma os as e ou pela pelo
    amb per els dels
    eta edo
    """.split()
)
# Word beginnings written with a hyphen (socio-économique, co-construction): when the document
# spells a word broken at a line end neither way, a hyphen after one of these is kept if what
# follows is a word of the document. Syllables that begin many plain words (trans-, éco-) are
# left out.
COMPOUND_PREFIXES = frozenset(
    """
    socio co latino afro anglo franco hispano ibéro indo sino psycho médico politico anti auto
    contre ex extra hyper inter intra macro micro multi néo post pré pro pseudo quasi semi sous
    supra ultra vice agro
    """.split()
)
# Words that follow a hyphen as words of their own (intégrons-nous, elle-même, celle-ci), and
# seldom end another word (unlike elle: professionn-elle).
HYPHEN_TAILS = frozenset("nous vous moi toi eux même mêmes ci là delà".split())
# Subject pronouns after a verb (répond-il, peut-elle), written after a verb ending in t or d.
INVERTED_PRONOUNS = frozenset("il elle ils elles on".split())


def match_day(text: str) -> tuple[int, int, int | None] | None:
    """(day, month, year or None) of a day header in any of the catalogue languages."""
    if len(text) > 60:
        return None
    folded = fold(text)
    match = DAY_HEADER.match(folded)
    if match is not None:
        day, month, year = match.group(1), match.group(2), match.group(3)
    else:
        match = DAY_HEADER_MONTH_FIRST.match(folded)
        if match is None:
            return None
        month, day, year = match.group(1), match.group(2), match.group(3)
    return int(day), MONTHS[month], int(year) if year else None


def is_day_header(text: str) -> bool:
    return match_day(text) is not None


def is_session_header(text: str) -> bool:
    return len(text) <= 60 and SESSION_HEADER.match(fold(text)) is not None


def is_code_only(text: str) -> bool:
    return CODE_ONLY.match(text) is not None


def is_url_only(text: str) -> bool:
    stripped = text.strip(" .,;-")
    match = URL.fullmatch(stripped)
    return match is not None


def is_structural(text: str) -> bool:
    """Headings that may legitimately repeat (tables of contents, session headers)."""
    return (
        is_day_header(text)
        or is_session_header(text)
        or CODE2.match(text) is not None
        or CODE3.match(text) is not None
    )


def starts_new_line(text: str) -> bool:
    """A line that always begins a logical line, whatever the line before it."""
    return (
        is_structural(text)
        or is_code_only(text)
        or LIST_ITEM.match(text) is not None
        or BULLET.match(text) is not None
        or BACK_MATTER.match(text) is not None
        or MODERATOR_START.match(text) is not None
    )


def upper_ratio(text: str) -> float:
    """Share of upper-case letters: tables of contents are printed in capitals."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 0.0
    return sum(1 for c in letters if c.isupper()) / len(letters)
