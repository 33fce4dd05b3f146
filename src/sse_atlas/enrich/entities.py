"""Organisations and people across every catalogue, merged only on evidence.

Each mention first gets a natural key (accents, case, honorifics and punctuation folded), so the
same name printed twice is one entity and a re-ingest gives the same ids. Different keys merge
only when a rule finds evidence, and the report says which rule, with what score and evidence:

people
  ``typo``            names at least 90 similar, plus a shared organisation, or the same city or
                      country and one letter dropped (``Ronal``/``Ronald Nsubuga Balimwezo``);
  ``name-extension``  one name is the other with more names (``Juan Carlos Díaz [Macías]``),
                      plus a shared organisation;
  ``short-form``      a nickname or short first name, same surnames (``Tita``/``Dwinita
                      Larasati``), plus a shared organisation and a shared place.
  People who share only a surname never merge, nor do a "M." and a "Mme.".
  A joint name (``AERESS-FAEDEI``, a project of two networks) is not merged with either network.
organisations
  ``acronym-pair``    the document pairs a long name with its acronym (``... - RTES``);
  ``same-council``    a city's council named in two languages (``Mairie de Barcelone`` /
                      ``Ajuntament de Barcelona``);
  ``same-person``     names at least 80 similar, of the same kind and country, with the same
                      person speaking for both (``Plateforme des acteurs non étatiques`` /
                      ``Plate-forme d'Agents non Étatiques``, both Malick Diop, Senegal);
  ``typo``            names at least 85 similar, in the same city, one word misspelt
                      (``District de Nakawa`` / ``District de Nawaka``).

Every mention is kept: each spelling in ``aliases``, each record in ``initiatives``/``workshops``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Final

from rapidfuzz import fuzz
from rapidfuzz.distance import OSA, Levenshtein

from sse_atlas.enrich.mentions import (
    Cluster,
    Context,
    Mention,
    MentionCollector,
    clusters_of,
    iter_involvements,
)
from sse_atlas.enrich.names import (
    NAME_STOPWORDS,
    acronym_pair,
    council_of,
    digits,
    gendered,
    joint_parts,
    natural_key,
    organisation_type,
    same_place,
    short_form,
    split_organisation,
    subsequence,
)
from sse_atlas.model import Catalogue, Organisation, Person

__all__ = [
    "Candidate",
    "EntityRule",
    "Merge",
    "ResolutionReport",
    "iter_involvements",
    "natural_key",
    "organisation_type",
    "resolve_entities",
    "resolve_entities_with_report",
]

PERSON_SIMILARITY: Final = 90.0
ORGANISATION_SIMILARITY: Final = 85.0


@dataclass(frozen=True)
class Merge:
    """One merge: the id every mention now carries, the spellings it joined, and why."""

    entity: str  # "organisation" | "person"
    kept: str
    names: tuple[str, ...]
    rule: str  # same-key | typo | name-extension | short-form | acronym-pair | ...
    score: float  # 0..100: name similarity (100 for the exact rules)
    evidence: tuple[str, ...]


@dataclass(frozen=True)
class EntityRule:
    """A person's decision the resolution respects on every run: two entities are one
    (``same-as``) or never one (``not-same-as``). ``first`` and ``second`` are natural keys
    (an entity id without its ``person/`` or ``organisation/`` prefix)."""

    entity: str  # "organisation" | "person"
    kind: str  # "same-as" | "not-same-as"
    first: str
    second: str


@dataclass(frozen=True)
class Candidate:
    """Two entities kept apart although their names are close: for an editor to review."""

    entity: str
    first: str  # ids
    second: str
    names: tuple[str, str]
    score: float


# Names this similar but not merged are listed for review.
CANDIDATE_SIMILARITY: Final = 70.0


@dataclass
class ResolutionReport:
    """Every merge entity resolution made, for curators to check, and the near misses."""

    merges: list[Merge] = field(default_factory=list)
    candidates: list[Candidate] = field(default_factory=list)

    def for_id(self, entity_id: str) -> list[Merge]:
        return [merge for merge in self.merges if merge.kept == entity_id]

    def merged_names(self) -> dict[str, list[str]]:
        """Each kept id and every spelling merged into it (when more than one)."""
        names: dict[str, list[str]] = defaultdict(list)
        for merge in self.merges:
            for name in merge.names:
                if name not in names[merge.kept]:
                    names[merge.kept].append(name)
        return dict(names)


# -- merging -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Verdict:
    rule: str
    score: float
    evidence: tuple[str, ...]


class _Groups:
    """Union-find over cluster keys, remembering each merge and why."""

    def __init__(self, clusters: dict[str, Cluster]) -> None:
        self.parent = {key: key for key in clusters}
        self.members = {key: [key] for key in clusters}
        # what a group's countries and honorifics are, to refuse merges they contradict
        self.context = {
            key: Context(countries=set(c.context.countries), genders=set(c.context.genders))
            for key, c in clusters.items()
        }
        self.events: list[tuple[str, str, _Verdict]] = []

    def root(self, key: str) -> str:
        while self.parent[key] != key:
            self.parent[key] = self.parent[self.parent[key]]
            key = self.parent[key]
        return key

    def join(self, a: str, b: str, verdict: _Verdict) -> None:
        kept, gone = self.root(a), self.root(b)
        self.parent[gone] = kept
        self.members[kept] += self.members.pop(gone)
        self.context[kept].absorb(self.context.pop(gone))
        self.events.append((a, b, verdict))


def _conflicting(a: Context, b: Context) -> bool:
    """Evidence against: different countries, or a "M." and a "Mme."."""
    return bool(
        (a.countries and b.countries and not a.countries & b.countries)
        or (a.genders and b.genders and not a.genders & b.genders)
    )


def _shared_organisation(a: Context, b: Context) -> list[str]:
    found = [f"same organisation: {name}" for name in sorted(a.organisations & b.organisations)]
    found += [f"same acronym: {acronym.upper()}" for acronym in sorted(a.acronyms & b.acronyms)]
    found += [f"same web domain: {domain}" for domain in sorted(a.domains & b.domains)]
    for one, other in ((a, b), (b, a)):
        padded = f" {other.text} "
        found += [
            f"organisation named in role: {name}"
            for name in sorted(one.organisations)
            if len(name.split()) >= 2 and f" {name} " in padded
        ]
    return list(dict.fromkeys(found))


def _person_rule(wa: list[str], wb: list[str]) -> str | None:
    """The rule two names could merge under, judged on the names alone (most pairs stop here)."""
    short, long = sorted((wa, wb), key=len)
    if len(short) < len(long):
        # more names on one side: the first name and every name of the shorter must be there
        extension = len(short) >= 2 and short[0] == long[0] and subsequence(short, long)
        return "name-extension" if extension else None
    differing = [(x, y) for x, y in zip(wa, wb, strict=True) if x != y]
    if len(differing) != 1:
        return None
    x, y = differing[0]
    if not (x + y).isalpha():
        return None
    if not gendered(x, y) and fuzz.ratio(" ".join(wa), " ".join(wb)) >= PERSON_SIMILARITY:
        return "typo"
    surname_kept = wa[-1] == wb[-1] and (x, y) != (wa[-1], wb[-1])
    return "short-form" if surname_kept and short_form(x, y) else None


def _person_verdict(a: Cluster, b: Cluster) -> _Verdict | None:
    wa, wb = a.words, b.words
    rule = _person_rule(wa, wb)
    if rule is None or _conflicting(a.context, b.context):
        return None
    score = round(fuzz.ratio(" ".join(wa), " ".join(wb)), 1)
    organisation = _shared_organisation(a.context, b.context)
    places = [f"same city: {city}" for city in sorted(a.context.cities & b.context.cities)]
    countries = [
        f"same country: {code}" for code in sorted(a.context.countries & b.context.countries)
    ]
    evidence = (*organisation, *places, *countries)
    if rule == "name-extension":
        return _Verdict(rule, score, evidence) if organisation else None
    if rule == "short-form":
        return _Verdict(rule, score, evidence) if organisation and (places or countries) else None
    if organisation:
        return _Verdict("typo", score, evidence)
    # with only a place in common, only a dropped or added letter (Ronal/Ronald): a changed one
    # is as likely another name (Jean/Juan)
    x, y = next((x, y) for x, y in zip(wa, wb, strict=True) if x != y)
    dropped = abs(len(x) - len(y)) == 1 and Levenshtein.distance(x, y) == 1
    if (places or countries) and dropped and min(len(x), len(y)) >= 4:
        return _Verdict("typo", score, (f"one letter dropped: {x}/{y}", *places, *countries))
    return None


def _organisation_verdict(a: Cluster, b: Cluster) -> _Verdict | None:
    if _conflicting(a.context, b.context):
        return None
    if digits(a.key.replace("-", " ")) != digits(b.key.replace("-", " ")):
        return None  # "Université Lyon 2" and "Université Lyon 3"
    score = round(fuzz.ratio(a.key.replace("-", " "), b.key.replace("-", " ")), 1)
    for one, other in ((a, b), (b, a)):
        for name in dict.fromkeys(m.name for m in one.mentions):
            pair = acronym_pair(name)
            if pair and other.key in {natural_key(pair[0]), natural_key(pair[1])}:
                return _Verdict("acronym-pair", 100.0, (f"the document writes {name!r}",))
    councils = [(council_of(x), council_of(y)) for x in a.names for y in b.names]
    for ca, cb in councils:
        if ca and cb and ca[0] == cb[0] and same_place(ca[1], cb[1]):
            cities_agree = not (a.context.cities and b.context.cities) or any(
                same_place(x, y) for x in a.context.cities for y in b.context.cities
            )
            if cities_agree:
                kind = "city council" if ca[0] == "council" else "regional government"
                evidence = (
                    f"both the {kind} of {ca[1]}" + (f" / {cb[1]}" if cb[1] != ca[1] else ""),
                )
                return _Verdict("same-council", round(fuzz.ratio(ca[1], cb[1]), 1), evidence)
    shared_people = sorted(a.context.people & b.context.people)
    countries = sorted(a.context.countries & b.context.countries)
    kinds = {organisation_type(name) for name in (*a.names, *b.names)}
    if shared_people and countries and len(kinds) == 1 and None not in kinds and score >= 80:
        reasons = [f"same person: {key}" for key in shared_people]
        reasons += [f"same kind: {kinds.pop()}", f"same country: {countries[0]}"]
        return _Verdict("same-person", score, tuple(reasons))
    city = sorted(a.context.cities & b.context.cities)
    if score >= ORGANISATION_SIMILARITY and city and len(a.words) == len(b.words):
        differing = [(x, y) for x, y in zip(a.words, b.words, strict=True) if x != y]
        if len(differing) == 1:
            x, y = differing[0]
            if min(len(x), len(y)) >= 5 and OSA.distance(x, y) <= 2:
                return _Verdict(
                    "typo", score, (f"one word misspelt: {x}/{y}", f"same city: {city[0]}")
                )
    return None


def _person_blocks(cluster: Cluster) -> set[str]:
    """People worth comparing share a name (the typo, extension and short-form rules need it)."""
    return set(cluster.words) - NAME_STOPWORDS


def _organisation_blocks(cluster: Cluster) -> set[str]:
    """Organisations worth comparing share what some rule needs: a city (typo), a person
    (same-person), a name inside a pair or a joint name (acronyms), a council's place."""
    blocks = {f"city:{city}" for city in cluster.context.cities}
    blocks |= {f"person:{key}" for key in cluster.context.people}
    blocks.add(f"name:{cluster.key}")
    for name in cluster.names:
        blocks |= {f"name:{natural_key(part)}" for part in joint_parts(name)}
        pair = acronym_pair(name)
        blocks |= {f"name:{natural_key(part)}" for part in pair} if pair else set()
        council = council_of(name)
        blocks |= {f"council:{council[1][:4]}"} if council else set()
    return blocks


