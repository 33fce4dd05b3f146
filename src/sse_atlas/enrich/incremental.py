"""Entity resolution for added catalogues, against what the store keeps of earlier resolutions.

A full resolution (:mod:`sse_atlas.enrich.entities`) reads every mention of every catalogue.
Adding one catalogue changes only some clusters (the keys its mentions carry, the keys a
replaced catalogue's mentions carried, and people whose role names a city that appeared or
went), and the union-find can only change the groups connected to those by a pair the rules
would merge. So the store keeps, per cluster key, its mentions and context by catalogue, the
key it resolved to (``kept``) and *tight blocks*: keys every pair a rule can merge shares
(one word masked, a name's first word with another, a city with one word masked, a person, a
name, a council's place). From the changed clusters the resolution pulls in their earlier
groups, then, round by round, every stored cluster that shares a tight block and an ordinary
block with one in hand *and* that a rule would merge with it, with its earlier group; and both
sides of an editor's rule. It then runs the same ``_resolve`` over that closed set: any cluster
outside it meets the set only in pairs no rule merges, so its group is the one stored, and the
result is the one a full resolution over every catalogue gives (tested against one).
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from sse_atlas.enrich.entities import (
    EntityRule,
    _members,
    _organisation,
    _organisation_blocks,
    _organisation_rank,
    _organisation_verdict,
    _person,
    _person_blocks,
    _person_rank,
    _person_rule,
    _person_verdict,
    _resolve,
    _VerdictOf,
)
from sse_atlas.enrich.mentions import (
    Cluster,
    Context,
    Mention,
    MentionCollector,
    cities_named,
    iter_involvements,
)
from sse_atlas.enrich.names import natural_key, split_organisation
from sse_atlas.model import Catalogue, Initiative, Organisation, Person, Workshop

ENTITIES = ("organisation", "person")
_NO_CONTEXT = Context()  # stored mentions carry none: their cluster keeps the union by catalogue


@dataclass(frozen=True)
class ClusterRow:
    """What the store keeps of one cluster: its resolved key, blocks, and parts by catalogue."""

    entity: str
    key: str
    kept: str
    text: str  # the role texts of its mentions, for the cities they name
    data: str  # JSON: [[catalogue id, context, [mention, ...]], ...] by catalogue id
    blocks: tuple[str, ...]


class EntityIndex(Protocol):
    """The store's side: clusters and their blocks, read inside the ingest's transaction."""

    def clusters(self, entity: str, keys: Collection[str]) -> dict[str, tuple[str, str]]:
        """(kept, data) of each stored cluster among ``keys``."""
        ...

    def keys_in_blocks(self, entity: str, blocks: Collection[str]) -> list[tuple[str, str]]:
        """(block, key) of every stored cluster in one of ``blocks``."""
        ...

    def keys_kept_as(self, entity: str, kept: Collection[str]) -> set[str]:
        """Keys of the stored clusters resolved to one of ``kept``."""
        ...

    def keys_of_catalogues(self, catalogue_ids: Collection[str]) -> set[tuple[str, str]]:
        """(entity, key) of every cluster the catalogues' mentions are in."""
        ...

    def cities(self, without: Collection[str] = ()) -> set[str]:
        """Every known city, but those only the ``without`` catalogues name."""
        ...

    def people_naming(self, cities: Collection[str]) -> set[str]:
        """Keys of the people whose role text may name one of ``cities``."""
        ...


class NoIndex:
    """An empty store: resolving every catalogue as added is a full resolution."""

    def clusters(self, entity: str, keys: Collection[str]) -> dict[str, tuple[str, str]]:
        return {}

    def keys_in_blocks(self, entity: str, blocks: Collection[str]) -> list[tuple[str, str]]:
        return []

    def keys_kept_as(self, entity: str, kept: Collection[str]) -> set[str]:
        return set()

    def keys_of_catalogues(self, catalogue_ids: Collection[str]) -> set[tuple[str, str]]:
        return set()

    def cities(self, without: Collection[str] = ()) -> set[str]:
        return set()

    def people_naming(self, cities: Collection[str]) -> set[str]:
        return set()


@dataclass
class EntityDelta:
    """What the store writes after an added resolution."""

    replaced: set[str]  # catalogues whose earlier mentions and cities go
    clusters: list[ClusterRow]  # written, replacing the rows of the same (entity, key)
    removed: list[tuple[str, str]]  # (entity, key) no mention holds any more
    catalogue_keys: dict[str, set[tuple[str, str]]]  # added catalogue -> its (entity, key)
    cities: dict[str, set[str]]  # added catalogue -> the cities it makes known
    dropped: set[str]  # entity ids written again or gone
    organisations: list[Organisation]
    people: list[Person]


