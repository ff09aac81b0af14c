"""Hybrid, cross-lingual retrieval of units.

Four scored lists of units are fused by a weighted sum of their z-scores (`zscore_fusion`): dense
over chunks (the question's vector against both languages' chunk vectors, a unit scored by its
best chunk, so a bilingual unit gets no double vote), dense over sentences (a unit scored by its
closest sentence: a question about one rule of a long article meets that rule, not the article's
average), and BM25 over each language the question has words in. The embedder is cross-lingual
and BM25 is not: an English question reaches a Chinese-only statute through the dense lists,
and through a Chinese keyword list of its words' dictionary translations (`rag.bridge`). Each
keyword list's weight is scaled by the share of the corpus it can see, so keyword hits in the
other documents cannot drown it.

Fusion and weights chosen leaving one question set out (7 development sets on 6 corpora, e5+use,
recall@1 + MRR@10; `eval/datasets/heldout`): z-scores with keyword 0.25, chunk 1.0, sentence 0.5
were the best on the other sets for 6 of the 7 sets (with an eighth set written later: for all
8; with `use`, keyword 0.5: `rag.settings.KEYWORD_WEIGHTS`), among reciprocal rank fusion (k 10,
30, 60) and sums of max- or min-max-scaled scores over a grid of weights. Rank fusion threw
away how far a list's first stands above the rest: it sat below dense alone on the two bilingual
laws (R@1 0.554 against 0.714) and below BM25 alone on the sample. The weights are settings
(`RetrievalSettings`, LAWQA_RETRIEVAL__*), each described with what chose it.

A question that names documents of the library (《劳动合同法》, 根据劳动合同法…; `rag.naming`) is
also searched in them alone, so their best units join the chunk and keyword lists (standardised
as those lists' own) however far down the library's lists they stand, and their units get
`name_weight` added to the fused score: named first, not only. A question that asks for a
detail of a kind (a time limit, an amount, a body, a date; `rag.kinds`) then prefers, among the
first KIND_WINDOW units, those that hold a span of that kind: of two articles on the topic, the
one that states a period answers "within how many days". Before that preference, a question
asking a sanction (罚多少钱, "what fine") brings the articles that sanction the breach of one of
the first units (违反本法第七条规定……的，处……罚款) up to it: their words are seldom the question's.
"""

from __future__ import annotations

import heapq
import re
import statistics
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Protocol

import numpy as np

from rag.bridge import chinese_terms, keyword_tokens
from rag.index import Index
from rag.keyword import tokenize
from rag.kinds import Asked, Kind, asks_commencement, asks_sanction, states_commencement
from rag.labels import article_number
from rag.naming import Titles
from rag.references import violated_articles
from rag.settings import RetrievalSettings
from rag.text import answer_language, detect_languages, normalize
from rag.types import LANGS, Document, Hit, Lang, Source, Unit, chunk_unit, other_language

UnitKey = tuple[str, str]  # (doc_id, label)
KIND_WINDOW = 10  # the first units of the fused ranking the answer kind may reorder
LEADS = 5  # the best fused scores kept for the decision (`Retrieval.leads`)
PURPOSE_UNITS = 3  # a document's statement of purpose is among its first units
PURPOSE = Asked(Kind.PURPOSE)
# A commencement clause opens a document (the decree that promulgates it) or closes its articles:
# only so many units at either end are read for one (the Basic Law's annexes take 50 ms to scan).
COMMENCEMENT_ENDS = 3
# For a question asking a sanction: the first units whose sanctions are looked for in the
# articles naming their breach (as many as the decision reads, `rag.decision.topic.TOP_UNITS`).
LIABILITY_WINDOW = 3
UnitReader = Callable[[UnitKey], Unit | None]  # a unit by key, each read once per question
_INVALID = re.compile(r"失效|废止|廢止|已被修改|repealed|invalid|expired|no longer", re.I)