def _candidate_pairs(
    clusters: dict[str, Cluster], blocks_of: Callable[[Cluster], set[str]]
) -> list[tuple[str, str]]:
    index: dict[str, set[str]] = defaultdict(set)
    for key, cluster in clusters.items():
        for block in blocks_of(cluster):
            index[block].add(key)
    pairs = {(a, b) for keys in index.values() for a in keys for b in keys if a < b}
    return sorted(pairs)


_VerdictOf = Callable[[Cluster, Cluster], _Verdict | None]
_Rank = Callable[[Cluster], tuple[object, ...]]


_CURATED: Final = _Verdict("curated", 100.0, ("an editor's decision (same-as)",))


def _resolve(
    clusters: dict[str, Cluster],
    entity: str,
    verdict_of: _VerdictOf,
    rank: _Rank,
    rules: Iterable[EntityRule] = (),
) -> tuple[dict[str, str], list[Merge], list[Candidate]]:
    """Each cluster key's kept key, the merges made, and the close names left apart."""
    groups = _Groups(clusters)
    mine = [r for r in rules if r.entity == entity and r.first in clusters and r.second in clusters]
    apart = {frozenset((r.first, r.second)) for r in mine if r.kind == "not-same-as"}

    def separated(left: str, right: str) -> bool:
        return any(
            frozenset((x, y)) in apart for x in groups.members[left] for y in groups.members[right]
        )

    # an editor's decisions first; the rules below never undo them
    for rule in mine:
        left, right = groups.root(rule.first), groups.root(rule.second)
        if rule.kind == "same-as" and left != right and not separated(left, right):
            groups.join(rule.first, rule.second, _CURATED)
    near: list[tuple[str, str]] = []
    blocks_of = _person_blocks if entity == "person" else _organisation_blocks
    for a, b in _candidate_pairs(clusters, blocks_of):
        if groups.root(a) == groups.root(b):
            continue
        verdict = verdict_of(clusters[a], clusters[b])
        if verdict is None:
            near.append((a, b))
            continue
        # the two groups must agree throughout: no chain from one Díaz to another via a third
        left, right = groups.root(a), groups.root(b)
        if separated(left, right):
            continue
        if _conflicting(groups.context[left], groups.context[right]):
            near.append((a, b))
            continue
        if entity == "person" and any(
            verdict_of(clusters[x], clusters[y]) is None
            for x in groups.members[left]
            for y in groups.members[right]
            if (x, y) != (a, b)
        ):
            continue
        groups.join(a, b, verdict)
    kept: dict[str, str] = {}
    for members in groups.members.values():
        best = min(members, key=lambda key: rank(clusters[key]))
        kept.update({key: best for key in members})
    merges = []
    for a, b, verdict in groups.events:
        names = tuple(dict.fromkeys([*clusters[a].names, *clusters[b].names]))
        merges.append(
            Merge(
                entity, f"{entity}/{kept[a]}", names, verdict.rule, verdict.score, verdict.evidence
            )
        )
    candidates = _near_misses(clusters, entity, groups, near, kept)
    for key, cluster in sorted(clusters.items()):
        if len(cluster.names) > 1:
            evidence = ("same name once accents, case, honorifics and punctuation are folded",)
            merges.append(
                Merge(
                    entity,
                    f"{entity}/{kept[key]}",
                    tuple(cluster.names),
                    "same-key",
                    100.0,
                    evidence,
                )
            )
    return kept, merges, candidates


