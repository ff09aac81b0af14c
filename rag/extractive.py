"""The extractive answerer: quotes only, never a claim of its own.

Sentences of the retrieved units, in the answer's language (the other language's text when a
unit has none in it), ranked by their similarity to the question; the most relevant sources
first, each sentence followed by its citation, under a one-line lead. A sentence is quoted with
the provisos that follow it in its unit (`with_proviso`): a rule is never shown without its
exception, and an exception never without its rule.
"""

from __future__ import annotations

from collections import OrderedDict
from functools import reduce

import numpy as np

from rag.embedders import Embedder
from rag.keyword import tokenize
from rag.kinds import ANYTHING, Asked
from rag.prompts import LEADS
from rag.sentences import sentence_spans, with_proviso
from rag.text import join_wrapped, text_language
from rag.types import LANGS, Lang, Source, Span

MAX_SENTENCES = 3
MAX_SOURCES = 4
# A further source is quoted when its best sentence scores within half a standard deviation (of
# all candidate sentences' scores) of the best one: scale-free across embedders.
SPREAD_MARGIN = 0.5
_CACHE_SIZE = 4096


class SentenceScorer:
    """Similarity of sentences to a question (embeddings of sentences are remembered)."""

    def __init__(self, embedder: Embedder) -> None:
        self._embedder = embedder
        self._vectors: OrderedDict[str, np.ndarray] = OrderedDict()

    def scores(self, question: str, sentences: list[str]) -> list[float]:
        missing = [s for s in dict.fromkeys(sentences) if s not in self._vectors]
        if missing:
            for sentence, vector in zip(
                missing, self._embedder.embed_documents(missing), strict=True
            ):
                self._vectors[sentence] = vector
            while len(self._vectors) > _CACHE_SIZE:
                self._vectors.popitem(last=False)
        query = self._embedder.embed_query(question)
        words = {t for lang in LANGS for t in tokenize(question, lang)}
        result = []
        for sentence in sentences:
            overlap = 0.0
            if words:
                sentence_words = {t for lang in LANGS for t in tokenize(sentence, lang)}
                overlap = len(words & sentence_words) / len(words)
            result.append(float(self._vectors[sentence] @ query) + 0.2 * overlap)
        return result


def _sentences(source: Source, language: Lang) -> list[str]:
    """The unit's quotable sentences: each rule with the provisos that follow it."""
    text = source.unit.text(language) or source.unit.text("en" if language == "zh" else "zh")
    spans = _sentence_spans(text, language)
    lang = text_language(text) or language
    result: list[str] = []
    i = 0
    while i < len(spans):
        start, end = with_proviso(spans, i, text, lang)
        while i < len(spans) and spans[i][0] < end:
            i += 1
        quote = reduce(join_wrapped, (line.strip() for line in text[start:end].split("\n")))
        if len(quote) > 3:
            result.append(quote)
    return result


def _sentence_spans(text: str, language: Lang) -> list[Span]:
    """Sentence spans over a unit's text, each paragraph split by the rules of its language."""
    spans: list[Span] = []
    offset = 0
    for paragraph in text.split("\n"):
        lang = text_language(paragraph) or language
        spans.extend((offset + a, offset + b) for a, b in sentence_spans(paragraph, lang))
        offset += len(paragraph) + 1
    return spans


def extractive_answer(
    question: str,
    sources: tuple[Source, ...],
    language: Lang,
    scorer: SentenceScorer,
    asked: Asked = ANYTHING,
    topic: tuple[str, ...] = (),
) -> str:
    """Quotes that answer the question. For a question asking for a specific detail, only the
    quotes that give it: those holding one of the `topic` sentences (the ones that carry the
    question's topic) that gives it, else any that gives it, else all."""
    candidates = [
        (s, sentence) for s in sources[:MAX_SOURCES] for sentence in _sentences(s, language)
    ]
    giving = [(s, sentence) for s, sentence in candidates if _gives(asked, sentence, language)]
    on_topic = [
        (s, sentence)
        for s, sentence in giving
        if any(t in sentence for t in topic if _gives(asked, t, language))
    ]
    candidates = on_topic or giving or candidates
    if not candidates:
        return LEADS[language]
    scores = scorer.scores(question, [sentence for _, sentence in candidates])
    best_per_source: dict[int, tuple[float, str]] = {}
    for (source, sentence), score in zip(candidates, scores, strict=True):
        if source.n not in best_per_source or score > best_per_source[source.n][0]:
            best_per_source[source.n] = (score, sentence)
    top = max(score for score, _ in best_per_source.values())
    floor = top - SPREAD_MARGIN * float(np.std(scores))
    ranked = sorted(best_per_source.items(), key=lambda item: -item[1][0])
    picked = {n for n, (score, _) in ranked[:MAX_SENTENCES] if score >= floor}
    chosen = [(n, sentence) for n, (_, sentence) in sorted(best_per_source.items()) if n in picked]
    lines = [LEADS[language]] + [f"{sentence} [{n}]" for n, sentence in chosen]
    return "\n".join(lines)


def _gives(asked: Asked, sentence: str, language: Lang) -> bool:
    return asked.given_by(sentence, text_language(sentence) or language)