@dataclass(frozen=True)
class Retrieval:
    question: str
    language: str  # zh | en | mixed
    sources: tuple[Source, ...]
    top_dense: float = 0.0  # the best dense similarity of any candidate
    background: tuple[float, ...] = ()  # dense similarities of the candidates ranked 5 to 20
    # The best fused scores of the library's own lists, first to fifth, before the search within
    # named documents and the named-document and kind preferences (however many sources were
    # asked for, up to `candidates`): how clearly the lists agreed on one unit.
    leads: tuple[float, ...] = ()
    # The question's vector (None when dense search was off): what reads stored vectors later
    # compares with it instead of embedding the question again.
    vector: np.ndarray | None = field(default=None, compare=False, repr=False)
    # A question with no Chinese: its English words and phrases with the Chinese words its
    # keyword search used for them (`rag.bridge`), which the decision counts as theirs; a word
    # the dictionary translates into nothing the index holds comes with none.
    translations: tuple[tuple[str, tuple[str, ...]], ...] = ()
    # The documents the question names, searched first (`rag.naming`); those it names that it
    # may not search (outside the documents asked for, or no longer in force when only those in
    # force are); and the titles it writes in 《》 that no document of the library has.
    named: tuple[str, ...] = ()
    # All the documents searched that the question names, also when it names every one of them
    # (then none is searched first): what the question is about.
    names: tuple[str, ...] = ()
    not_searched: tuple[str, ...] = ()
    unknown_titles: tuple[str, ...] = ()
    timings_ms: dict[str, float] = field(default_factory=dict)


def in_force(document: Document) -> bool:
    """False only when the document says it is no longer valid; unknown counts as in force."""
    return not _INVALID.search(f"{document.meta.validity_zh} {document.meta.validity_en}")


@dataclass(frozen=True)
class ScoredList:
    """One list to fuse: its units' scores and its weight; `extra`: units outside its
    candidates scored the same way (by a search within the documents a question names),
    standardised with the candidates' statistics so that they move no candidate's score (a unit
    in neither gets the lowest of both: an extra BM25 hit stands below every candidate, but
    above a unit that matched nothing)."""

    scores: Mapping[UnitKey, float]
    weight: float
    extra: Mapping[UnitKey, float] = field(default_factory=dict)


def zscore_fusion(lists: Sequence[ScoredList]) -> dict[UnitKey, float]:
    """Fuse scored lists of units (CombSUM of z-scores): each list's scores are standardised
    over its own candidates, a unit it lacks gets its lowest, and the weighted sum is the fused
    score. Unlike rank fusion it keeps how far a list's first stands above the rest: a BM25 hit
    on a rare word counts for more than the 1st of 100 near-ties. A list whose candidates all
    score alike (a single hit) tells them apart from nothing and adds nothing: counting a unit
    BM25 did not match as a zero score instead ranked the sample's set one question better but
    let one matched word ("penalty" → 罚款) carry off-topic English questions into answers."""
    standardised = []
    for scored in lists:
        if not scored.weight or not scored.scores:
            continue
        values = np.fromiter(scored.scores.values(), dtype=float)
        spread = float(values.std()) or 1.0
        mean = float(values.mean())
        z = {key: (score - mean) / spread for key, score in scored.scores.items()}
        z |= {key: (s - mean) / spread for key, s in scored.extra.items() if key not in z}
        standardised.append((z, min(z.values()), scored.weight))
    units = {key for z, _, _ in standardised for key in z}
    return {
        key: sum(weight * z.get(key, lowest) for z, lowest, weight in standardised) for key in units
    }


@dataclass(frozen=True)
class _Lists:
    """One question's scored lists, before fusion: units by their best similarity (chunks,
    sentences) and, per keyword list, by their best BM25 score, with the share of the corpus the
    list can see."""

    vector: np.ndarray | None = None
    dense: dict[UnitKey, float] = field(default_factory=dict)
    sentences: dict[UnitKey, float] = field(default_factory=dict)
    keyword: list[tuple[float, list[tuple[UnitKey, float]]]] = field(default_factory=list)
    translations: tuple[tuple[str, tuple[str, ...]], ...] = ()
    gap: float = 0.0  # added to the other language's chunk similarities (`_one_scale`)
    # The question searched within the documents it names (dense over chunks and keywords,
    # the same lists in the same order, with the same scores for a unit both find).
    within: _Lists | None = None

    @property
    def named_search(self) -> _Lists:
        """The search within the named documents, or an empty one (its keyword lists lined up
        with these)."""
        return self.within or _Lists(keyword=[(share, []) for share, _ in self.keyword])

    @cached_property
    def dense_ranking(self) -> list[UnitKey]:
        return _ranking(self.dense)

    @cached_property
    def dense_rank(self) -> dict[UnitKey, int]:
        return {key: i for i, key in enumerate(self.dense_ranking, start=1)}

    @cached_property
    def best_keyword(self) -> dict[UnitKey, tuple[int, float]]:
        """Each unit's best (lowest) rank among the keyword lists, with its score there."""
        best: dict[UnitKey, tuple[int, float]] = {}
        for _, ranked in self.keyword:
            for rank, (key, score) in enumerate(ranked, start=1):
                if key not in best or rank < best[key][0]:
                    best[key] = (rank, score)
        return best


