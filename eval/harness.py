"""`lawqa eval`: build the index (or open one), run the pipelines, write the outputs."""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eval.pipelines import PIPELINES, LawqaPipeline, Pipeline
from eval.report import write_outputs
from eval.runner import Evaluation, load_questions, summarize
from ingest.pipeline import IngestReport, ingest_paths
from rag.index import Index
from rag.settings import Settings
from rag.types import Mode


@dataclass
class EvalRun:
    out: Path
    metrics: dict[str, dict[str, Any]]
    ingest: IngestReport | None


def default_out() -> Path:
    return Path("eval-out") / dt.datetime.now().strftime("%Y%m%d-%H%M%S")


def failures(metrics: dict[str, dict[str, Any]], floors: dict[str, float]) -> list[str]:
    """Floors (metric → minimum) the lawqa pipeline (or the first one) falls below."""
    name = "lawqa" if "lawqa" in metrics else next(iter(metrics))
    problems = []
    for metric, floor in floors.items():
        value = metrics[name].get(metric)
        if value is None:
            problems.append(f"{name} {metric} is missing (floor {floor})")
        elif value < floor:
            problems.append(f"{name} {metric} = {round(value, 3)} is below the floor {floor}")
    return problems


def run_evaluation(
    questions_path: Path,
    settings: Settings,
    corpus: Sequence[Path] = (),
    out: Path | None = None,
    k: int = 10,
    mode: Mode | None = None,
    pipelines: Sequence[str] = ("lawqa",),
    limit: int | None = None,
    progress: Callable[[str, int, int], None] | None = None,
) -> EvalRun:
    """Evaluate on an existing index (settings.home), or on `corpus` ingested into a fresh one."""
    questions = load_questions(questions_path, limit)
    out = out or default_out()
    with tempfile.TemporaryDirectory(prefix="lawqa-eval-") as scratch:
        report = None
        if corpus:
            settings = settings.model_copy(
                update={"home": Path(scratch) / "home", "chroma_host": None}
            )
        index = Index(settings)
        try:
            if corpus:
                report = ingest_paths(corpus, index)
            built = _pipelines(pipelines, index, settings, k, mode)
            evaluation = Evaluation(index)
            total = len(questions) * len(built)
            done = 0

            def step() -> None:
                nonlocal done
                done += 1
                if progress:
                    progress("questions", done, total)

            rows = evaluation.run(questions, built, step)
            metrics = {p.name: summarize([r for r in rows if r.pipeline == p.name]) for p in built}
            context = {
                "questions": f"{questions_path} ({len(questions)})",
                "corpus": ", ".join(str(c) for c in corpus) if corpus else str(settings.home),
                "documents": len(index.documents()),
                "embedder": index.embedder.name,
                "answer mode": next(
                    (p.assistant.mode for p in built if isinstance(p, LawqaPipeline)), "–"
                ),
                "sources given to the answerer (k)": k,
                "date": dt.datetime.now().isoformat(timespec="seconds"),
            }
            results = [evaluation.result_json(r) for r in rows]
            write_outputs(out, metrics, results, context, settings)
        finally:
            index.close()
    return EvalRun(out, metrics, report)


def _pipelines(
    names: Sequence[str], index: Index, settings: Settings, k: int, mode: Mode | None
) -> list[Pipeline]:
    unknown = [name for name in names if name not in PIPELINES]
    if unknown:
        raise ValueError(f"unknown pipeline {unknown[0]!r} (one of {', '.join(PIPELINES)})")
    return [PIPELINES[name](index, settings, k, mode) for name in dict.fromkeys(names)]
