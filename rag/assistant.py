"""Question → retrieval → relevance gate → answer → citation checks, in one of three modes.

- llm: a chat model over OpenAI or a compatible server;
- local: the same, through an in-process llama.cpp server (LAWQA_LLM=local:…);
- extractive: quotes from the retrieved units only (the default when no model is configured).
Whatever the mode, the answer's citations are verified against the retrieved sources. An LLM
answer that cites no source at all is not shown as an answer: the extractive quotes replace it.
A model server that fails raises `ModelServerError`, carrying the passages retrieved.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Sequence
from dataclasses import replace

from rag.citations import verify_citations
from rag.extractive import SentenceScorer, extractive_answer
from rag.gate import decide
from rag.index import Index
from rag.llm import ChatModel, ModelServerError, chat_model
from rag.prompts import CLOSEST, LEADS, LIST_SEPARATORS, REFUSALS
from rag.questions import check_question
from rag.retrieval import Retrieval, Retriever
from rag.settings import Settings
from rag.text import answer_language
from rag.types import Answer, Lang, Source

MODES = ("llm", "local", "extractive")
_REFERRING = re.compile(
    r"\b(it|its|this|that|these|those|they|them|such|the same|above)\b|该|此|这|那|上述|前述|它|其",
    re.I,
)
_MODEL_REFUSAL = re.compile(
    r"do(?:es)? not (?:address|answer|mention|contain|cover)|not addressed|no information|"
    r"未涉及|没有涉及|未提及|没有提及|无法回答",
    re.I,
)


class Assistant:
    def __init__(self, index: Index, settings: Settings, mode: str | None = None) -> None:
        self.index = index
        self.settings = settings
        self.mode = mode or settings.answer_mode
        if self.mode not in MODES:
            raise ValueError(f"unknown mode {self.mode!r} (one of {', '.join(MODES)})")
        self.retriever = Retriever(index)
        self.scorer = SentenceScorer(index.embedder)
        self._chat: ChatModel | None = None

    @property
    def chat(self) -> ChatModel:
        if self._chat is None:
            self._chat = chat_model(self.settings, self.mode)
        return self._chat

    @property
    def model_name(self) -> str:
        return "extractive" if self.mode == "extractive" else self.chat.name

    def standalone(self, question: str, history: Sequence[tuple[str, str]]) -> str:
        """A follow-up rewritten from the history (second turn on); without a model, a follow-up
        that refers back ("it", "该…") is searched together with the previous question."""
        if not history:
            return question
        if self.mode != "extractive":
            return self.chat.standalone_question(question, list(history))
        if _REFERRING.search(question):
            return f"{history[-1][0]} {question}"
        return question

    def ask(
        self,
        question: str,
        k: int = 5,
        doc_ids: Sequence[str] | None = None,
        history: Sequence[tuple[str, str]] = (),
        on_token: Callable[[str], None] | None = None,
        language: Lang | None = None,
        valid_only: bool = False,
    ) -> Answer:
        started = time.perf_counter()
        question = check_question(question, self.settings.max_question_chars)
        try:
            query = self.standalone(question, history)
        except ModelServerError as exc:  # the passages for the question as asked, to show
            retrieval = self.retriever.retrieve(
                question, k=k, doc_ids=doc_ids, valid_only=valid_only
            )
            raise exc.with_sources(retrieval.sources) from exc
        retrieval = self.retriever.retrieve(query, k=k, doc_ids=doc_ids, valid_only=valid_only)
        return self.answer(
            question, retrieval, query=query, language=language, on_token=on_token, started=started
        )

    def answer(
        self,
        question: str,
        retrieval: Retrieval,
        k: int | None = None,
        query: str | None = None,
        language: Lang | None = None,
        on_token: Callable[[str], None] | None = None,
        started: float | None = None,
    ) -> Answer:
        """Gate and answer from a retrieval (its first `k` sources, or all of them)."""
        started = time.perf_counter() if started is None else started
        query = query or question
        if k is not None:
            retrieval = replace(retrieval, sources=retrieval.sources[:k])
        lang = language or answer_language(question)
        decision = decide(query, retrieval, self.index.embedder.name)
        generate_started = time.perf_counter()
        if not decision.relevant:
            answer = self._refusal(question, lang, retrieval)
        elif self.mode == "extractive":
            answer = self._extractive(question, lang, retrieval, query)
        else:
            try:
                answer = self._generated(question, lang, retrieval, query, on_token)
            except ModelServerError as exc:
                raise exc.with_sources(retrieval.sources) from exc
        finished = time.perf_counter()
        timings = {
            "retrieve": retrieval.timings_ms["retrieve"],
            "generate": (finished - generate_started) * 1000,
            "total": (finished - started) * 1000,
        }
        return replace(answer, timings_ms=timings)

    def _refusal(self, question: str, lang: Lang, retrieval: Retrieval) -> Answer:
        closest = LIST_SEPARATORS[lang].join(_cite_label(s, lang) for s in retrieval.sources[:3])
        text = REFUSALS[lang] + (f"\n{CLOSEST[lang]}{closest}" if closest else "")
        return Answer(question, lang, self.mode, text, True, (), retrieval.sources)

    def _extractive(
        self,
        question: str,
        lang: Lang,
        retrieval: Retrieval,
        query: str,
        notes: tuple[str, ...] = (),
    ) -> Answer:
        text = extractive_answer(query, retrieval.sources, lang, self.scorer)
        checked = verify_citations(_quoted(text), retrieval.sources, exempt=(LEADS[lang],))
        return Answer(
            question,
            lang,
            self.mode,
            text,
            False,
            checked.citations,
            retrieval.sources,
            checked.unsupported,
            checked.removed_markers,
            notes=notes,
        )

    def _generated(
        self,
        question: str,
        lang: Lang,
        retrieval: Retrieval,
        query: str,
        on_token: Callable[[str], None] | None,
    ) -> Answer:
        raw = self.chat.answer(query, retrieval.sources, lang, on_token)
        checked = verify_citations(raw, retrieval.sources)
        if not checked.citations:
            if _MODEL_REFUSAL.search(raw):
                return self._refusal(question, lang, retrieval)
            note = ("The model's answer cited no source, so the passages are quoted instead.",)
            fallback = self._extractive(question, lang, retrieval, query, notes=note)
            return replace(fallback, removed_markers=checked.removed_markers)
        return Answer(
            question,
            lang,
            self.mode,
            checked.text,
            False,
            checked.citations,
            retrieval.sources,
            checked.unsupported,
            checked.removed_markers,
        )


def _quoted(extractive_text: str) -> str:
    """The extractive answer with each sentence marked as a quote, so each is verified."""
    lines = extractive_text.split("\n")
    out = [lines[0]]
    for line in lines[1:]:
        sentence, marker = line.rsplit(" [", 1)
        out.append(f"“{sentence}” [{marker}")
    return "\n".join(out)


def _cite_label(source: Source, lang: Lang) -> str:
    unit = source.unit
    label = unit.display_zh if lang == "zh" else unit.display_en
    return f"{source.document.title} {label or unit.label}"