def _asked_about(
    first: Sequence[UnitKey], fused: Mapping[UnitKey, float], named: set[str]
) -> list[tuple[str, float]]:
    """The documents a question about a document itself is about (those it names, else those of
    the `first` units), each with its best fused score."""
    found = []
    for doc_id in sorted(named) if named else dict.fromkeys(key[0] for key in first):
        best = max((score for key, score in fused.items() if key[0] == doc_id), default=None)
        if best is not None:
            found.append((doc_id, best))
    return found


def _ranking(similarities: dict[UnitKey, float]) -> list[UnitKey]:
    return sorted(similarities, key=lambda key: -similarities[key])


def _allowed(
    documents: Mapping[str, Document], doc_ids: Sequence[str] | None, valid_only: bool
) -> set[str]:
    """The documents a question may search: those asked for that exist, in force if asked."""
    allowed = set(documents) if doc_ids is None else set(doc_ids) & set(documents)
    if valid_only:
        allowed = {d for d in allowed if in_force(documents[d])}
    return allowed


class _Near(Protocol):
    """A vector search hit (`Index.search_chunks`, `Index.chunks_within` …)."""

    @property
    def doc_id(self) -> str: ...
    @property
    def label(self) -> str: ...
    @property
    def similarity(self) -> float: ...


def _one_scale(
    hits: Mapping[Lang, Sequence[_Near]], question: str, gap: float | None = None
) -> tuple[dict[UnitKey, float], float]:
    """Units by their best hit, the other language's similarities moved by the median gap
    between the question's language and the other over the units found in both (or by `gap`),
    with the gap."""
    sims: dict[Lang, dict[UnitKey, float]] = {"zh": {}, "en": {}}
    for lang, found in hits.items():
        for hit in found:
            key = (hit.doc_id, hit.label)
            sims[lang][key] = max(sims[lang].get(key, -1.0), hit.similarity)
    own = answer_language(question)
    other = other_language(own)
    if gap is None:
        both = [sims[own][key] - sims[other][key] for key in sims[own] if key in sims[other]]
        gap = statistics.median(both) if both else 0.0
    merged = dict(sims[own])
    for key, similarity in sims[other].items():
        merged[key] = max(merged.get(key, -1.0), similarity + gap)
    return merged, gap