def _near_misses(
    clusters: dict[str, Cluster],
    entity: str,
    groups: _Groups,
    pairs: list[tuple[str, str]],
    kept: dict[str, str],
) -> list[Candidate]:
    """Pairs left apart whose names are close (a typo, a translated surname) and that no
    rule or context keeps apart for sure: for an editor to decide."""
    found: dict[tuple[str, str], Candidate] = {}
    for a, b in pairs:
        if groups.root(a) == groups.root(b):
            continue
        first, second = sorted((kept[a], kept[b]))
        name_a, name_b = clusters[a].names[0], clusters[b].names[0]
        score = float(fuzz.token_sort_ratio(natural_key(name_a), natural_key(name_b)))
        if score < CANDIDATE_SIMILARITY or (first, second) in found:
            continue
        found[(first, second)] = Candidate(
            entity, f"{entity}/{first}", f"{entity}/{second}", (name_a, name_b), round(score, 1)
        )
    return sorted(found.values(), key=lambda c: (-c.score, c.first, c.second))


def _person_rank(cluster: Cluster) -> tuple[object, ...]:
    """The kept spelling: the most mentioned, then the fullest name."""
    return (-len(cluster.mentions), -len(cluster.mentions[0].name), cluster.key)


def _organisation_rank(cluster: Cluster) -> tuple[object, ...]:
    """The kept name: one pairing a long name with its acronym, not a joint one, the most
    mentioned, then the first printed."""
    names = cluster.names
    paired = any(acronym_pair(name) for name in names)
    joint = all(joint_parts(name) for name in names)
    return (not paired, joint, -len(cluster.mentions), cluster.mentions[0].order)


