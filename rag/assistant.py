"""Question → retrieval → decision → answer → citation checks, in one of three modes.

- llm: a chat model over OpenAI or a compatible server;
- local: the same, through an in-process llama.cpp server (LAWQA_LLM=local:…);
- extractive: quotes from the retrieved units only (the default when no model is configured).
Whatever the mode, an answer has one of three outcomes (`rag.decision`): answered, not stated
(the documents discuss the topic but not the detail asked: said in one sentence, with the
passages that discuss it) or not addressed (a refusal with the closest passages), and its
citations are verified against the retrieved sources. Not addressed never calls a model; once the
topic holds, a model says which outcome it finds. An LLM answer that cites no source at all is
not shown as an answer: the extractive quotes replace it; one that claims an answer none of its
cited passages can hold (no span of the kind asked for) becomes not stated, or, where the
passages on the topic do give the detail, their quotes.
A model server that fails raises `ModelServerError`, carrying the passages retrieved.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace

from rag.citations import verify_citations
from rag.citing import paragraph_en, paragraph_zh
from rag.decision import Decision, Evidence, decide, decision_model, reaches
from rag.extractive import ExtractiveAnswerer, SentenceScorer
from rag.index import Index
from rag.kinds import ANYTHING, MISSING, Asked
from rag.llm import ChatModel, ModelServerError, chat_model
from rag.prompts import (
    CLOSEST,
    LEADS,
    LIST_SEPARATORS,
    MISSING_PART,
    MISSING_PARTS_JOIN,
    NOT_IN_LIBRARY,
    NOT_SEARCHED,
    NOT_STATED,
    NOT_STATED_LEADS,
    OUTCOME_TAGS,
    REFUSALS,
    SEARCHED_FIRST,
)
from rag.questions import check_question
from rag.retrieval import Retrieval, Retriever
from rag.settings import Settings
from rag.text import answer_language, as_written, has_cjk, one_line
from rag.types import LANGS, Answer, Document, Lang, Mode, Outcome, Source

MODES = tuple(Mode)
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
        self.retriever = Retriever(index, settings.retrieval)
        self.answer_settings = settings.answer.checked()
        self.extractive = ExtractiveAnswerer(
            SentenceScorer(index, self.answer_settings), self.answer_settings
        )
        self.decision_model = decision_model(index.embedder.name)
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
        decision = decide(query, retrieval, self.index, self.decision_model)
        generate_started = time.perf_counter()
        if decision.outcome == Outcome.NOT_ADDRESSED:
            answer = self._refusal(question, lang, retrieval)
        elif self.mode == "extractive" and decision.outcome == Outcome.NOT_STATED:
            answer = self._not_stated(question, lang, retrieval, decision)
        elif self.mode == "extractive":
            answer = self._extractive(question, lang, retrieval, query, decision)
        else:
            try:
                answer = self._generated(question, lang, retrieval, query, decision, on_token)
            except ModelServerError as exc:
                raise exc.with_sources(retrieval.sources) from exc
        finished = time.perf_counter()
        timings = {
            "retrieve": retrieval.timings_ms["retrieve"],
            "generate": (finished - generate_started) * 1000,
            "total": (finished - started) * 1000,
        }
        notes = _naming_notes(retrieval, lang, self.index.catalog()) + answer.notes
        return replace(answer, timings_ms=timings, notes=notes)

    def _refusal(self, question: str, lang: Lang, retrieval: Retrieval) -> Answer:
        closest = LIST_SEPARATORS[lang].join(_cite_label(s, lang) for s in retrieval.sources[:3])
        text = REFUSALS[lang] + (f"\n{CLOSEST[lang]}{closest}" if closest else "")
        return Answer(question, lang, self.mode, text, Outcome.NOT_ADDRESSED, (), retrieval.sources)

    def _not_stated(
        self,
        question: str,
        lang: Lang,
        retrieval: Retrieval,
        decision: Decision,
        notes: tuple[str, ...] = (),
    ) -> Answer:
        """One sentence naming what is missing, citing the passages on the topic, then their
        sentences that carry it (in the answer's language where the unit has it). Of a question
        asked in several parts, the parts whose detail is missing are named each with the clause
        that asks it, and the sentences stating the others are quoted first: "Who issues the
        certificates, and how long are they valid?" is told who, and that the term is missing."""
        topic = _topic_quotes(decision.evidence, lang, self.answer_settings.cite_share)
        stated = _in_language(decision.parts.stated, lang) if decision.parts else []
        quoted = {(e.source.n, e.text) for e in stated}
        quotes = stated + [e for e in topic if (e.source.n, e.text) not in quoted]
        numbers = sorted(dict.fromkeys(e.source.n for e in quotes))
        by_n = {s.n: s for s in retrieval.sources}
        labels = LIST_SEPARATORS[lang].join(_paragraph_label(by_n[n], lang) for n in numbers)
        statement = NOT_STATED[lang].format(
            labels=labels,
            markers="".join(f"[{n}]" for n in numbers),
            missing=_missing(decision, question, lang),
        )
        text = "\n".join(
            [statement, NOT_STATED_LEADS[lang]] + [f"{e.text} [{e.source.n}]" for e in quotes]
        )
        checked = verify_citations(
            _quoted(text, skip=2), retrieval.sources, exempt=(NOT_STATED_LEADS[lang],)
        )
        return Answer(
            question,
            lang,
            self.mode,
            text,
            Outcome.NOT_STATED,
            checked.citations,
            retrieval.sources,
            checked.unsupported,
            checked.removed_markers,
            notes=notes,
        )

    def _extractive(
        self,
        question: str,
        lang: Lang,
        retrieval: Retrieval,
        query: str,
        decision: Decision | None = None,
        notes: tuple[str, ...] = (),
    ) -> Answer:
        asked: Asked = ANYTHING
        topic: tuple[str, ...] = ()
        if decision is not None:
            asked, topic = (
                decision.asked,
                tuple(text for e in decision.evidence for text in (e.rule, *e.context)),
            )
        text = self.extractive.answer(
            query, retrieval.sources, lang, asked, topic, retrieval.vector
        )
        checked = verify_citations(_quoted(text), retrieval.sources, exempt=(LEADS[lang],))
        return Answer(
            question,
            lang,
            self.mode,
            text,
            Outcome.ANSWERED,
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
        decision: Decision,
        on_token: Callable[[str], None] | None,
    ) -> Answer:
        raw = self.chat.answer(
            query, retrieval.sources, lang, untagged(on_token) if on_token else None
        )
        said, body = model_outcome(raw)
        if said == Outcome.NOT_ADDRESSED or (said is None and _MODEL_REFUSAL.search(body)):
            return self._refusal(question, lang, retrieval)
        checked = verify_citations(body, retrieval.sources)
        if not checked.citations:
            note = ("The model's answer cited no source, so the passages are quoted instead.",)
            if decision.outcome == Outcome.NOT_STATED:
                fallback = self._not_stated(question, lang, retrieval, decision, note)
            else:
                fallback = self._extractive(question, lang, retrieval, query, decision, note)
            return replace(fallback, removed_markers=checked.removed_markers)
        outcome = Outcome.NOT_STATED if said == Outcome.NOT_STATED else Outcome.ANSWERED
        cited = {c.n for c in checked.citations}
        if outcome == Outcome.ANSWERED and not any(
            decision.asked.given_by(s.unit.text(side), side)
            for s in retrieval.sources
            if s.n in cited
            for side in LANGS
            if s.unit.text(side)
        ):
            # The model claims an answer its passages cannot hold: where the passages on the
            # topic give the detail, they are quoted instead; where none does, it is not stated.
            missing = MISSING[decision.asked.kind]["en"]
            if decision.outcome == Outcome.ANSWERED:
                note = (
                    f"The model's answer cited no passage that states {missing}, so the passages "
                    "that state it are quoted instead.",
                )
                return self._extractive(question, lang, retrieval, query, decision, note)
            note = (
                f"The model's answer was withheld: none of the passages it cited states {missing}.",
            )
            return self._not_stated(question, lang, retrieval, decision, note)
        return Answer(
            question,
            lang,
            self.mode,
            checked.text,
            outcome,
            checked.citations,
            retrieval.sources,
            checked.unsupported,
            checked.removed_markers,
        )


_TAGS = tuple(tag for tags in OUTCOME_TAGS.values() for tag in tags)


def untagged(on_token: Callable[[str], None]) -> Callable[[str], None]:
    """Streamed tokens without the outcome tag a reply starts with: the first tokens are held
    back until they cannot be the start of a tag any more."""
    held: list[str] = []
    passing = False

    def emit(token: str) -> None:
        nonlocal passing
        if passing:
            on_token(token)
            return
        held.append(token)
        start = "".join(held).lstrip().upper()
        if any(tag.startswith(start) for tag in _TAGS):
            return  # still possibly a tag
        passing = True
        _, body = model_outcome("".join(held))
        if body:
            on_token(body)

    return emit


def model_outcome(reply: str) -> tuple[Outcome | None, str]:
    """The outcome a model's reply starts with (its tag), and the reply without the tag."""
    stripped = reply.lstrip()
    for outcome, tags in OUTCOME_TAGS.items():
        for tag in tags:
            if stripped.upper().startswith(tag):
                return Outcome(outcome), stripped[len(tag) :].lstrip()
    return None, reply


def _topic_quotes(evidence: tuple[Evidence, ...], lang: Lang, share: float) -> list[Evidence]:
    """The best sentence of each source that covers the topic at least `share` as well as the
    best one (LAWQA_ANSWER__CITE_SHARE), at most three, in rank order; in the answer's language
    when the unit has it."""
    best = max((e.coverage for e in evidence), default=0.0)
    chosen: dict[int, Evidence] = {}
    for item in evidence:
        if not reaches(item.coverage, share * best):
            continue
        current = chosen.get(item.source.n)
        if (current is None and len(chosen) < 3) or (
            current is not None and current.lang != lang and item.lang == lang
        ):
            chosen[item.source.n] = item
    return [chosen[n] for n in sorted(chosen)]


def _in_language(evidence: tuple[Evidence, ...], lang: Lang) -> list[Evidence]:
    """The sentences, those of a source in the answer's language when it has any among them."""
    has = {e.source.n for e in evidence if e.lang == lang}
    return [e for e in evidence if e.lang == lang or e.source.n not in has]


def _missing(decision: Decision, question: str, lang: Lang) -> str:
    """What a not-stated answer names as missing: the kind of detail asked, or of a question
    asked in several parts, that of each part not stated with the clause asking it, in the
    question's own words."""
    if decision.parts is None:
        return MISSING[decision.asked.kind][lang]
    return MISSING_PARTS_JOIN[lang].join(
        MISSING_PART[lang].format(
            missing=MISSING[part.asked.kind][lang],
            asking=one_line(as_written(part.asking.rstrip("? "), question)),
        )
        for part in decision.parts.missing
    )


def _quoted(extractive_text: str, skip: int = 1) -> str:
    """The extractive answer with each sentence (after the first `skip` lines) marked as a
    quote, so each is verified."""
    lines = extractive_text.split("\n")
    out = lines[:skip]
    for line in lines[skip:]:
        sentence, marker = line.rsplit(" [", 1)
        out.append(f"“{sentence}” [{marker}")
    return "\n".join(out)


def _paragraph_label(source: Source, lang: Lang) -> str:
    return paragraph_zh(source.unit) if lang == "zh" else paragraph_en(source.unit)


def _naming_notes(
    retrieval: Retrieval, lang: Lang, documents: Mapping[str, Document]
) -> tuple[str, ...]:
    """What the reader is told of the documents the question names: which were searched first,
    which it could not search (by their titles in the answer's language where they have one;
    versions of one law once), and which titles in 《》 the library does not have."""
    notes = []
    separator = LIST_SEPARATORS[lang]

    def titles(doc_ids: tuple[str, ...]) -> str:
        found = [
            (d.meta.title_en if lang == "en" and d.meta.title_en else d.title)
            for d in (documents[doc_id] for doc_id in doc_ids if doc_id in documents)
        ]
        return separator.join(f"《{t}》" if has_cjk(t) else t for t in dict.fromkeys(found))

    if named := titles(retrieval.named):
        notes.append(SEARCHED_FIRST[lang].format(titles=named))
    if outside := titles(retrieval.not_searched):
        notes.append(NOT_SEARCHED[lang].format(titles=outside))
    if retrieval.unknown_titles:
        unknown = separator.join(retrieval.unknown_titles)
        notes.append(NOT_IN_LIBRARY[lang].format(titles=unknown))
    return tuple(notes)


def _cite_label(source: Source, lang: Lang) -> str:
    unit = source.unit
    label = unit.display_zh if lang == "zh" else unit.display_en
    return f"{source.document.title} {label or unit.label}"