class Retriever:
    """Ranks units for a question; `settings` weigh and size the lists it fuses."""

    def __init__(
        self,
        index: Index,
        settings: RetrievalSettings,
        use_dense: bool = True,
        use_keywords: bool = True,
    ) -> None:
        self.index = index
        self.settings = settings.checked()
        self.keyword_weight = settings.keyword_weight_for(index.embedder.name)
        self.use_dense = use_dense
        self.use_keywords = use_keywords
        self._titles: tuple[Mapping[str, Document] | None, Titles] = (None, Titles(()))
        # per document: the labels of its units that sanction the breach of each of its articles
        self._referring: tuple[Mapping[str, Document] | None, dict[str, dict[int, list[str]]]]
        self._referring = (None, {})

    def depth(self, k: int) -> int:
        """Units each list contributes: the same for every k up to `candidates`, so asking for
        fewer sources never changes their order; more only to be able to return k."""
        return max(self.settings.candidates, k)

    def retrieve(
        self,
        question: str,
        k: int = 5,
        doc_ids: Sequence[str] | None = None,
        valid_only: bool = False,
    ) -> Retrieval:
        if k < 1:
            raise ValueError(f"the number of sources to retrieve must be at least 1, not {k}")
        started = time.perf_counter()
        documents = self.index.catalog()
        allowed = _allowed(documents, doc_ids, valid_only)
        restrict = None if allowed == set(documents) else sorted(allowed)
        depth = self.depth(k)
        lists = self._lists(question, depth, restrict) if allowed else _Lists()
        names, outside, unknown = self._named(question, documents, allowed)
        named = names if names != allowed else set()
        if named:
            lists = replace(lists, within=self._within(question, depth, sorted(named), lists))
        read: dict[UnitKey, Unit | None] = {}  # the units read for this question

        def unit(key: UnitKey) -> Unit | None:
            if key not in read:
                read[key] = self.index.unit(*key)
            return read[key]

        fused, ranked, leads = self._ranked(question, lists, allowed, unit, named)
        sources = self._sources(ranked[:k], fused, lists, documents, unit)
        dense_ranking = lists.dense_ranking
        return Retrieval(
            question=question,
            language=answer_language(question),
            sources=sources,
            top_dense=lists.dense[dense_ranking[0]] if dense_ranking else 0.0,
            background=tuple(lists.dense[key] for key in dense_ranking[4:20]),
            leads=leads,
            vector=lists.vector,
            translations=lists.translations,
            named=tuple(sorted(named)),
            names=tuple(sorted(names)),
            not_searched=tuple(sorted(outside)),
            unknown_titles=tuple(unknown),
            timings_ms={"retrieve": (time.perf_counter() - started) * 1000},
        )

    def _named(
        self, question: str, documents: Mapping[str, Document], allowed: set[str]
    ) -> tuple[set[str], set[str], list[str]]:
        """The allowed documents the question names; the documents it names that it may not
        search; and the titles it writes in 《》 that no document has."""
        if not self.settings.name_weight:
            return set(), set(), []
        catalog, titles = self._titles
        if catalog is not documents:  # a new catalog: read its titles once
            titles = Titles.of(documents)
            self._titles = (documents, titles)
        every = titles.named(question)
        return every & allowed, every - allowed, titles.unknown(question)

    def _ranked(
        self,
        question: str,
        lists: _Lists,
        allowed: set[str],
        unit: UnitReader,
        named: set[str],
    ) -> tuple[dict[UnitKey, float], list[UnitKey], tuple[float, ...]]:
        """The allowed documents' units by fused score (the named documents' and the kind
        asked first), with the scores, and the best `LEADS` scores before those preferences."""
        fused = self._fuse(lists, allowed)
        # The search within named documents adds units and moves the others' scores: the
        # leads are read from the library's own lists.
        plain = self._fuse(replace(lists, within=None), allowed) if lists.within else fused
        leads = tuple(heapq.nlargest(LEADS, plain.values()))
        if named:
            fused = {
                key: score + (self.settings.name_weight if key[0] in named else 0.0)
                for key, score in fused.items()
            }
        last = len(lists.dense_rank) + 1

        def order(scores: dict[UnitKey, float]) -> list[UnitKey]:
            return sorted(scores, key=lambda key: (-scores[key], lists.dense_rank.get(key, last)))

        ranked = order(fused)
        if self.settings.kind_weight:
            asked = Asked.of(question)
            if asked.kind == Kind.PURPOSE:
                fused = self._purpose_first(ranked[:KIND_WINDOW], fused, named)
                ranked = order(fused)
            elif asks_commencement(question):
                fused = self._commencement_first(ranked[:KIND_WINDOW], fused, named)
                ranked = order(fused)
            if asks_sanction(question):
                fused = self._liability_next(ranked[:LIABILITY_WINDOW], fused)
                ranked = order(fused)
            fused = self._kind_first(asked, ranked[:KIND_WINDOW], fused, unit)
            ranked = order(fused)
        return fused, ranked, leads

    def _lists(self, question: str, depth: int, restrict: list[str] | None) -> _Lists:
        """The scored lists to fuse: dense over chunks and over sentences, BM25 per language
        and the dictionary list of an English question."""
        normalized = normalize(question)
        translations = self._translations(normalized) if self.use_keywords else ()
        keyword = (
            self._keyword(normalized, translations, depth, restrict) if self.use_keywords else []
        )
        if not self.use_dense:
            return _Lists(keyword=keyword, translations=translations)
        vector = self.index.embedder.embed_query(question)
        sentences = (
            self._dense(
                vector, question, self.settings.sentence_depth * depth, restrict, sentences=True
            )[0]
            if self.settings.sentence_weight
            else {}
        )
        dense, gap = self._dense(vector, question, depth, restrict)
        return _Lists(vector, dense, sentences, keyword, translations, gap)

    def _within(self, question: str, depth: int, doc_ids: list[str], found: _Lists) -> _Lists:
        """The lists of a search in these documents alone, for the question whose lists over
        the library are `found`: the keyword lists, and dense over the documents' chunks (exact;
        the first `depth` units, as a search would give; on the library's scale across the two
        languages). The sentence list is the library's only."""
        keyword = (
            self._keyword(normalize(question), found.translations, depth, doc_ids)
            if self.use_keywords
            else []
        )
        dense: dict[UnitKey, float] = {}
        if found.vector is not None:
            vector = found.vector
            scaled, _ = _one_scale(
                {lang: self.index.chunks_within(lang, vector, doc_ids) for lang in LANGS},
                question,
                found.gap,
            )
            dense = {key: scaled[key] for key in _ranking(scaled)[:depth]}
        return _Lists(found.vector, dense, {}, keyword, found.translations, found.gap)

    def _translations(self, question: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """For a question with English words and no Chinese, on an index with text that has no
        English, the Chinese words of the index that translate them, and the words translated
        into none of them (`rag.bridge.chinese_terms`)."""
        present = detect_languages(question).present
        if (
            "zh" in present
            or "en" not in present
            or not self.settings.bridge_terms
            or self.index.keyword_coverage("en") >= 1.0
        ):
            return ()
        return tuple(
            chinese_terms(
                question,
                lambda token: self.index.keyword_frequency("zh", token),
                self.settings.bridge_terms,
            )
        )

    def _fuse(self, lists: _Lists, allowed: set[str]) -> dict[UnitKey, float]:
        """The weighted lists fused (`zscore_fusion`), over the allowed documents' units."""
        within = lists.named_search
        weighted = [
            ScoredList(lists.dense, self.settings.dense_weight, within.dense),
            ScoredList(lists.sentences, self.settings.sentence_weight),
        ]
        # A keyword list's say is scaled by the share of the corpus it is meant for, so English
        # keywords cannot push bilingual documents over Chinese-only ones that they cannot see.
        weighted += [
            ScoredList(dict(ranked), self.keyword_weight * share, dict(extra))
            for (share, ranked), (_, extra) in zip(lists.keyword, within.keyword, strict=True)
        ]
        fused = zscore_fusion(weighted)
        return {key: score for key, score in fused.items() if key[0] in allowed}

    def _purpose_first(
        self, first: Sequence[UnitKey], fused: dict[UnitKey, float], named: set[str]
    ) -> dict[UnitKey, float]:
        """For a question asking what a document is for: the statement of purpose of each
        document it is about (those it names, else those of the `first` units) scored above
        that document's best unit. A statement of purpose opens a document (its preamble, or
        its first articles: "为了……，制定本法"), where the question's words seldom are."""
        scored = dict(fused)
        for doc_id, best in _asked_about(first, fused, named):
            for opening in self.index.units(doc_id, first=PURPOSE_UNITS):
                if any(PURPOSE.given_by(opening.text(lang), lang) for lang in LANGS):
                    scored[(doc_id, opening.label)] = best + self.settings.kind_weight
                    break
        return scored

    def _commencement_first(
        self, first: Sequence[UnitKey], fused: dict[UnitKey, float], named: set[str]
    ) -> dict[UnitKey, float]:
        """For a question asking when a document takes effect: the commencement clauses of each
        document it is about (those it names, else those of the `first` units: among its first
        and last `COMMENCEMENT_ENDS` units, its closing article "本法自……起施行", the decree that
        promulgates it) scored above that document's best unit. The question's words are the
        document's title, found in all its articles."""
        scored = dict(fused)
        for doc_id, best in _asked_about(first, fused, named):
            units = self.index.units(doc_id)
            ends = units[:COMMENCEMENT_ENDS] + units[COMMENCEMENT_ENDS:][-COMMENCEMENT_ENDS:]
            for unit in ends:
                if any(states_commencement(unit.text(lang), lang) for lang in LANGS):
                    scored[(doc_id, unit.label)] = best + self.settings.kind_weight
        return scored

    def _liability_next(
        self, first: Sequence[UnitKey], fused: dict[UnitKey, float]
    ) -> dict[UnitKey, float]:
        """For a question asking a sanction: the articles that sanction the breach of one of the
        `first` units (违反本法第七条规定……的，处……罚款) scored as that unit, when they stand
        below it. A statute states a duty in one article and the sanction for breaching it in
        another, which shares few of the question's words (its words are the duty's); the
        preference for a span of the kind asked (`_kind_first`) then puts a fine stated first."""
        scored = dict(fused)
        for doc_id, label in first:
            number = article_number(label)
            if number is None:
                continue
            duty = fused[(doc_id, label)]
            for referring in self._referring_to(doc_id).get(number, ()):
                scored[(doc_id, referring)] = max(scored.get((doc_id, referring), duty), duty)
        return scored

    def _referring_to(self, doc_id: str) -> dict[int, list[str]]:
        """A document's article numbers, each with the labels of the units that sanction its
        breach (`violated_articles`), read once per document and catalog."""
        catalog, by_document = self._referring
        documents = self.index.catalog()
        if catalog is not documents:
            by_document = {}
            self._referring = (documents, by_document)
        if doc_id not in by_document:
            referring: dict[int, list[str]] = {}
            for unit in self.index.units(doc_id):
                numbers = violated_articles(unit.text_zh) | violated_articles(unit.text_en)
                numbers -= {article_number(unit.label)}
                for number in numbers:
                    referring.setdefault(number, []).append(unit.label)
            by_document[doc_id] = referring
        return by_document[doc_id]

    def _kind_first(
        self,
        asked: Asked,
        first: Sequence[UnitKey],
        fused: dict[UnitKey, float],
        unit: UnitReader,
    ) -> dict[UnitKey, float]:
        """The fused scores with `kind_weight` added for each of the `first` units that holds a
        span of what the question asks for (either language); unchanged for an open question."""
        if asked.kind in (Kind.OPEN, Kind.ARTICLE):
            return fused
        scored = dict(fused)
        for key in first:
            found = unit(key)
            if found is not None and any(
                found.text(lang) and asked.given_by(found.text(lang), lang, worded=False)
                for lang in LANGS
            ):
                scored[key] += self.settings.kind_weight
        return scored

    def _sources(
        self,
        order: Sequence[UnitKey],
        fused: dict[UnitKey, float],
        lists: _Lists,
        documents: Mapping[str, Document],
        unit: UnitReader,
    ) -> tuple[Source, ...]:
        """The ranked units as numbered sources, each with the evidence found for it."""
        best_keyword = lists.best_keyword
        within = lists.named_search
        sources = []
        for n, key in enumerate(order, start=1):
            found = unit(key)
            if found is None:
                continue
            # a unit found only within a named document has no rank in the library's lists
            keyword_rank, keyword_score = best_keyword.get(key, (0, 0.0))
            if not keyword_rank:
                keyword_score = within.best_keyword.get(key, (0, 0.0))[1]
            hit = Hit(
                doc_id=key[0],
                label=key[1],
                score=fused[key],
                dense=lists.dense.get(key, within.dense.get(key, 0.0)),
                keyword=keyword_score,
                dense_rank=lists.dense_rank.get(key, 0),
                keyword_rank=keyword_rank,
            )
            sources.append(Source(n, hit, documents[key[0]], found))
        return tuple(sources)

    def _dense(
        self,
        vector: np.ndarray,
        question: str,
        depth: int,
        restrict: list[str] | None,
        sentences: bool = False,
    ) -> tuple[dict[UnitKey, float], float]:
        """Units by their best chunk similarity (or best sentence's), put on one scale across the
        two languages, with the gap between them.

        A question is closer to any text in its own language than to text in the other, so
        raw similarities would bury documents that exist only in the other language. The gap is
        measured on this very question, from the units found in both languages, and added to
        the other language's similarities."""
        search = self.index.search_sentences if sentences else self.index.search_chunks
        return _one_scale({lang: search(lang, vector, depth, restrict) for lang in LANGS}, question)

    def _keyword(
        self,
        question: str,
        translations: tuple[tuple[str, tuple[str, ...]], ...],
        depth: int,
        restrict: list[str] | None,
    ) -> list[tuple[float, list[tuple[UnitKey, float]]]]:
        """BM25 per language, each list with the share of the corpus it is meant for: the
        question's own words in each language it is written in (the chunks with text in that
        language); for a question with no Chinese, the Chinese words that translate its English
        ones, searched over all Chinese text but weighed for the chunks with no English text
        (those the English list cannot see; a bilingual unit it also finds gets a small second
        keyword vote)."""
        queries: list[tuple[Lang, list[str], float]] = [
            (lang, tokenize(question, lang), self.index.keyword_coverage(lang))
            for lang in detect_languages(question).present
        ]
        if translations:
            tokens = keyword_tokens(list(translations))
            queries.append(("zh", tokens, 1.0 - self.index.keyword_coverage("en")))
        allowed = set(restrict) if restrict is not None else None
        rankings = []
        for lang, tokens, share in queries:
            if not tokens:
                continue
            best: dict[UnitKey, float] = {}
            for chunk_id, score in self.index.search_keywords(lang, tokens, depth, allowed):
                key = chunk_unit(chunk_id)
                best[key] = max(best.get(key, 0.0), score)
            # kept when empty: the lists of one question line up across searches (`_within`)
            rankings.append((share, sorted(best.items(), key=lambda item: -item[1])))
        return rankings
