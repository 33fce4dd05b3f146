"""The search engine: lexical and semantic retrieval fused, facets, snippets, similar records."""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

import numpy as np
import numpy.typing as npt

from sse_atlas.search.built import BuiltParts
from sse_atlas.search.documents import SearchDocument
from sse_atlas.search.facets import FacetIndex
from sse_atlas.search.fusion import FUSION, Fusion, Signals
from sse_atlas.search.glossary import GLOSSARY, LANGUAGES, Expansion, Glossary
from sse_atlas.search.lexical import LexicalIndex, Term, key_of
from sse_atlas.search.query import ParsedQuery, content_words, parse
from sse_atlas.search.results import FacetValue, SearchHit, SearchQuery, SearchResults
from sse_atlas.search.semantic import (
    QUERY_VECTORS,
    Embedder,
    FloatMatrix,
    VectorIndex,
    normalise,
)
from sse_atlas.search.snippets import highlight
from sse_atlas.search.text import ALL_STOPWORDS, fold, tokens
from sse_atlas.search.understand import BOOSTS, KINDS, Interpretation, Understander
from sse_atlas.store.vectors import VectorCache

MODES = ("hybrid", "lexical", "semantic")
MAX_LIMIT = 1000
BATCH = 256  # texts embedded per call while indexing
CLOSEST_RECORDS = 20  # nearest records whose countries and themes an empty page offers
CLOSEST_VALUES = 3
CITY_BOOST = 0.05  # a city or region named: its name is matched as words too
SPELLED_WORDS = 4  # unknown words of an empty page's query looked up for a spelling
FILTERED_KEEP = 0.5  # inside a filter the query reads, records within this share of its best
CORRECTIONS_KEPT = 4096  # misspelt words whose correction an engine remembers
MASKS_KEPT = 32  # records of the places, days... queries named (one byte a record each)


@dataclass(frozen=True)
class Unit:
    """A part of the query (a word, or a lexicon phrase) and the ways a record can contain it.

    Present when a record has ``need`` of the ``groups`` (each group: index terms of one
    word, any of them), or every word of the part as the user wrote it (``own``).
    """

    groups: tuple[tuple[int, ...], ...]
    need: int
    own: tuple[tuple[int, ...], ...]
    words: int  # query words it stands for
    counts: float  # how much finding it counts (a corrected word is a guess)


@dataclass(frozen=True)
class Analysis:
    """A query turned into weighted index terms and (when semantic) a vector."""

    parsed: ParsedQuery
    terms: tuple[Term, ...]
    corrections: dict[str, str]
    expansions: tuple[Expansion, ...]
    highlight_keys: frozenset[str]
    vector: FloatMatrix | None
    units: tuple[Unit, ...]  # what a record must contain to cover each part of the query
    # words of the records already matched against the query (for snippets)
    seen: dict[tuple[str, str], bool] = field(default_factory=dict, compare=False)


def vector_key(model: str, text: str) -> str:
    return hashlib.blake2b(f"{model}\x00{text}".encode(), digest_size=16).hexdigest()


def embed_documents(
    documents: Sequence[SearchDocument], embedder: Embedder, cache: VectorCache | None = None
) -> FloatMatrix:
    """Vectors of every document, reusing those cached for unchanged texts."""
    keys = [vector_key(embedder.name, d.semantic_text) for d in documents]
    known = cache.load() if cache is not None else {}
    missing = sorted({k: i for i, k in enumerate(keys) if k not in known}.values())
    for begin in range(0, len(missing), BATCH):
        chunk = missing[begin : begin + BATCH]
        vectors = embedder.embed([documents[i].semantic_text for i in chunk])
        for row, vector in zip(chunk, vectors, strict=True):
            known[keys[row]] = vector
    matrix = np.zeros((len(documents), embedder.dimension), dtype=np.float32)
    for row, key in enumerate(keys):
        matrix[row] = known[key]
    if cache is not None and missing:
        # only the new rows are written: the cache is shared by every knowledge base
        added = list(dict.fromkeys(keys[i] for i in missing))
        cache.add(added, np.stack([known[k] for k in added]), used=keys)
    return normalise(matrix)