def _members(clusters: dict[str, Cluster], kept: dict[str, str]) -> dict[str, list[Mention]]:
    """Each kept key's mentions: the kept cluster's first, then the others', in document order."""
    grouped: dict[str, list[Mention]] = defaultdict(list)
    for key in sorted(clusters, key=lambda k: (k != kept[k], clusters[k].mentions[0].order)):
        grouped[kept[key]].extend(clusters[key].mentions)
    return grouped


def _listing(mentions: list[Mention]) -> tuple[str, list[str], list[str], list[str]]:
    """Name, aliases, initiatives and workshops of an entity from its mentions."""
    name = mentions[0].name
    aliases = [n for n in dict.fromkeys(m.name for m in mentions) if n != name]
    ordered = sorted(mentions, key=lambda m: m.order)
    initiatives = list(dict.fromkeys(m.record for m in ordered if not m.workshop))
    workshops = list(dict.fromkeys(m.record for m in ordered if m.workshop))
    return name, aliases, initiatives, workshops


def _organisation(key: str, mentions: list[Mention]) -> Organisation:
    name, aliases, initiatives, workshops = _listing(mentions)
    ordered = sorted(mentions, key=lambda m: m.order)
    kind = next(filter(None, (organisation_type(n) for n in [name, *aliases])), None)
    return Organisation(
        id=f"organisation/{key}",
        name=name,
        aliases=aliases,
        type=kind,
        country_code=next((m.country for m in ordered if m.country), None),
        city=next((m.city for m in ordered if m.city), None),
        urls=list(dict.fromkeys(m.url for m in ordered if m.url)),
        initiatives=initiatives,
        workshops=workshops,
    )