@dataclass
class AddedResolution:
    """The delta to write, and the ids that changed on stored records."""

    delta: EntityDelta
    changed: dict[str, dict[str, str]] = field(default_factory=dict)  # entity -> key -> kept
    touched: set[str] = field(default_factory=set)  # stored records carrying a changed id


# -- tight blocks ---------------------------------------------------------------------------


def _masked(words: list[str]) -> list[str]:
    return [
        ":".join(["*" if j == i else w for j, w in enumerate(words)]) for i in range(len(words))
    ]


def person_tight_blocks(key: str) -> set[str]:
    """Shared by every pair ``_person_rule`` accepts: the same length with one word masked
    (typo, short form), or the first word with a later one (a name and its extension)."""
    words = key.split("-")
    if len(words) < 2:
        return set()  # two one-word names that differ share no word: never compared
    blocks = {f"{len(words)}:{masked}" for masked in _masked(words)}
    blocks |= {f"ext:{words[0]}:{word}" for word in words[1:]}
    return blocks


def organisation_tight_blocks(cluster: Cluster) -> set[str]:
    """Shared by every pair ``_organisation_verdict`` accepts: its ordinary blocks but the
    city, which only the typo rule needs, and it with one word masked."""
    blocks = {b for b in _organisation_blocks(cluster) if not b.startswith("city:")}
    for city in cluster.context.cities:
        blocks |= {f"typo:{city}:{masked}" for masked in _masked(cluster.words)}
    return blocks


# -- clusters to and from their stored form -------------------------------------------------


def _context_json(context: Context) -> list[Any]:
    sets = (context.organisations, context.acronyms, context.domains, context.cities)
    more = (context.countries, context.genders, context.people)
    return [*(sorted(s) for s in (*sets, *more)), context.text]


def _context_from(data: list[Any]) -> Context:
    organisations, acronyms, domains, cities, countries, genders, people, text = data
    return Context(
        set(organisations), set(acronyms), set(domains), set(cities),
        set(countries), set(genders), set(people), str(text),
    )  # fmt: skip


def _mention_json(mention: Mention) -> list[Any]:
    m = mention
    return [m.order[1], m.name, m.record, m.workshop, m.role, m.city, m.country, m.url]


def _mention_from(key: str, catalogue: str, data: list[Any]) -> Mention:
    n, name, record, workshop, role, city, country, url = data
    return Mention(
        name=name, key=key, order=(catalogue, n), record=record, workshop=workshop,
        context=_NO_CONTEXT, role=role, city=city, country=country, url=url,
    )  # fmt: skip