class SearchEngine:
    """Indexes over a fixed list of documents; rebuilt, not updated, when the content changes."""

    def __init__(
        self,
        documents: Sequence[SearchDocument],
        embedder: Embedder | None = None,
        vectors: FloatMatrix | None = None,
        fusion: Fusion = FUSION,
        stamp: str | None = None,
        built: BuiltParts | None = None,
        glossary: Glossary = GLOSSARY,
    ) -> None:
        self.documents = list(documents) if built is None else documents
        self.glossary = glossary
        self.stamp = stamp
        self.fusion = fusion
        self.embedder = embedder
        self._vectors = vectors
        if built is not None:  # opened from the persistent index: nothing is rebuilt
            self.rows = built.rows
            self.lexical = built.lexical
            self.facets = built.facets
            self.vectors = built.vectors if embedder else None
            self._reading_rank = built.reading_rank
        else:
            self.rows = {d.id: row for row, d in enumerate(self.documents)}
            self.lexical = LexicalIndex(self.documents)
            self.facets = FacetIndex(self.documents)
            self.vectors = VectorIndex(vectors) if vectors is not None and embedder else None
            self._reading_rank = reading_rank(self.documents)
        self._glossary_words = sorted(
            {w for language in LANGUAGES for w in glossary.vocabulary[language]}
        )
        self._glossary_known = frozenset(self._glossary_words)
        self._corrected: dict[str, str | None] = {}
        self._masks: OrderedDict[tuple[object, ...], npt.NDArray[np.bool_]] = OrderedDict()
        self._masks_lock = threading.Lock()
        if built is not None and built.understander is not None:
            self.understander = built.understander
        else:
            self.understander = Understander(self.documents, self.facets.values)

    def vectors_matrix(self) -> FloatMatrix | None:
        """The record vectors as given (to build a variant engine over the same records)."""
        return self._vectors

    # -- analysis ----------------------------------------------------------------------------

    def analyse(self, text: str, semantic: bool = True) -> Analysis:
        """Words resolved against the index: misspellings corrected, foreign phrases translated."""
        parsed = parse(text)
        languages = (parsed.language,) if parsed.language else ()
        positions = content_words(parsed)
        resolved = list(parsed.words)
        corrections: dict[str, str] = {}
        for i in positions:
            word = resolved[i]
            if self.lexical.term_ids(word, languages) or word in self._glossary_known:
                continue
            better = self._correct(word)
            if better is not None:
                corrections[word] = better
                resolved[i] = better
        expansions = self._expansions(resolved, parsed.language)
        weights: dict[int, float] = {}
        keys: set[str] = set()
        own_ids: dict[int, tuple[int, ...]] = {}
        own_weight: dict[int, float] = {}
        for i in positions:
            # a corrected word is a guess: it counts less, in the score and in the coverage
            own_weight[i] = self.fusion.corrected_weight if parsed.words[i] in corrections else 1.0
            own_ids[i] = tuple(sorted(self.lexical.term_ids(resolved[i], languages)))
            for term in own_ids[i]:
                weights[term] = max(weights.get(term, 0.0), own_weight[i])
            keys.add(resolved[i])
            keys.update(key_of(resolved[i], lang) for lang in (*self.lexical.languages, *languages))
        units: list[Unit] = []
        covered: set[int] = set()
        for expansion in _longest_first(expansions):
            span = [i for i in positions if expansion.start <= i < expansion.end]
            if not span or covered & set(span):
                continue
            covered.update(span)
            groups: list[tuple[int, ...]] = []
            factor = min(own_weight[i] for i in span)
            for word in expansion.french:
                found = self.lexical.term_ids(word, ("fr",))
                for term in found:
                    weight = factor * self.fusion.expansion_weight
                    weights[term] = max(weights.get(term, 0.0), weight)
                keys.update(key_of(word, lang) for lang in self.lexical.languages)
                if found:
                    groups.append(tuple(sorted(found)))
            need = max(1, min(len(span), len(expansion.french)))
            own = tuple(own_ids[i] for i in span)
            units.append(Unit(tuple(groups), need, own, len(span), factor))
        for i in positions:
            if i not in covered:
                units.append(Unit((own_ids[i],), 1, (), 1, own_weight[i]))
        terms = tuple(
            Term(key="", id=term, weight=weight, idf=self.lexical.idf_of(term))
            for term, weight in sorted(weights.items())
        )
        vector = self._query_vector(parsed, resolved, expansions) if semantic else None
        return Analysis(
            parsed, terms, corrections, tuple(expansions), frozenset(keys), vector, tuple(units)
        )

    def _correct(self, word: str) -> str | None:
        """The collection's word for a misspelt one, remembered: a search reads its words
        twice, and the same typos come back."""
        if word in self._corrected:
            return self._corrected[word]
        better = self.lexical.correct(word, self._glossary_words)
        if len(self._corrected) >= CORRECTIONS_KEPT:
            self._corrected.clear()
        self._corrected[word] = better
        return better

    def _expansions(self, resolved: list[str], language: str | None) -> list[Expansion]:
        """Lexicon phrases of the query: all of them in a foreign query; in a French one (or a
        query of unknown language), only those holding a word the collection never uses."""
        others = [lang for lang in LANGUAGES if lang != "fr"]
        if language in others:
            ordered = [language, *(lang for lang in others if lang != language)]
            found = self.glossary.expand(resolved, [language])
            if found:
                return found
            return self.glossary.expand(resolved, ordered)
        found = self.glossary.expand(resolved, others)
        known = [bool(self.lexical.term_ids(w, ())) for w in resolved]
        if language is None:
            return found
        return [e for e in found if not all(known[e.start : e.end])]

    def _query_vector(
        self, parsed: ParsedQuery, resolved: list[str], expansions: list[Expansion]
    ) -> FloatMatrix | None:
        if self.embedder is None or self.vectors is None or not parsed.words:
            return None
        texts = [parsed.text]
        if expansions or resolved != list(parsed.words):
            texts.append(_translation(resolved, expansions))
        vectors = QUERY_VECTORS.get(self.embedder, texts)
        weights = np.array([1.0] + [self.fusion.translation_weight] * (len(texts) - 1))
        mixed = (weights[:, None] * vectors).sum(axis=0)[None, :].astype(np.float32)
        vector: FloatMatrix = normalise(mixed)[0]
        return vector

    # -- searching ---------------------------------------------------------------------------

    def search(self, query: SearchQuery) -> SearchResults:
        mode = query.mode if query.mode in MODES else "hybrid"
        limit = max(0, min(query.limit, MAX_LIMIT))
        offset = max(0, query.offset)
        filters = {k: tuple(v) for k, v in query.filters.items() if v}
        size = len(self.documents)
        literal = KINDS if "all" in query.literal else query.literal
        # misspellings first, so that "monaies locales" is read as the theme it names
        suggestion = _suggestion(query.text, self.analyse(query.text, semantic=False).corrections)
        reading = self.understander.read(suggestion or query.text, literal)
        analysis = self.analyse(reading.text, semantic=mode != "lexical")
        if analysis.parsed.empty:
            relevant = np.ones(size, dtype=bool)
            scores = np.zeros(size, dtype=np.float32)
            lexical = semantic = None
            weak = False
        else:
            signals = self._signals(analysis, mode)
            scores, relevant, weak = self.fusion.fuse(signals, mode, analysis.parsed.language)
            lexical, semantic = signals.lexical, signals.cosine
        unfiltered = relevant
        if reading.interpretations:
            relevant, weak = self._interpreted(reading.interpretations, scores, relevant, weak)
        selected, masks = self.facets.filtered(relevant, filters)
        facets = self.facets.facet_values(relevant, masks, filters)
        rows = np.flatnonzero(selected)
        ranked = self._ranked(rows, None if not scores.any() else scores, offset + limit)
        page = ranked[offset : offset + limit]
        hits = [self._hit(int(r), scores, lexical, semantic, analysis) for r in page]
        closest = {}
        spelling = None
        if not rows.size and query.text.strip():
            words = lexical if lexical is not None else np.zeros(size, dtype=np.float32)
            closest = self._closest(unfiltered if unfiltered.any() else None, words)
            spelling = None if suggestion else self._spelling(query.text)
        return SearchResults(
            query=replace(query, mode=mode),
            total=int(rows.size),
            hits=hits,
            facets=facets,
            weak=weak,
            language=analysis.parsed.language,
            interpreted=reading.interpretations,
            suggestion=suggestion,
            spelling=spelling,
            closest=closest,
        )

    def _spelling(self, text: str) -> str | None:
        """The query with each word the collection lacks replaced by one it resembles, when
        any is (offered on an empty page: "did you mean")."""
        respelled = []
        tried = 0
        for token in tokens(text):
            word = token.folded
            known = self.lexical.term_ids(word, ()) or word in self._glossary_known
            # each look-up scans the words of similar length: a few per query at most
            better = None if known or tried >= SPELLED_WORDS else self.lexical.resembling(word)
            tried += not known
            respelled.append(better or token.word)
        found = " ".join(respelled)
        return found if found != " ".join(t.word for t in tokens(text)) else None

    def _closest(
        self, within: npt.NDArray[np.bool_] | None, scores: npt.NDArray[np.float32]
    ) -> dict[str, list[FacetValue]]:
        """Countries and themes where the words are found elsewhere (a filter emptied the
        page), or of the records sharing words with a query nothing matches well: offered,
        never listed. A query none of whose words the collection holds gets none."""
        if within is None:
            within = np.zeros(len(self.documents), dtype=bool)
            best = np.argsort(-scores, kind="stable")[:CLOSEST_RECORDS]
            within[best[scores[best] > 0]] = True
        if not within.any():
            return {}
        found = self.facets.facet_values(within, {}, {})
        return {facet: found[facet][:CLOSEST_VALUES] for facet in ("country", "theme")}

    def _interpreted(
        self,
        interpretations: Sequence[Interpretation],
        scores: npt.NDArray[np.float32],
        relevant: npt.NDArray[np.bool_],
        weak: bool,
    ) -> tuple[npt.NDArray[np.bool_], bool]:
        """Filters narrow the records (values of one kind OR-ed); boosts raise scores in place."""
        size = len(self.documents)
        narrowed: dict[str, npt.NDArray[np.bool_]] = {}
        best = float(scores.max()) if size else 0.0
        unmatched = not relevant.any()  # the words found nothing
        named_only = False
        for interpretation in interpretations:
            mask = self._kept_mask(interpretation)
            if interpretation.filter:
                kind = interpretation.kind
                narrowed[kind] = narrowed.get(kind, np.zeros(size, dtype=bool)) | mask
            elif unmatched and interpretation.kind == "place":
                # the words found nothing, the place is what is asked ("Bilboko ekimenak")
                narrowed["place"] = narrowed.get("place", np.zeros(size, dtype=bool)) | mask
                named_only = True
            elif best > 0:
                boost = BOOSTS[interpretation.kind]
                if interpretation.kind == "place" and interpretation.facet is None:
                    boost = CITY_BOOST  # the words already match the record's place
                scores += np.float32(boost * best) * mask
                if interpretation.kind == "entity":
                    # a name asked for: its records are answers even where words miss them
                    relevant = relevant | mask
                    weak = False
        if narrowed:
            within = np.ones(size, dtype=bool)
            for mask in narrowed.values():
                within &= mask
            # the words were judged against the whole collection; inside the place or day
            # asked for, the records nearest them count too ("social economy in Mexico")
            best_within = float(scores[within].max()) if within.any() else 0.0
            near = within & (scores > 0) & (scores >= FILTERED_KEEP * best_within)
            if not (relevant & within).any() and near.any():
                weak = True  # none matched well: the closest are shown as such
            relevant = (relevant & within) | near
            if named_only:  # every record of the place, as for a country named alone
                relevant, weak = within, False
        return relevant, weak

    def _kept_mask(self, interpretation: Interpretation) -> npt.NDArray[np.bool_]:
        """The records an interpretation names, kept: a place's many names (Europe, Europa,
        Europe's countries...) are each a pass over the postings, and places come back."""
        key = (interpretation.kind, interpretation.facet, interpretation.values)
        with self._masks_lock:
            mask = self._masks.get(key)
            if mask is not None:
                self._masks.move_to_end(key)
                return mask
        mask = self._interpretation_mask(interpretation)
        mask.flags.writeable = False  # shared by the searches that read the same
        with self._masks_lock:
            self._masks[key] = mask
            while len(self._masks) > MASKS_KEPT:
                self._masks.popitem(last=False)
        return mask

    def _interpretation_mask(self, interpretation: Interpretation) -> npt.NDArray[np.bool_]:
        if interpretation.facet is not None:
            mask = self.facets.mask(interpretation.facet, interpretation.values)
            if interpretation.kind == "place":
                # "in Colombia" also holds a record elsewhere that is about Colombia
                for name in self.understander.names.get(interpretation.values, ()):
                    mask |= self._names_present(name)
            return mask
        mask = np.zeros(len(self.documents), dtype=bool)
        for value in interpretation.values:
            mask[self.understander.rows.get((interpretation.kind, value), [])] = True
        return mask

    def _ranked(
        self, rows: npt.NDArray[np.int64], scores: npt.NDArray[np.float32] | None, count: int
    ) -> npt.NDArray[np.int64]:
        """The first ``count`` of ``rows`` by score (ties in reading order), without sorting all."""
        if scores is None:
            keys = self._reading_rank[rows]
            if rows.size > count:
                rows = rows[np.argpartition(keys, count - 1)[:count]] if count else rows[:0]
            return rows[np.argsort(self._reading_rank[rows], kind="stable")]
        values = scores[rows]
        if 0 < count < rows.size:
            kth = np.partition(values, rows.size - count)[rows.size - count]
            rows = rows[values >= kth]  # ties with the last kept score stay in the running
            values = scores[rows]
        elif count == 0:
            return rows[:0]
        return rows[np.lexsort((self._reading_rank[rows], -values))][:count]

    def _signals(self, analysis: Analysis, mode: str) -> Signals:
        lexical = None
        coverage = None
        if mode != "semantic":
            lexical = self.lexical.scores(analysis.terms)
            coverage = self._coverage(analysis)
        cosine = None
        if mode != "lexical" and analysis.vector is not None and self.vectors is not None:
            cosine = self.vectors.dense(analysis.vector)
            scale, shift = getattr(self.embedder, "calibration", (1.0, 0.0))
            if (scale, shift) != (1.0, 0.0):
                cosine = (scale * cosine + shift).astype(np.float32)
        return Signals(lexical=lexical, cosine=cosine, coverage=coverage)

    def _coverage(self, analysis: Analysis) -> npt.NDArray[np.float32]:
        """Share of the query each record contains, parts weighted by their rarest word."""
        size = len(self.documents)
        total = np.zeros(size, dtype=np.float32)
        weight_sum = 0.0
        for unit in analysis.units:
            terms = [t for group in (*unit.groups, *unit.own) for t in group]
            if not terms:
                # a word no record holds is as specific as a word can be: missing, it counts
                # as much as the rarest word would
                weight_sum += unit.words * self.lexical.rarest_idf
                continue
            weight = unit.words * max(self.lexical.idf_of(t) for t in terms)
            found = np.zeros(size, dtype=np.int32)
            for group in unit.groups:
                found += self._present(group)
            present = found >= unit.need if unit.groups else np.zeros(size, dtype=bool)
            if unit.own and all(unit.own):
                own = np.ones(size, dtype=bool)
                for group in unit.own:
                    own &= self._present(group)
                present |= own
            total += weight * unit.counts * present
            weight_sum += weight
        return total / weight_sum if weight_sum else total

    def _names_present(self, name: Sequence[str]) -> npt.NDArray[np.bool_]:
        """Records holding every word of ``name`` in their text (any field but the place's)."""
        present = np.ones(len(self.documents), dtype=bool)
        for word in name:
            if word not in ALL_STOPWORDS:
                present &= self._present(tuple(self.lexical.term_ids(word, ())))
        return present

    def _present(self, terms: Sequence[int]) -> npt.NDArray[np.bool_]:
        present = np.zeros(len(self.documents), dtype=bool)
        for term in terms:
            start, end = self.lexical.offsets[term], self.lexical.offsets[term + 1]
            present[self.lexical.postings[start:end]] = True
        return present

    def _hit(
        self,
        row: int,
        scores: npt.NDArray[np.float32],
        lexical: npt.NDArray[np.float32] | None,
        cosine: npt.NDArray[np.float32] | None,
        analysis: Analysis | None,
    ) -> SearchHit:
        document = self.documents[row]
        matcher = self._matcher(document, analysis) if analysis else (lambda _w: False)
        return SearchHit(
            id=document.id,
            code=document.code,
            kind=document.kind,
            title=document.title,
            score=round(float(scores[row]), 6),
            snippet=highlight(document.body or document.title, matcher),
            organisation=document.organisation,
            city=document.city,
            country_code=document.country_code,
            catalogue=document.catalogue,
            lexical_score=None if lexical is None else round(float(lexical[row]), 6),
            semantic_score=None if cosine is None else round(float(cosine[row]), 6),
        )

    def _matcher(self, document: SearchDocument, analysis: Analysis) -> Callable[[str], bool]:
        language = document.language or "fr"
        keys = analysis.highlight_keys
        seen = analysis.seen

        def matches(word: str) -> bool:
            found = seen.get((word, language))
            if found is None:
                found = key_of(word, language) in keys or fold(word) in keys
                seen[(word, language)] = found
            return found

        return matches

    # -- similar records ---------------------------------------------------------------------

    def similar(self, record_id: str, limit: int = 10) -> list[SearchHit]:
        """Records most like ``record_id`` in any catalogue or language (itself and copies out)."""
        row = self.rows.get(record_id)
        if row is None:
            raise KeyError(f"no initiative or workshop {record_id}")
        document = self.documents[row]
        analysis = self.analyse(f"{document.title} {document.organisation or ''}", semantic=False)
        lexical = self.lexical.scores(analysis.terms)
        cosine = None
        if self.vectors is not None:
            cosine = self.vectors.dense(self.vectors.vector(row))
        scores = self.fusion.similarity(lexical, cosine)
        scores[row] = -np.inf
        body = document.semantic_text
        wanted = 4 * limit + 8  # a few more than shown: copies of this text are passed over
        while True:
            ranked = stable_top(scores, wanted)
            hits: list[SearchHit] = []
            for candidate in ranked:
                if len(hits) >= limit or not np.isfinite(scores[candidate]):
                    return hits
                other = self.documents[int(candidate)]
                if other.semantic_text == body:
                    continue  # the same text in another catalogue is a copy, not a peer
                hits.append(self._hit(int(candidate), scores, lexical, cosine, None))
            if len(hits) >= limit or wanted >= scores.size:
                return hits
            wanted *= 4


