"""Run question sets through pipelines and aggregate the metrics."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from eval.gold import Gold, document_names
from eval.metrics import (
    UnitKey,
    best_position,
    citation_scores,
    gold_positions,
    hit_at,
    keywords_present,
    mrr_at,
    ndcg_at,
    percentile,
    recall_at,
    refusal_scores,
)
from eval.pipelines import Pipeline
from rag.index import Index
from rag.types import Outcome

RECALL_KS = (1, 5, 10, 100)
OUTCOMES = tuple(str(o) for o in Outcome)
CURVE_KS = (1, 2, 3, 5, 10, 20, 30, 50, 100)


class QuestionFileError(ValueError):
    pass


@dataclass(frozen=True)
class Question:
    id: str
    question: str
    lang: str
    type: str
    gold: tuple[str, ...]
    answer_keywords: tuple[str, ...] = field(default=())

    @property
    def answerable(self) -> bool:
        return bool(self.gold)


def load_questions(path: Path, limit: int | None = None) -> list[Question]:
    questions = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            questions.append(
                Question(
                    id=str(row.get("id", number)),
                    question=row["question"],
                    lang=row.get("lang") or "",
                    type=row.get("type") or "untyped",
                    gold=tuple(row.get("gold") or ()),
                    answer_keywords=tuple(row.get("answer_keywords") or ()),
                )
            )
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise QuestionFileError(f"{path}:{number}: not a question ({exc})") from None
        if limit is not None and len(questions) >= limit:
            break
    return questions


@dataclass
class Row:
    """One question through one pipeline."""

    pipeline: str
    question: Question
    found: list[int]
    ranking: list[list[UnitKey]]
    scores: list[float]
    latency_ms: float
    answer: dict[str, Any] | None
    cited: list[UnitKey]
    citation_precision: float | None
    citation_recall: float | None
    keyword_hit: bool | None
    sources_read: int  # how many of the first sources the decision read

    @property
    def refused(self) -> bool | None:
        return None if self.answer is None else bool(self.answer["refused"])

    @property
    def outcome(self) -> str | None:
        return None if self.answer is None else str(self.answer["outcome"])


def gold_class(question: Question) -> str:
    """The row of the outcome table: answerable, or the set's own label for a question the
    documents do not answer (near_miss, off_topic), else unanswerable."""
    if question.answerable:
        return "answerable"
    return question.type if question.type in ("near_miss", "off_topic") else "unanswerable"


class GoldPlace(StrEnum):
    """Where an answerable question's best-ranked gold stood among the sources."""

    FIRST = "gold first"
    READ = "gold read"  # among the other sources the decision read
    NOT_READ = "gold not read"  # ranked below them, or not retrieved


def gold_place(row: Row) -> GoldPlace:
    """Where an answerable question's best-ranked gold stood (`Row.sources_read`): a question
    whose gold the decision did not read can only be declined or answered from passages its
    gold does not name."""
    best = best_position(row.found)
    if best == 1:
        return GoldPlace.FIRST
    return GoldPlace.READ if 0 < best <= row.sources_read else GoldPlace.NOT_READ


def _outcome_counts(rows: Sequence[Row], group: Callable[[Row], str]) -> dict[str, dict[str, int]]:
    """Outcome counts per `group` of the rows that have an answer, in the order first met."""
    table: dict[str, dict[str, int]] = {}
    for row in rows:
        if row.outcome is not None:
            table.setdefault(group(row), dict.fromkeys(OUTCOMES, 0))[row.outcome] += 1
    return table


def gold_place_table(rows: Sequence[Row]) -> dict[str, dict[str, int]]:
    """The answerable questions' outcomes by where their gold ranked (`gold_place`), every place
    listed, over the rows that have an answer; empty when there is none."""
    counts = _outcome_counts([r for r in rows if r.question.answerable], gold_place)
    if not counts:
        return {}
    return {place: counts.get(place, dict.fromkeys(OUTCOMES, 0)) for place in GoldPlace}


def outcome_table(rows: Sequence[Row]) -> dict[str, dict[str, int]]:
    """Gold class × outcome counts, over the rows that have an answer."""
    return dict(sorted(_outcome_counts(rows, lambda row: gold_class(row.question)).items()))


# Asked of each pipeline before its timed questions and not counted, so that latency is measured
# warm (models and dictionaries loaded) for every pipeline, not only for the ones run after the
# first: one question per language, each asking for a detail (the tagger is loaded too), one
# naming a law in English (the titles' English renderings are built).
WARM_UP = (
    "Under the Labor Contract Law, who decides, and within how many days?",
    "由哪个机关决定？期限是多久？",
)


