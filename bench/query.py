"""Query benchmark: retrieval and extractive-answer latency, hybrid beside dense and BM25 only.

The sample document and a large index are measured in one run.

    python -m bench.query --large-home HOME [--questions N]

The sample index is built in a temporary home; HOME is an existing LAWQA_HOME (make bench-query
uses the LawRefBook index that make eval-stard builds). Questions: the sample's development set
for the sample, the STARD questions for the large index, cycled to N. Goals: hybrid retrieval p95
≤ 150 ms on the ~65,000-article index; the answer-or-decline decision (timed on its own, on
retrievals made beforehand) ≤ 20 ms p95.
"""

from __future__ import annotations

import json
import tempfile
import time
from collections.abc import Callable
from itertools import cycle, islice
from pathlib import Path
from typing import Annotated

import typer

from eval.metrics import percentile
from eval.runner import load_questions
from ingest.pipeline import ingest_paths
from rag.assistant import Assistant
from rag.decision import decide
from rag.index import Index
from rag.retrieval import Retriever
from rag.settings import Settings
from rag.types import Mode

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "ingest" / "sample"
SAMPLE_QUESTIONS = ROOT / "eval" / "datasets" / "sample_dev.jsonl"
STARD = ROOT.parent / "shared" / "data" / "stard_dev.jsonl"


def _timed(call: Callable[[str], object], questions: list[str]) -> dict[str, float]:
    call(questions[0])  # warm caches once
    times = []
    for question in questions:
        started = time.perf_counter()
        call(question)
        times.append((time.perf_counter() - started) * 1000)
    return {"p50_ms": round(percentile(times, 50), 1), "p95_ms": round(percentile(times, 95), 1)}


def _decision(assistant: Assistant, questions: list[str]) -> dict[str, float]:
    """The decision alone, on each distinct question's retrieval (5 sources, as `lawqa ask`)."""
    retrievals = {q: assistant.retriever.retrieve(q, k=5) for q in dict.fromkeys(questions)}
    index, model = assistant.index, assistant.decision_model
    return _timed(lambda q: decide(q, retrievals[q], index, model), questions)


def measure(index: Index, questions: list[str], k: int) -> dict[str, object]:
    assistant = Assistant(index, index.settings, Mode.EXTRACTIVE)
    dense = Retriever(index, index.settings.retrieval, use_keywords=False)
    bm25 = Retriever(index, index.settings.retrieval, use_dense=False)
    return {
        "decision": _decision(assistant, questions),
        "units": sum(index.counts(d.doc_id).units for d in index.documents()),
        "questions": len(questions),
        "hybrid": _timed(lambda q: assistant.retriever.retrieve(q, k=k), questions),
        "dense": _timed(lambda q: dense.retrieve(q, k=k), questions),
        "bm25": _timed(lambda q: bm25.retrieve(q, k=k), questions),
        "extractive_answer": _timed(lambda q: assistant.ask(q, k=5), questions),
    }


app = typer.Typer(add_completion=False)


@app.command(help=__doc__.splitlines()[0])
def main(
    large_home: Annotated[Path, typer.Option(help="An existing LAWQA_HOME, the large index.")],
    questions: Annotated[int, typer.Option(help="Questions timed on each index.")] = 200,
    k: Annotated[int, typer.Option(help="Sources retrieved per question.")] = 10,
) -> None:
    results = {}
    with tempfile.TemporaryDirectory(prefix="lawqa-bench-") as home:
        sample = Index(Settings(home=Path(home)))
        ingest_paths([SAMPLE], sample)
        asked = [q.question for q in load_questions(SAMPLE_QUESTIONS)]
        results["sample"] = measure(sample, list(islice(cycle(asked), questions)), k)
        sample.close()
    large = Index(Settings(home=large_home))
    asked = [q.question for q in load_questions(STARD)]
    results["large"] = measure(large, list(islice(cycle(asked), questions)), k)
    results["embedder"] = large.embedder.name  # type: ignore[assignment]
    typer.echo(json.dumps(results, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    app()
