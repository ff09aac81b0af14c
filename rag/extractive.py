"""The extractive answerer: quotes only, never a claim of its own.

Sentences of the retrieved units, in the answer's language (the other language's text when a
unit has none in it), ranked by their similarity to the question (from the sentence vectors the
index stored at ingest: nothing but the question is embedded); the most relevant sources
first, each sentence followed by its citation, under a one-line lead. A sentence is quoted with
the provisos and consequences that follow it in its unit (`with_qualifiers`): a rule is never
shown without its exception or its sanction, and neither without its rule. How many sources and
quotes, and how close to the best a further quote must score, are settings (`AnswerSettings`,
LAWQA_ANSWER__*). An open question always has its first source quoted too: any sentence on its
topic answers it, and the unit retrieval ranks first is the likeliest to be the one asked about
(on the development sets, an open question's answer that left the first source out had missed
the gold unit as often as it found it elsewhere).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol

import numpy as np

from rag.index import Index
from rag.keyword import tokenize
from rag.kinds import ANYTHING, Asked, Kind, question_parts
from rag.prompts import LEADS
from rag.sentences import unit_sentences, with_qualifiers
from rag.settings import AnswerSettings
from rag.text import one_line, text_language
from rag.types import LANGS, Lang, Source, other_language


@dataclass(frozen=True)
class Quote:
    """A quotable sentence of one side of a unit: a rule with the provisos and consequences
    that follow it."""

    source: Source
    side: Lang
    text: str
    sentences: tuple[int, ...]  # the numbers of the unit sentences (`unit_sentences`) it spans


class QuoteScorer(Protocol):
    def scores(
        self, question: str, vector: np.ndarray | None, quotes: list[Quote]
    ) -> list[float]: ...


class SentenceScorer:
    """Similarity of quotes to a question, from the index's sentence vectors, plus a small bonus
    for the question's words (`word_bonus`)."""

    def __init__(self, index: Index, settings: AnswerSettings) -> None:
        self._index = index
        self._word_bonus = settings.checked().word_bonus

    def scores(self, question: str, vector: np.ndarray | None, quotes: list[Quote]) -> list[float]:
        if vector is None:
            vector = self._index.embedder.embed_query(question)
        units = {(q.source.hit.doc_id, q.source.unit.label): q.source.unit for q in quotes}
        stored = self._index.sentence_vectors(
            [(doc_id, unit) for (doc_id, _), unit in units.items()]
        )
        words = _words(question)
        result = []
        for quote in quotes:
            doc_id, label = quote.source.hit.doc_id, quote.source.unit.label
            similarity = max(
                float(stored[(doc_id, label, quote.side, n)] @ vector) for n in quote.sentences
            )
            overlap = 0.0
            if words:
                overlap = len(words & _words(quote.text)) / len(words)
            result.append(similarity + self._word_bonus * overlap)
        return result


@lru_cache(maxsize=16384)
def _words(text: str) -> frozenset[str]:
    """A text's keyword tokens in both languages (remembered: the same units' quotes are scored
    for one question after another, and jieba is the cost)."""
    return frozenset(t for lang in LANGS for t in tokenize(text, lang))


def quotes(source: Source, language: Lang) -> list[Quote]:
    """The unit's quotable sentences in the answer's language (the other language's when the unit
    has no text in it): each rule with the qualifiers that follow it."""
    side = language if source.unit.text(language) else other_language(language)
    text = source.unit.text(side)
    found = unit_sentences(text, side)
    spans = [s.span for s in found]
    result: list[Quote] = []
    i = 0
    while i < len(found):
        start, end = with_qualifiers(spans, i, text)
        first = i
        while i < len(found) and found[i].span[0] < end:
            i += 1
        result.append(Quote(source, side, one_line(text[start:end]), tuple(range(first, i))))
    return result