class Evaluation:
    def __init__(self, index: Index) -> None:
        self.index = index
        self.titles: dict[str, str] = {}
        self.names: dict[str, set[str]] = {}
        for document in index.documents():
            self.titles[document.doc_id] = document.title
            self.names[document.doc_id] = document_names(document)

    def run(
        self,
        questions: Sequence[Question],
        pipelines: Sequence[Pipeline],
        progress: Callable[[], None] | None = None,
    ) -> list[Row]:
        rows = []
        for pipeline in pipelines:
            for warm_up in WARM_UP:
                pipeline.run(warm_up)
            for question in questions:
                rows.append(self._row(pipeline, question))
                if progress:
                    progress()
        return rows

    def _row(self, pipeline: Pipeline, question: Question) -> Row:
        golds = [Gold.parse(g) for g in question.gold]

        def match(unit: UnitKey) -> set[int]:
            names = self.names.get(unit[0], set())
            return {i for i, g in enumerate(golds) if g.matches(unit[1], names)}

        outcome = pipeline.run(question.question)
        found = gold_positions(outcome.ranking, len(golds), match)
        answer = outcome.answer.to_json() if outcome.answer is not None else None
        cited: list[UnitKey] = []
        precision: float | None = None
        recall: float | None = None
        keyword_hit: bool | None = None
        if answer is not None:
            cited = [(c["doc_id"], c["label"]) for c in answer["citations"]]
            if golds:
                precision, recall = citation_scores(cited, len(golds), match)
            if question.answer_keywords:
                keyword_hit = keywords_present(answer["answer"], question.answer_keywords)
        return Row(
            pipeline.name,
            question,
            found,
            outcome.ranking,
            outcome.scores,
            outcome.latency_ms,
            answer,
            cited,
            precision,
            recall,
            keyword_hit,
            outcome.sources_read,
        )

    def result_json(self, row: Row) -> dict[str, Any]:
        question = row.question
        retrieved = [
            {
                "position": position,
                "doc_id": doc_id,
                "doc_title": self.titles.get(doc_id, ""),
                "label": label,
                "score": round(score, 6),
            }
            for position, (units, score) in enumerate(
                zip(row.ranking, row.scores, strict=True), start=1
            )
            for doc_id, label in units
        ]
        return {
            "pipeline": row.pipeline,
            "id": question.id,
            "question": question.question,
            "lang": question.lang,
            "type": question.type,
            "gold": list(question.gold),
            "retrieved": retrieved,
            "answer": row.answer["answer"] if row.answer else None,
            "citations": row.answer["citations"] if row.answer else None,
            "refused": row.refused,
            "outcome": row.outcome,
            "latency_ms": round(row.latency_ms, 1),
            "hits": row_hits(row),
        }


def row_hits(row: Row) -> dict[str, Any]:
    """What results.jsonl records of how a row did: its ranking's scores and gold positions for
    an answerable question; its answer's citations, keywords and refusal, and for an answerable
    question where its gold ranked (`gold_place`), when it has an answer."""
    answerable = row.question.answerable
    hits: dict[str, Any] = {}
    if answerable:
        hits.update({f"recall@{k}": recall_at(row.found, k) for k in RECALL_KS})
        hits.update(
            {
                "hit@5": hit_at(row.found, 5),
                "mrr@10": mrr_at(row.found, 10),
                "ndcg@10": ndcg_at(row.found, 10),
                "gold_positions": row.found,
            }
        )
    if row.answer is not None:
        hits.update(
            {
                "citation_precision": row.citation_precision,
                "citation_recall": row.citation_recall,
                "keywords": row.keyword_hit,
                "refusal_correct": row.refused == (not answerable),
            }
        )
        if answerable:
            hits["gold_place"] = str(gold_place(row))
    return hits


def _mean(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None


def summarize(rows: Sequence[Row], groups: bool = True) -> dict[str, Any]:
    """The metrics of one pipeline's rows (over answerable questions unless said)."""
    answerable = [r for r in rows if r.question.answerable]
    answered = [r for r in rows if r.answer is not None]
    metrics: dict[str, Any] = {
        "n": len(rows),
        "n_answerable": len(answerable),
        "n_unanswerable": len(rows) - len(answerable),
    }
    for k in RECALL_KS:
        metrics[f"recall@{k}"] = _mean([recall_at(r.found, k) for r in answerable])
    metrics["hit@5"] = _mean([hit_at(r.found, 5) for r in answerable])
    metrics["mrr@10"] = _mean([mrr_at(r.found, 10) for r in answerable])
    metrics["ndcg@10"] = _mean([ndcg_at(r.found, 10) for r in answerable])
    metrics["citation_precision"] = _mean(
        [r.citation_precision for r in answered if r.citation_precision is not None]
    )
    metrics["citation_recall"] = _mean(
        [r.citation_recall for r in answered if r.citation_recall is not None]
    )
    metrics["keyword_accuracy"] = _mean(
        [float(r.keyword_hit) for r in answered if r.keyword_hit is not None]
    )
    if answered:
        metrics["outcomes"] = outcome_table(answered)
        if places := gold_place_table(answered):
            metrics["answerable_by_gold_place"] = places
        metrics.update(
            refusal_scores(
                [bool(r.refused) for r in answered], [r.question.answerable for r in answered]
            )
        )
    else:
        metrics.update(
            {"refusal_precision": None, "refusal_recall": None, "false_refusal_rate": None}
        )
    latencies = [r.latency_ms for r in rows]
    metrics["latency_ms_p50"] = percentile(latencies, 50)
    metrics["latency_ms_p95"] = percentile(latencies, 95)
    metrics["recall_curve"] = {
        str(k): _mean([recall_at(r.found, k) for r in answerable]) for k in CURVE_KS
    }
    if groups:
        for key, attribute in (("by_type", "type"), ("by_lang", "lang")):
            values = sorted({getattr(r.question, attribute) for r in rows})
            metrics[key] = {
                v: summarize([r for r in rows if getattr(r.question, attribute) == v], False)
                for v in values
            }
    return metrics