def _person(key: str, mentions: list[Mention]) -> Person:
    name, aliases, initiatives, workshops = _listing(mentions)
    roles = [m.role for m in sorted(mentions, key=lambda m: m.order) if m.role]
    return Person(
        id=f"person/{key}",
        name=name,
        aliases=aliases,
        roles=list(dict.fromkeys(roles)),
        initiatives=initiatives,
        workshops=workshops,
    )


def resolve_entities_with_report(
    catalogues: Iterable[Catalogue], rules: Iterable[EntityRule] = ()
) -> tuple[list[Organisation], list[Person], ResolutionReport]:
    """Organisations and people of the catalogues, and the merges that made them.

    Sets ``Initiative.organisation_id`` and every ``Involvement.person_id`` in place. Ids are
    ``organisation/<key>`` and ``person/<key>`` of the kept spelling; the same input always
    gives the same ids. ``rules`` (an editor's ``same-as``/``not-same-as`` decisions) win
    over every automatic rule.
    """
    chosen = sorted(catalogues, key=lambda c: c.id)  # mention order: by catalogue id
    rules = list(rules)
    collector = MentionCollector()
    for catalogue in chosen:
        collector.catalogue(catalogue)
    collector.place_people()

    org_clusters = clusters_of(collector.organisations)
    org_kept, org_merges, org_near = _resolve(
        org_clusters, "organisation", _organisation_verdict, _organisation_rank, rules
    )
    people_clusters = clusters_of(collector.people)
    person_kept, person_merges, person_near = _resolve(
        people_clusters, "person", _person_verdict, _person_rank, rules
    )

    for catalogue in chosen:
        for initiative in catalogue.initiatives:
            key = natural_key(initiative.organisation or "")
            if key:
                head = natural_key(split_organisation(initiative.organisation or "")[0])
                initiative.organisation_id = f"organisation/{org_kept[head]}"
            else:
                initiative.organisation_id = None
    for mention in collector.people:
        if mention.involvement is not None:
            mention.involvement.person_id = f"person/{person_kept[mention.key]}"

    organisations = [
        _organisation(key, mentions)
        for key, mentions in sorted(_members(org_clusters, org_kept).items())
    ]
    people = [
        _person(key, mentions)
        for key, mentions in sorted(_members(people_clusters, person_kept).items())
    ]
    report = ResolutionReport([*org_merges, *person_merges], [*org_near, *person_near])
    return organisations, people, report


def resolve_entities(catalogues: Iterable[Catalogue]) -> tuple[list[Organisation], list[Person]]:
    """Organisations and people of the catalogues; sets the ids on the records in place."""
    organisations, people, _ = resolve_entities_with_report(catalogues)
    return organisations, people
