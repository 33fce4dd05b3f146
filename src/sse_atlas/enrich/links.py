"""Links whose web domain looks like a misprint of another name in the same catalogue.

No network: a domain is suspect when the catalogue itself disagrees with it, either because
another link uses a domain one or two keystrokes away (``ripest.org`` printed where
``ripess.org`` appears elsewhere), or because the organisation owning the link has an acronym
made of the same letters in another order (``unisdr.org`` for the workshop coordinated by
UNRISD). Problems set at ingest (``contains-space``, ``missing-scheme``, ``malformed-host``) are
kept; the ones found here are added as ``suspect-domain:<other>``, ``;``-separated.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Final
from urllib.parse import urlsplit

from rapidfuzz.distance import OSA

from sse_atlas.enrich.names import fold, initials
from sse_atlas.model import Catalogue, Involvement, Link

SUSPECT_PREFIX: Final = "suspect-domain:"
SEPARATOR: Final = ";"

# Hosts many unrelated organisations share: their domain says nothing about who owns the page.
GENERIC_DOMAINS: Final = frozenset(
    {
        "blogspot.com",
        "db-city.com",
        "facebook.com",
        "google.com",
        "instagram.com",
        "linkedin.com",
        "medium.com",
        "twitter.com",
        "wix.com",
        "wixsite.com",
        "wordpress.com",
        "youtube.com",
    }
)

# Second-level labels under which country-code domains register names (``gob.pe``, ``ac.uk``).
_SECOND_LEVEL: Final = frozenset(
    "ac co com edu go gob gouv gov govt gub in ind int ltd mil ne net nic or org plc qc sch".split()
)
_WWW: Final = re.compile(r"^www\d*\.")
_KEYSTROKES: Final = {1: "one keystroke", 2: "two keystrokes"}


def host_of(url: str | None) -> str | None:
    """The lower-case host of a normalised URL, or None."""
    if not url:
        return None
    host = urlsplit(url).hostname
    return host.rstrip(".") if host else None


def public_suffix(host: str) -> str:
    """``org`` for ``www.ripess.org``, ``gob.pe`` for ``www.muniate.gob.pe`` (a small rule set)."""
    labels = host.split(".")
    if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL:
        return ".".join(labels[-2:])
    return labels[-1]


def registered_domain(host: str) -> str:
    """The name an organisation registers: ``ripess.org``, ``muniate.gob.pe``, ``ac.uk`` names."""
    suffix = public_suffix(host)
    labels = host[: -len(suffix) - 1].split(".") if host != suffix else []
    return f"{labels[-1]}.{suffix}" if labels and labels[-1] else host


def site_name(host: str) -> str:
    """The host without ``www.`` and without its public suffix: ``muni.ate`` for muni.ate.gob.pe."""
    bare = _WWW.sub("", host)
    suffix = public_suffix(bare)
    return bare[: -len(suffix) - 1] if bare != suffix else bare


@dataclass(frozen=True)
class OwnedLink:
    """A link, the record that prints it and where, and the organisation names it belongs to."""

    record: str
    path: str  # "links[0]", "panel[2].links[0]"
    link: Link
    owners: tuple[str, ...]


@dataclass(frozen=True)
class SuspectLink:
    """A link whose domain the catalogue contradicts, and what it is confused with."""

    record: str
    link: Link
    other: str  # the nearby domain, or the acronym as written
    rule: str  # "near-domain" | "acronym" | "initials"
    reason: str

    @property
    def problem(self) -> str:
        return f"{SUSPECT_PREFIX}{self.other}"


@dataclass(frozen=True)
class LinkUpdate:
    """One link whose problem field changed."""

    record: str
    path: str
    link: Link
    old: str | None
    new: str | None
    reason: str


def owned_links(catalogue: Catalogue) -> Iterator[OwnedLink]:
    """Every link of the catalogue once, with its record, its place and its owners.

    Presenter and panel links are the same objects as their record's links: each is visited
    once. An initiative's links belong to its organisations; a panellist's to the panellist's
    organisation; what no panellist prints, to the workshop's coordinators (``UNRISD- <...>``).
    """
    seen: set[int] = set()

    def visit(
        record: str, prefix: str, links: Iterable[Link], owners: Iterable[str | None]
    ) -> Iterator[OwnedLink]:
        names = tuple(dict.fromkeys(name for name in owners if name))
        for index, link in enumerate(links):
            if id(link) not in seen:
                seen.add(id(link))
                yield OwnedLink(record, f"{prefix}links[{index}]", link, names)

    for initiative in catalogue.initiatives:
        presenters = [presenter.organisation for presenter in initiative.presenters]
        owners = [initiative.organisation, *initiative.co_organisations, *presenters]
        yield from visit(initiative.id, "", initiative.links, owners)
        for index, presenter in enumerate(initiative.presenters):
            yield from visit(initiative.id, f"presenters[{index}].", presenter.links, owners)
    for workshop in catalogue.workshops:
        people: list[tuple[str, Involvement]] = [
            *((f"panel[{i}].", who) for i, who in enumerate(workshop.panel)),
            *((f"speakers[{i}].", who) for i, who in enumerate(workshop.speakers)),
        ]
        if workshop.moderator is not None:
            people.append(("moderator.", workshop.moderator))
        for prefix, person in people:
            yield from visit(workshop.id, prefix, person.links, [person.organisation])
        yield from visit(workshop.id, "", workshop.links, workshop.coordinators)


def _folded_words(text: str) -> list[str]:
    return fold(text).split()


def _acronyms(name: str) -> list[str]:
    """Upper-case words of a name (``UNRISD``), or the name itself when it is one word."""
    words = re.findall(r"[^\W_]+", name)
    found = [w for w in words if len(w) >= 4 and w.isupper()]
    if not found and len(words) == 1 and len(words[0]) >= 4:
        found = words
    return found


def _near(a: str, b: str) -> int | None:
    """The edit distance between two site names if it is small enough to be a misprint."""
    distance = OSA.distance(a, b)
    shorter = min(len(a), len(b))
    if (distance == 1 and shorter >= 5) or (distance == 2 and shorter >= 8):
        return distance
    return None


def _near_domains(items: list[OwnedLink], names: set[str]) -> Iterator[SuspectLink]:
    by_site: dict[tuple[str, str], set[str]] = defaultdict(set)  # (site, suffix) -> domains
    for item in items:
        host = host_of(item.link.url)
        if host and registered_domain(host) not in GENERIC_DOMAINS:
            bare = _WWW.sub("", host)
            by_site[(site_name(host), public_suffix(host))].add(bare)
    sites = sorted(by_site)
    flagged: dict[tuple[str, str], list[tuple[str, int]]] = defaultdict(list)
    for i, (site, suffix) in enumerate(sites):
        for other, other_suffix in sites[i + 1 :]:
            if suffix != other_suffix or site.split(".")[-1] == other.split(".")[-1]:
                continue  # another country's domain, or a sub-site of the same domain
            distance = _near(site, other)
            if distance is None:
                continue
            # where the catalogue's own names back one spelling, only the other is suspect
            backed = {s for s in (site, other) if s.split(".")[-1] in names}
            for this, that in ((site, other), (other, site)):
                if this not in backed:
                    target = sorted(by_site[(that, suffix)])[0]
                    flagged[(this, suffix)].append((target, distance))
    for item in items:
        host = host_of(item.link.url)
        if not host:
            continue
        for target, distance in flagged.get((site_name(host), public_suffix(host)), []):
            yield SuspectLink(
                record=item.record,
                link=item.link,
                other=target,
                rule="near-domain",
                reason=f"{_WWW.sub('', host)} is {_KEYSTROKES[distance]} from {target}, "
                "also used in this catalogue",
            )


def _acronym_clashes(items: list[OwnedLink], headings: set[str]) -> Iterator[SuspectLink]:
    for item in items:
        host = host_of(item.link.url)
        if not host or registered_domain(host) in GENERIC_DOMAINS:
            continue
        label = registered_domain(host).split(".")[0]
        if label in headings:
            continue  # the programme prints the domain's name (UCLG): the owner's is the typo
        for owner in item.owners:
            for acronym in _acronyms(owner):
                folded = "".join(_folded_words(acronym))
                # a transposition: same letters, a keystroke or two apart (unisdr / UNRISD)
                transposed = folded != label and sorted(folded) == sorted(label)
                if transposed and OSA.distance(folded, label) <= 2:
                    yield SuspectLink(
                        record=item.record,
                        link=item.link,
                        other=acronym,
                        rule="acronym",
                        reason=f"{registered_domain(host)} has the letters of {acronym}, "
                        "the organisation it belongs to, in another order",
                    )
            spelled = initials(owner)
            if spelled and len(spelled) >= 4 and OSA.distance(spelled, label) == 1:
                yield SuspectLink(
                    record=item.record,
                    link=item.link,
                    other=spelled.upper(),
                    rule="initials",
                    reason=f"{registered_domain(host)} is one letter from {spelled.upper()}, "
                    f"the initials of {owner}, the organisation it belongs to",
                )


def find_suspect_links(catalogues: Iterable[Catalogue]) -> list[SuspectLink]:
    """Links whose domain another name or link of the same catalogue contradicts."""
    suspects: list[SuspectLink] = []
    for catalogue in catalogues:
        items = list(owned_links(catalogue))
        names = {
            word
            for item in items
            for owner in item.owners
            for word in _folded_words(owner)
            if len(word) >= 4
        }
        names |= {
            word
            for initiative in catalogue.initiatives
            for word in _folded_words(initiative.organisation or "")
            if len(word) >= 4
        }
        suspects.extend(_near_domains(items, names))
        headings = {
            word
            for workshop in catalogue.workshops
            for text in (workshop.coordinator or "", workshop.title, workshop.toc_title or "")
            for word in _folded_words(text)
            if len(word) >= 4
        }
        suspects.extend(_acronym_clashes(items, headings))
    return suspects


def link_problems(catalogues: Iterable[Catalogue]) -> dict[str, list[str]]:
    """The ``suspect-domain:`` problems found, by normalised URL, in reading order."""
    problems: dict[str, list[str]] = defaultdict(list)
    for suspect in find_suspect_links(catalogues):
        if suspect.link.url and suspect.problem not in problems[suspect.link.url]:
            problems[suspect.link.url].append(suspect.problem)
    return dict(problems)


def _merge_problems(current: str | None, suspects: list[str]) -> str | None:
    kept = [
        part
        for part in (current or "").split(SEPARATOR)
        if part and not part.startswith(SUSPECT_PREFIX)
    ]
    for problem in suspects:
        if problem not in kept:
            kept.append(problem)
    return SEPARATOR.join(kept) or None


def apply_link_problems(catalogues: Iterable[Catalogue]) -> list[LinkUpdate]:
    """Set the suspect-domain problems on the links in place; re-running changes nothing.

    Earlier ``suspect-domain:`` problems are recomputed, never duplicated; ingest problems stay.
    """
    chosen = list(catalogues)
    found: dict[int, list[SuspectLink]] = defaultdict(list)
    for suspect in find_suspect_links(chosen):
        if suspect.problem not in [s.problem for s in found[id(suspect.link)]]:
            found[id(suspect.link)].append(suspect)
    updates: list[LinkUpdate] = []
    for catalogue in chosen:
        for item in owned_links(catalogue):
            suspects = found.get(id(item.link), [])
            new = _merge_problems(item.link.problem, [s.problem for s in suspects])
            if new != item.link.problem:
                reason = "; ".join(s.reason for s in suspects) or "no longer contradicted"
                old = item.link.problem
                updates.append(LinkUpdate(item.record, item.path, item.link, old, new, reason))
                item.link.problem = new
    return updates
