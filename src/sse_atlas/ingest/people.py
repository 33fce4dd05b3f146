"""Presenter lines, panel items and moderators: who, in which role, with which links.

Shapes: ``Name. Role. <url>``, ``Name. <url>``, ``Name``, ``X et Y. Shared role. <url>``,
``X. Role. <url>. Y. <url>``, ``X. Role et Y, Role``, roles that span dots
(``Coordinatrice. IDIT-Ibero``), panel items ``1. Mme. Name. Role. <url>``, organisation-first
items ``Ville de Praia, Cap Vert. M. Name, Maire`` and bold items with no dot after the name
(``Mme. Carmen Rebollo Sánchez Directrice Générale de ...``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sse_atlas.ingest import patterns as p
from sse_atlas.ingest.countries import split_trailing_country
from sse_atlas.ingest.links import extract_links
from sse_atlas.model import Involvement, Link

_NAME_END = re.compile(r"\.\s+|\s+:\s*|:\s+|,\s+|\s+[-–]\s+|[-–]\s+|\s+\(")
_TOKEN = re.compile(r"[\w'’.-]+")
_HONORIFIC_INSIDE = re.compile(
    r"^(?P<org>.+?)[.,]\s+(?P<hon>M\.|Mme\.?|Mlle\.?|Mr\.?|Mrs\.?|Ms\.?|Dr\.?|Sr\.?|Sra\.?)\s+"
    r"(?P<rest>.+)$"
)
_SECOND_PERSON = re.compile(
    r"^(?P<role>.*?)\s+(?:et|y|and|e|eta)\s+"
    r"(?P<name>[A-ZÀ-Ý][\w'’-]+(?:\s+[\w'’-]+){1,4}?)\s*[.,]\s*(?P<rest>.*)$"
)


@dataclass
class PersonPhrase:
    """One person as a phrase says: honorific, name, role, organisation, country."""

    name: str
    role: str | None = None
    honorific: str | None = None
    organisation: str | None = None
    country: str | None = None
    country_code: str | None = None
    links: list[Link] = field(default_factory=list)

    def involvement(self, position: int, kind: str, section: str | None = None) -> Involvement:
        return Involvement(
            name=self.name,
            role=self.role,
            position=position,
            honorific=self.honorific,
            organisation=self.organisation,
            country=self.country,
            country_code=self.country_code,
            links=list(self.links),
            kind=kind,
            section=section,
        )


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def looks_like_name(text: str) -> bool:
    """A person's name: a few capitalised words, particles and initials, no role word first."""
    words = text.split()
    if not 1 <= len(words) <= 7 or any(ch.isdigit() or ch in ",;:/" for ch in text):
        return False
    first = p.fold(words[0].strip(".,"))
    if first in p.STOP_STARTS or first in p.ROLE_WORDS:
        return False
    for word in words:
        bare = word.strip(".,'’()")
        if not bare:
            return False
        if bare[0].isupper() or p.fold(bare) in p.NAME_PARTICLES or bare in {"-", "–"}:
            continue
        return False
    return words[0][0].isupper()


def split_honorific(text: str) -> tuple[str | None, str]:
    match = p.HONORIFIC.match(text)
    if match is None:
        return None, text
    return match.group(1), text[match.end() :]


def _strip(text: str) -> str:
    return text.strip(" .,;:-–*")


_ACRONYM = re.compile(r"[A-ZÀ-Ý]{2,}")
_ROLE_THEN_ACRONYM = re.compile(
    r"^((?:[A-ZÀ-Ý][\w'’-]*\s+){0,2}[A-ZÀ-Ý][\w'’-]*)\s+([A-Z][A-Z0-9]{2,})$"
)
_ROLE_DASH_ORGANISATION = re.compile(r"^([\w'’]+)[-–]\s+([A-ZÀ-Ý].*)$")


def _first_words(text: str, count: int) -> list[str]:
    return [p.fold(word.strip(".,;:()«»\"'-–")) for word in text.split()[:count]]