class ExtractiveAnswerer:
    """Quotes that answer a question: the best sentence of each of the first `max_sources`
    sources, at most `max_sentences` of them, each within `spread_margin` of the best (for a
    specific detail, the sentences stating it, up to `max_sentences` quotes in all)."""

    def __init__(self, scorer: QuoteScorer, settings: AnswerSettings) -> None:
        self.scorer = scorer
        self.settings = settings.checked()

    def answer(
        self,
        question: str,
        sources: tuple[Source, ...],
        language: Lang,
        asked: Asked = ANYTHING,
        topic: tuple[str, ...] = (),
        vector: np.ndarray | None = None,
    ) -> str:
        """The lead line, then one quote per line with its citation. For a question asking for
        a specific detail, only the quotes that give it (what the question asks, or one of its
        parts: `question_parts`): those holding one of the `topic` rules (the sentences that
        carry the question's topic, with their qualifiers) that gives it, as many of them as
        `max_sentences` allows, else the best that gives it, else the best of all. For an open
        question, the first source's best quote as well."""
        limit = self.settings.max_sources
        candidates = [quote for s in sources[:limit] for quote in quotes(s, language)]
        asks = _asks(question, asked)
        giving = [q for q in candidates if _gives(asks, q.text, language)]
        topic_giving = [t for t in topic if _gives(asks, t, language)]
        on_topic = [q for q in giving if any(t in q.text for t in topic_giving)]
        candidates = on_topic or giving or candidates
        first = sources[0].n if asked.kind == Kind.OPEN and sources else None
        if first is not None and all(q.source.n != first for q in candidates):
            candidates += quotes(sources[0], language)
        if not candidates:
            return LEADS[language]
        scores = self.scorer.scores(question, vector, candidates)
        each = bool(on_topic) and asked.kind != Kind.OPEN
        chosen = self._chosen(candidates, scores, always=first, each=each)
        return "\n".join([LEADS[language]] + [f"{sentence} [{n}]" for n, sentence in chosen])

    def _chosen(
        self,
        candidates: list[Quote],
        scores: list[float],
        always: int | None = None,
        each: bool = False,
    ) -> list[tuple[int, str]]:
        """(source number, quote) of the sources quoted, in source order: of the
        `max_sentences` sources whose best quote scores highest, those whose best quote scores
        within `spread_margin` standard deviations (of all candidates' scores) of the best; and
        the source `always`, if it has a candidate. Each source's best quote; with `each` (the
        candidates state what is asked), the sources' other candidates too, best first, while
        the answer holds fewer than `max_sentences` quotes, each in its unit's order: a question
        asking two details an article states in two sentences ("第二次拍卖的起拍价最多能降多
        少？多久之内要重新拍？") is answered by both, whatever their likeness to the question."""
        best: dict[int, tuple[float, Quote]] = {}
        for quote, score in zip(candidates, scores, strict=True):
            n = quote.source.n
            if n not in best or score > best[n][0]:
                best[n] = (score, quote)
        top = max(score for score, _ in best.values())
        floor = top - self.settings.spread_margin * float(np.std(scores))
        ranked = sorted(best.items(), key=lambda item: -item[1][0])
        picked = {n for n, (score, _) in ranked[: self.settings.max_sentences] if score >= floor}
        if always in best:
            picked.add(always)
        kept = [best[n][1] for n in picked]
        if each:
            others = sorted(
                (
                    (score, quote)
                    for quote, score in zip(candidates, scores, strict=True)
                    if quote.source.n in picked and quote is not best[quote.source.n][1]
                ),
                key=lambda item: -item[0],
            )
            room = max(self.settings.max_sentences - len(kept), 0)
            kept += [quote for _, quote in others[:room]]
        kept.sort(key=lambda quote: (quote.source.n, quote.sentences))
        return [(quote.source.n, quote.text) for quote in kept]


def _asks(question: str, asked: Asked) -> tuple[Asked, ...]:
    """What a question asking a specific detail asks, and the specific details its parts ask (an
    open part, "what happens if …", is given by any sentence: it would let every quote in)."""
    if asked.kind == Kind.OPEN:
        return (asked,)
    parts = (Asked.of(part) for part, _ in question_parts(question))
    return (asked, *(part for part in parts if part.kind != Kind.OPEN))


def _gives(asks: tuple[Asked, ...], sentence: str, language: Lang) -> bool:
    side = text_language(sentence) or language
    return any(asked.given_by(sentence, side) for asked in asks)