def stable_top(scores: npt.NDArray[np.float32], count: int) -> npt.NDArray[np.int64]:
    """The first ``count`` rows of ``np.argsort(-scores, kind="stable")``, without sorting every
    row: a page's similar records cost a partition of the collection, not a sort of it."""
    if count >= scores.size:
        return np.argsort(-scores, kind="stable")
    if count <= 0:
        return np.zeros(0, dtype=np.int64)
    kth = np.partition(scores, scores.size - count)[scores.size - count]
    rows = np.flatnonzero(scores >= kth)  # ties with the last kept score stay in the running
    order = rows[np.argsort(-scores[rows], kind="stable")]  # rows ascend: ties keep row order
    return order[:count]


def _suggestion(text: str, corrections: dict[str, str]) -> str | None:
    """The query with each misspelt word replaced by the collection's word, if any was."""
    if not corrections:
        return None
    fixed = [corrections.get(fold(token.word), token.word) for token in tokens(text)]
    return " ".join(fixed)


def _longest_first(expansions: Sequence[Expansion]) -> list[Expansion]:
    return sorted(expansions, key=lambda e: (-(e.end - e.start), e.start))


def _translation(resolved: list[str], expansions: list[Expansion]) -> str:
    """The query with every lexicon phrase replaced by its French words (for the encoder)."""
    words: list[str] = []
    position = 0
    ordered = sorted(expansions, key=lambda e: (e.start, -(e.end - e.start)))
    for expansion in ordered:
        if expansion.start < position:
            continue
        words.extend(resolved[position : expansion.start])
        words.extend(expansion.french[:2])
        position = expansion.end
    words.extend(resolved[position:])
    return " ".join(words)


def reading_rank(documents: Sequence[SearchDocument]) -> npt.NDArray[np.int64]:
    """Each document's place in reading order (catalogue, then code): how ties are broken."""
    order = sorted(range(len(documents)), key=lambda r: _reading_order(documents[r]))
    rank = np.empty(len(documents), dtype=np.int64)
    rank[order] = np.arange(len(order))
    return rank


def _reading_order(document: SearchDocument) -> tuple[object, ...]:
    parts = tuple(int(p) if p.isdigit() else 0 for p in document.code.split("."))
    return (document.catalogue, parts, document.kind)