def _role_word(word: str) -> bool:
    return word in p.ROLE_WORDS or (word.endswith("s") and word[:-1] in p.ROLE_WORDS)


def is_role(text: str) -> bool:
    """A job or function (``Directrice …``, ``Chercheurs …``), not an organisation's name."""
    return any(_role_word(word) for word in _first_words(text, 2))


def looks_like_organisation(text: str, *, capitals_suffice: bool = True) -> bool:
    """A name of an organisation: an acronym, an organisation word, or several capitals."""
    words = [word.strip(".,;:()«»\"'") for word in text.split()]
    words = [word for word in words if word]
    if not words or is_role(text):
        return False
    if any(_ACRONYM.search(word) for word in words):
        return True
    if p.fold(words[0]) in p.ORGANISATION_WORDS:
        return True
    capitals = [w for w in words if w[0].isupper() and p.fold(w) not in p.NAME_PARTICLES]
    return capitals_suffice and len(capitals) >= 2


def _split_role_organisation(role: str) -> tuple[str | None, str | None]:
    """A role as printed split from the organisation printed after it, where one is."""
    if not is_role(role):
        return (None, role) if looks_like_organisation(role) else (role, None)
    dash = _ROLE_DASH_ORGANISATION.match(role)
    if dash and _role_word(p.fold(dash.group(1))):
        return dash.group(1), _strip(dash.group(2))  # "Gérant- Koopera"
    acronym = _ROLE_THEN_ACRONYM.match(role)
    if acronym and is_role(acronym.group(1)):
        return acronym.group(1), acronym.group(2)  # "Président INAISE"
    # after a dot, capitals make a name ("…. Barcelona Activa"); after a comma they may only
    # continue the role ("…, Services Juridiques et Ressources Humaines")
    for separator, capitals_suffice in ((". ", True), (", ", False)):
        head, found, tail = role.partition(separator)
        if (
            found
            and tail[:1].isupper()
            and looks_like_organisation(tail, capitals_suffice=capitals_suffice)
        ):
            return _strip(head), _strip(tail)  # "Experts en économie sociale. Université de …"
    return role, None


def _role_and_country(text: str) -> tuple[str | None, str | None, str | None, str | None]:
    """Role, organisation (bracketed, or printed after the role), and a trailing country."""
    role = _strip(text)
    organisation: str | None = None
    country: str | None = None
    code: str | None = None
    if role.startswith("(") and role.endswith(")"):
        return None, role[1:-1].strip() or None, None, None
    bracketed = re.fullmatch(r"(.*?)\s*\(([^()]+)\)", role)
    if bracketed and not bracketed.group(1):
        organisation = bracketed.group(2)
    split = split_trailing_country(role)
    if split is not None:
        rest, match = split
        # only a country set apart by a comma or a dot, never a phrase's end ("... du Cameroun")
        separator = role[len(rest) : len(role) - len(match.as_written)]
        if not rest or "," in separator or "." in separator:
            role, country, code = _strip(rest), match.as_written, match.code
    if not role or organisation is not None:
        return role or None, organisation, country, code
    role_only, printed_organisation = _split_role_organisation(role)
    return role_only, printed_organisation, country, code


def _split_name(text: str) -> tuple[str, str]:
    """The name at the start of ``text`` and what follows it (the role)."""
    for match in _NAME_END.finditer(text):
        name = text[: match.start()].strip()
        last = name.rsplit(" ", 1)[-1]
        if match.group(0).startswith(".") and len(last) == 1 and last.isalpha():
            continue  # an initial: "William J. Nègre"
        rest = text[match.start() :]
        if match.group(0).strip() in {"-", "–"} or match.group(0).startswith(("-", "–")):
            following = p.fold(_strip(rest).split(" ", 1)[0])
            if following not in p.ROLE_WORDS:
                continue  # part of the name: "Memong Meno - Epse Mpoung"
        if match.group(0).strip() == "(":
            rest = rest.strip()
        return name, rest
    words = text.split()
    for index, word in enumerate(words[1:], start=1):
        if p.fold(word.strip(".,")) in p.ROLE_WORDS and index >= 2:
            return " ".join(words[:index]), " ".join(words[index:])
    return text.strip(), ""