@dataclass
class _Parts:
    """A cluster by catalogue: (context, mentions) of each, from which the cluster is made."""

    key: str
    by_catalogue: dict[str, tuple[Context, list[Mention]]]

    def cluster(self, cities: Collection[str], person: bool) -> Cluster:
        cluster = Cluster(self.key)
        for catalogue in sorted(self.by_catalogue):
            context, mentions = self.by_catalogue[catalogue]
            cluster.mentions.extend(mentions)
            cluster.context.absorb(context)
        if person:  # what place_people adds, from every catalogue's cities
            cluster.context.cities |= cities_named(cluster.context.text, cities)
        return cluster

    def json(self) -> str:
        parts = [
            [catalogue, _context_json(context), [_mention_json(m) for m in mentions]]
            for catalogue, (context, mentions) in sorted(self.by_catalogue.items())
        ]
        return json.dumps(parts, ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def loads(cls, key: str, data: str) -> _Parts:
        return cls(
            key,
            {
                catalogue: (_context_from(context), [_mention_from(key, catalogue, m) for m in ms])
                for catalogue, context, ms in json.loads(data)
            },
        )


# -- the resolution --------------------------------------------------------------------------


@dataclass
class _Side:
    """One kind of entity during an added resolution."""

    entity: str
    index: EntityIndex
    cities: set[str]
    parts: dict[str, _Parts] = field(default_factory=dict)  # every cluster in hand
    stored_kept: dict[str, str] = field(default_factory=dict)  # of those read from the store
    changed_data: set[str] = field(default_factory=set)  # keys whose mentions changed
    built: dict[str, Cluster] = field(default_factory=dict)

    @property
    def person(self) -> bool:
        return self.entity == "person"

    def load(self, keys: Iterable[str]) -> set[str]:
        """Read the stored clusters among ``keys`` not in hand yet; the keys found."""
        wanted = {k for k in keys if k not in self.parts and k not in self.stored_kept}
        found = self.index.clusters(self.entity, wanted) if wanted else {}
        for key, (kept, data) in found.items():
            self.stored_kept[key] = kept
            self.parts[key] = _Parts.loads(key, data)
        return set(found)

    def cluster(self, key: str) -> Cluster:
        if key not in self.built:
            self.built[key] = self.parts[key].cluster(self.cities, self.person)
        return self.built[key]

    def blocks(self, key: str) -> set[str]:
        if self.person:
            return person_tight_blocks(key)
        return organisation_tight_blocks(self.cluster(key))

    def ordinary_blocks(self, key: str) -> set[str]:
        cluster = self.cluster(key)
        return _person_blocks(cluster) if self.person else _organisation_blocks(cluster)

    def mentioned(self, key: str) -> bool:
        """Whether ``key`` is in hand with a mention left (a re-ingest can take its last)."""
        return key in self.parts and bool(self.parts[key].by_catalogue)

    def possible(self, a: str, b: str) -> bool:
        """False when the keys alone rule a merge out (people's rules start from the names)."""
        return not self.person or _person_rule(a.split("-"), b.split("-")) is not None

    def verdict(self, a: str, b: str) -> bool:
        """Whether a rule would merge ``a`` and ``b`` (and the full run would compare them)."""
        if not self.mentioned(b) or not self.ordinary_blocks(a) & self.ordinary_blocks(b):
            return False
        verdict_of: _VerdictOf = _person_verdict if self.person else _organisation_verdict
        first, second = sorted((a, b))  # the order the full run compares them in
        return verdict_of(self.cluster(first), self.cluster(second)) is not None


def _collect(catalogues: Sequence[Catalogue]) -> tuple[list[MentionCollector], set[str]]:
    collectors = []
    for catalogue in catalogues:
        collector = MentionCollector()
        collector.catalogue(catalogue)
        collectors.append(collector)
    cities = set().union(*(c.known_cities() for c in collectors)) if collectors else set()
    return collectors, cities


def _close(side: _Side, start: set[str], gone: set[str], rules: Sequence[EntityRule]) -> set[str]:
    """The clusters whose groups may differ from the stored ones (see the module's text);
    ``gone`` are stored clusters left without a mention, whose groups are in it too."""
    group = set(start)
    frontier = set(start)
    mine = [r for r in rules if r.entity == side.entity]
    extra = {side.stored_kept[k] for k in gone if k in side.stored_kept}
    while frontier:
        kept = {side.stored_kept[k] for k in frontier if k in side.stored_kept} | extra
        extra = set()
        mates = side.index.keys_kept_as(side.entity, kept) if kept else set()
        for rule in mine:
            if rule.first in group or rule.first in frontier:
                mates.add(rule.second)
            if rule.second in group or rule.second in frontier:
                mates.add(rule.first)
        side.load(mates - group)
        found = {k for k in mates if side.mentioned(k)} - group
        blocks: dict[str, set[str]] = {}
        for key in frontier:
            for block in side.blocks(key):
                blocks.setdefault(block, set()).add(key)
        near: dict[str, set[str]] = {}
        for block, other in side.index.keys_in_blocks(side.entity, list(blocks)):
            if other not in group and other not in found:
                near.setdefault(other, set()).update(blocks[block])
        near = {o: {k for k in keys if side.possible(k, o)} for o, keys in near.items()}
        side.load(o for o, keys in near.items() if keys)
        found |= {o for o, keys in near.items() if any(side.verdict(k, o) for k in keys)}
        group |= found
        frontier = found
    return group


def _resolve_side(
    side: _Side, start: set[str], gone: set[str], rules: Sequence[EntityRule]
) -> tuple[dict[str, str], list[Organisation] | list[Person]]:
    """Each key of the closed set's new kept key, and the entities of its groups."""
    closed = _close(side, start, gone, rules)
    clusters = {key: side.cluster(key) for key in sorted(closed)}
    if side.person:
        kept, _, _ = _resolve(clusters, "person", _person_verdict, _person_rank, rules)
        members = _members(clusters, kept)
        return kept, [_person(key, found) for key, found in sorted(members.items())]
    kept, _, _ = _resolve(
        clusters, "organisation", _organisation_verdict, _organisation_rank, rules
    )
    members = _members(clusters, kept)
    return kept, [_organisation(key, found) for key, found in sorted(members.items())]


def resolve_added(
    index: EntityIndex,
    added: Sequence[Catalogue],
    rules: Iterable[EntityRule] = (),
) -> AddedResolution:
    """Resolve the entities of ``added`` (which replace any stored catalogue of the same id)
    against the stored clusters; sets the ids on the added records in place."""
    added = sorted(added, key=lambda c: c.id)
    rules = list(rules)
    replaced = {c.id for c in added}
    collectors, added_cities = _collect(added)
    cities = index.cities(without=replaced) | added_cities
    moved = cities ^ index.cities()
    losing = index.keys_of_catalogues(replaced)
    sides = {entity: _Side(entity, index, cities) for entity in ENTITIES}
    starts: dict[str, set[str]] = {}
    for entity, side in sides.items():
        fresh = [m for c in collectors for m in (c.people if side.person else c.organisations)]
        dirty = {k for e, k in losing if e == entity} | {m.key for m in fresh}
        if side.person and moved:
            dirty |= index.people_naming(moved)
        side.load(dirty)
        for key in dirty:
            side.parts.setdefault(key, _Parts(key, {}))
            for gone_id in replaced:
                side.parts[key].by_catalogue.pop(gone_id, None)
        for collector, catalogue in zip(collectors, added, strict=True):
            mentions = collector.people if side.person else collector.organisations
            for mention in mentions:
                context, found = side.parts[mention.key].by_catalogue.setdefault(
                    catalogue.id, (Context(), [])
                )
                context.absorb(mention.context)
                found.append(mention)
        side.changed_data = dirty
        starts[entity] = {k for k in dirty if side.parts[k].by_catalogue}
    delta = EntityDelta(
        replaced=replaced,
        clusters=[],
        removed=[],
        catalogue_keys={c.id: set() for c in added},
        cities={c.id: col.known_cities() for c, col in zip(added, collectors, strict=True)},
        dropped=set(),
        organisations=[],
        people=[],
    )
    result = AddedResolution(delta)
    kept_of: dict[str, dict[str, str]] = {}
    for entity, side in sides.items():
        gone = {k for k in side.changed_data if not side.parts[k].by_catalogue}
        kept, entities = _resolve_side(side, starts[entity], gone, rules)
        kept_of[entity] = kept
        if side.person:
            delta.people = entities  # type: ignore[assignment]
        else:
            delta.organisations = entities  # type: ignore[assignment]
        delta.dropped |= {
            f"{entity}/{old}" for k, old in side.stored_kept.items() if k in kept or k in gone
        }
        delta.removed += [(entity, k) for k in gone if k in side.stored_kept]
        changed = {
            k: kept[k] for k, old in side.stored_kept.items() if k in kept and kept[k] != old
        }
        result.changed[entity] = changed
        for key in changed:
            for owner, (_, mentions) in side.parts[key].by_catalogue.items():
                if owner not in replaced:
                    result.touched.update(m.record for m in mentions)
        for key in sorted(side.changed_data | set(changed)):
            if key not in kept:
                continue
            parts = side.parts[key]
            cluster = side.cluster(key)
            delta.clusters.append(
                ClusterRow(
                    entity, key, kept[key], cluster.context.text if side.person else "",
                    parts.json(), tuple(sorted(side.blocks(key))),
                )
            )  # fmt: skip
            for owner in parts.by_catalogue.keys() & replaced:
                delta.catalogue_keys[owner].add((entity, key))
    _assign(added, collectors, kept_of)
    return result


def _assign(
    added: Sequence[Catalogue],
    collectors: Sequence[MentionCollector],
    kept: dict[str, dict[str, str]],
) -> None:
    for catalogue in added:
        for initiative in catalogue.initiatives:
            initiative.organisation_id = _organisation_id(initiative.organisation, kept)
    for collector in collectors:
        for mention in collector.people:
            if mention.involvement is not None:
                mention.involvement.person_id = f"person/{kept['person'][mention.key]}"


def _organisation_id(name: str | None, kept: dict[str, dict[str, str]]) -> str | None:
    if not natural_key(name or ""):
        return None
    head = natural_key(split_organisation(name or "")[0])
    return f"organisation/{kept['organisation'][head]}"


def apply_changed(record: Initiative | Workshop, changed: dict[str, dict[str, str]]) -> None:
    """Give a stored record the ids an added resolution changed."""
    organisations, people = changed.get("organisation", {}), changed.get("person", {})
    if isinstance(record, Initiative):
        holder = Catalogue(id="", initiatives=[record])
        if natural_key(record.organisation or ""):
            head = natural_key(split_organisation(record.organisation or "")[0])
            if head in organisations:
                record.organisation_id = f"organisation/{organisations[head]}"
    else:
        holder = Catalogue(id="", workshops=[record])
    for _, _, who in iter_involvements(holder):
        key = natural_key(who.name)
        if key in people:
            who.person_id = f"person/{people[key]}"