def parse_person(text: str, links: list[Link] | None = None) -> PersonPhrase:
    """One person from a phrase such as ``Mme. Name. Role`` or ``Org, Country. M. Name, Role``."""
    text = _strip(text)
    honorific, rest = split_honorific(text)
    organisation: str | None = None
    country: str | None = None
    code: str | None = None
    inside = None if honorific else _HONORIFIC_INSIDE.match(text)
    if inside is not None and not looks_like_name(inside.group("org")):
        honorific, rest = inside.group("hon"), inside.group("rest")
        org_part = inside.group("org").strip()
        split = split_trailing_country(org_part)
        if split is not None:
            org_part, match = split
            country, code = match.as_written, match.code
        organisation = _strip(org_part) or None
    name, role_text = _split_name(rest)
    role, bracketed_org, role_country, role_code = _role_and_country(role_text)
    return PersonPhrase(
        name=_strip(name),
        role=role,
        honorific=honorific,
        organisation=organisation or bracketed_org,
        country=country or role_country,
        country_code=code or role_code,
        links=list(links or []),
    )


def _people_in_segment(segment: str, links: list[Link]) -> list[PersonPhrase]:
    segment = _strip(segment)
    if not segment:
        return []
    person = parse_person(segment, links)
    people = [person]
    names = p.CONJUNCTION.split(person.name)
    if len(names) > 1 and all(looks_like_name(n) and len(n.split()) >= 2 for n in names):
        people = [
            PersonPhrase(n.strip(), person.role, None, person.organisation, person.country,
                         person.country_code, list(links))
            for n in names
        ]  # fmt: skip
    last = people[-1]
    second = _SECOND_PERSON.match(last.role or "")
    if second and looks_like_name(second.group("name")):
        last.role = _strip(second.group("role")) or None
        role, org, country, code = _role_and_country(second.group("rest"))
        people.append(PersonPhrase(second.group("name"), role, None, org, country, code, []))
    return people


def parse_presenters(text: str) -> tuple[list[PersonPhrase], list[Link]]:
    """People on a presenter line, each with the URLs printed after them; stray URLs apart."""
    people: list[PersonPhrase] = []
    stray: list[Link] = []
    position = 0
    for match in p.URL.finditer(text):
        segment = text[position : match.start()]
        position = match.end()
        _, (link,) = extract_links(match.group(0))
        found = _people_in_segment(segment, [link])
        if found:
            people.extend(found)
        elif people:
            people[-1].links.append(link)
        else:
            stray.append(link)
    people.extend(_people_in_segment(text[position:], []))
    return people, stray


def looks_like_presenter_line(text: str) -> bool:
    """The line that closes an entry: a name first, or nothing but links."""
    if len(text) > 500:
        return False
    remainder, links = extract_links(text)
    if not _strip(remainder):
        return bool(links)
    _, rest = split_honorific(_strip(remainder))
    name, _ = _split_name(rest)
    candidates = [name, *p.CONJUNCTION.split(name)]
    if not any(looks_like_name(candidate) for candidate in candidates):
        return False
    # a lone capitalised word ("Objectifs.") is a paragraph, unless a link follows it
    return bool(links) or (len(remainder) < 250 and len(name.split()) >= 2)


def looks_like_presenter_start(text: str) -> bool:
    """A presenter line found inside a longer logical line, which asks for more than
    :func:`looks_like_presenter_line`: a name of two words or more (or after an honorific) first,
    and no more than a presenter line holds."""
    if len(text) > 400 or not looks_like_presenter_line(text):
        return False
    remainder, _ = extract_links(text)
    honorific, rest = split_honorific(_strip(remainder))
    if not rest:
        return False
    name, _ = _split_name(rest)
    names = [name] if looks_like_name(name) else p.CONJUNCTION.split(name)
    if not all(looks_like_name(part) for part in names):
        return False
    return honorific is not None or all(len(part.split()) >= 2 for part in names)
