"""Fit the answer-or-decline decision on development questions, and report it held out.

    python -m eval.calibrate SET [SET ...] [--held-out CORPUS]... [--write] [--lexical-only]

A SET is `QUESTIONS.jsonl@HOME=CORPUS` (or `…@HOME:unanswerable=CORPUS`): the questions asked of
the index at HOME, which holds the corpus named CORPUS. A question is answerable when one of its
gold units is in that index; its topic is addressed when it is answerable or a near miss (`"type":
"near_miss"`: the documents discuss the topic but do not state the detail asked); `:unanswerable`
makes every question of the set off topic (real questions asked of an index without their laws).

For every question the decision's features are computed with the product's own retrieval, and so
is whether a sentence carrying the topic holds a span of the kind the question asks for, and
whether `decide` answers it before reading the model (a question on what its document is for or
when it takes effect, whose statement of it ranks first: `about_the_document`; it is answered
whatever the model says, so it is judged answered and the model is not fitted on it). A
logistic regression (L2, Newton steps) is fitted to "topic addressed", each (set, label) group
weighing the same; the threshold is the most accurate one (judged on the final outcome: a
question is declined when the topic model says no or the detail is absent, unless `decide`
answers it first) whose topic model
declines at most the budget of the answerable questions. The budget, the penalty and the sources
retrieved per question are settings (`CalibrationSettings`, LAWQA_CALIBRATION__*); retrieval is the
product's, with its settings (LAWQA_RETRIEVAL__*).

`--held-out CORPUS` (repeatable) reports, for each such corpus, a model fitted and thresholded on
every other corpus and judged on that one: leave one corpus out. Beside it, what that model could
do with the threshold best for the corpus itself (the most refusal recall within the budget, the
fewest false refusals for the target refusal recall, `LAWQA_CALIBRATION__TARGET_RECALL`): when
even that misses, no threshold will do and the evidence itself must separate better. `--write`
stores the model fitted on all sets in rag/decision.json under the embedder's name
(`--lexical-only`: the embedder-free default model), with the calibration and retrieval
settings it was fitted with (`make refit` writes both).
"""

from __future__ import annotations

import functools
import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Annotated, Any

import numpy as np
import typer

from eval.gold import Gold, document_names
from eval.runner import load_questions
from rag.decision import (
    EVIDENCE_CHOICES,
    FEATURE_VERSION,
    FEATURES,
    LEXICAL,
    DecisionModel,
    about_the_document,
    carried_and_stated,
    features,
    question_anchors,
    read_parts,
)
from rag.index import Index
from rag.kinds import Asked
from rag.retrieval import Retriever
from rag.settings import CalibrationSettings, Settings
from rag.types import Outcome

app = typer.Typer(add_completion=False)

# What `collect` reads of a question (the Sample's fields and how they are made): a feature cache
# made by another reading is made again. 2: a question answered first (`answered_first`), the
# detail read as `decide` reads it (`carried_and_stated`).
SAMPLE_READING = 2


@dataclass(frozen=True)
class Sample:
    corpus: str
    set: str
    id: str
    type: str
    answerable: bool
    topic: bool  # answerable, or a near miss
    # per evidence choice (`_choice`): a sentence carrying the topic states what is asked
    detail_present: dict[str, bool]
    values: dict[str, float]
    # answered by its document's own statement of purpose or commencement whatever the model
    # says (`about_the_document`, read before the model in `decide`)
    answered_first: bool


def collect(spec: str, limit: int | None, settings: Settings) -> tuple[list[Sample], str]:
    left, _, corpus = spec.rpartition("=")
    questions_path, _, rest = left.partition("@")
    home, _, flag = rest.partition(":")
    index = Index(settings.model_copy(update={"home": Path(home)}))
    retriever = Retriever(index, settings.retrieval)
    present = _units_present(index)
    samples = []
    for question in load_questions(Path(questions_path), limit):
        retrieval = retriever.retrieve(question.question, k=settings.calibration.k)
        values, found = features(question.question, retrieval, index)
        asked = Asked.of(question.question)
        anchors = question_anchors(question.question, retrieval, index)
        # read once, when the whole question's reading states nothing for some choice
        parts = functools.cache(functools.partial(read_parts, question.question, retrieval, index))
        golds = [Gold.parse(g) for g in question.gold]
        answerable = flag != "unanswerable" and any(
            g.matches(label, names) for g in golds for label, names in present
        )
        samples.append(
            Sample(
                corpus=corpus,
                set=left,
                id=question.id,
                type=question.type,
                answerable=answerable,
                topic=answerable or (flag != "unanswerable" and question.type == "near_miss"),
                detail_present={
                    _choice(share, nearest): bool(
                        carried_and_stated(asked, found, anchors, parts, share, nearest)[1]
                    )
                    for share, nearest in EVIDENCE_CHOICES
                },
                values=values,
                answered_first=bool(about_the_document(question.question, asked, retrieval, found)),
            )
        )
    name = index.embedder.name
    index.close()
    return samples, name


def _choice(share: float, nearest: int) -> str:
    return f"{share}/{nearest}"


def _units_present(index: Index) -> list[tuple[str, set[str]]]:
    """(label, document names) of every unit in the index."""
    present: list[tuple[str, set[str]]] = []
    for document in index.documents():
        names = document_names(document)
        present.extend((unit.label, names) for unit in index.units(document.doc_id))
    return present


def balanced_weights(sets: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Sample weights giving every (set, label) group the same total, averaging 1."""
    weights = np.zeros(len(y))
    for group in {(s, c) for s, c in zip(sets, y, strict=True)}:
        members = (sets == group[0]) & (y == group[1])
        weights[members] = 1.0 / members.sum()
    return weights * len(y) / weights.sum()


def fit(
    x: np.ndarray, y: np.ndarray, sample_weights: np.ndarray, l2: float
) -> tuple[np.ndarray, float]:
    """Weighted logistic regression on standardised features, with an L2 penalty `l2`; returns
    raw-scale weights, bias."""
    mean, std = x.mean(axis=0), x.std(axis=0) + 1e-9
    z = np.hstack([(x - mean) / std, np.ones((len(x), 1))])
    w = np.zeros(z.shape[1])
    for _ in range(50):
        p = 1 / (1 + np.exp(-z @ w))
        gradient = z.T @ (sample_weights * (p - y)) + l2 * np.r_[w[:-1], 0]
        curvature = sample_weights * p * (1 - p)
        hessian = (z.T * curvature) @ z + l2 * np.diag(np.r_[np.ones(len(w) - 1), 0])
        w -= np.linalg.solve(hessian, gradient)
    weights = w[:-1] / std
    bias = float(w[-1] - (w[:-1] * mean / std).sum())
    return weights, bias


def probabilities(x: np.ndarray, weights: np.ndarray, bias: float) -> np.ndarray:
    return 1 / (1 + np.exp(-np.clip(x @ weights + bias, -50, 50)))


def choose_threshold(
    p: np.ndarray,
    answerable: np.ndarray,
    detail_present: np.ndarray,
    sample_weights: np.ndarray,
    budget: float,
) -> float:
    """The threshold with the best (weighted) accuracy of the final outcome (a question is
    declined when its probability is below the threshold or the detail it asks for is absent)
    among those whose topic model declines at most `budget` of the (weighted) answerable
    questions. The detail check's own misses are not charged to the budget: they are the same
    whatever the threshold, and would otherwise push it to the floor."""
    best, best_accuracy = 0.05, -1.0
    for threshold in np.linspace(0.05, 0.95, 91):
        kept = p >= threshold
        answered = kept & detail_present
        false = sample_weights[answerable & ~kept].sum()
        false_refusals = (
            float(false / sample_weights[answerable].sum()) if answerable.any() else 0.0
        )
        accuracy = float(sample_weights[answered == answerable].sum() / sample_weights.sum())
        if false_refusals <= budget and accuracy > best_accuracy:
            best, best_accuracy = float(threshold), accuracy
    return best


def best_thresholds(
    p: np.ndarray,
    answerable: np.ndarray,
    detail_present: np.ndarray,
    max_false_refusals: float,
    target_recall: float,
) -> dict[str, float | None]:
    """What the best threshold for these questions could do, chosen on their own answers (an
    oracle: it says whether a model's ranking of them can meet both targets at all, whatever the
    threshold learnt elsewhere): the highest refusal recall with at most `max_false_refusals`
    (None: the detail check alone refuses more), and the fewest false refusals that reach
    `target_recall` (None: even refusing every question the model reads leaves answered too many
    of those a question's own document answers first, `p` infinite). Every threshold that
    changes an outcome is tried. Unlike `choose_threshold`, questions count unweighted, as
    `lawqa eval` counts them, and the detail check's refusals count too: this is the outcome a
    reader sees."""
    within: list[float] = []
    reaching: list[float] = []
    for threshold in np.r_[np.unique(p), np.inf]:
        answered = (p >= threshold) & detail_present
        false_refusals = float(1 - answered[answerable].mean()) if answerable.any() else 0.0
        recall = float(1 - answered[~answerable].mean()) if (~answerable).any() else 1.0
        if false_refusals <= max_false_refusals:
            within.append(recall)
        if recall >= target_recall:
            reaching.append(false_refusals)
    return {
        "refusal_recall_within_budget": round(max(within), 3) if within else None,
        "false_refusals_for_target_recall": round(min(reaching), 3) if reaching else None,
    }


def _arrays(samples: list[Sample], used: list[str]) -> dict[str, np.ndarray]:
    return {
        "x": np.array([[s.values[f] for f in used] for s in samples]),
        "topic": np.array([s.topic for s in samples], dtype=float),
        "answerable": np.array([s.answerable for s in samples]),
        "sets": np.array([s.set for s in samples]),
        "first": np.array([s.answered_first for s in samples], dtype=bool),
    }


def _answering_first(
    first: np.ndarray, probability: np.ndarray, detail: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """The topic model's probabilities and whether the detail is stated, as `decide` reads them:
    a question answered before the model (`first`: `about_the_document`) is kept at any
    threshold (an infinite probability) and its detail stated."""
    return np.where(first, np.inf, probability), detail | first


def train(samples: list[Sample], used: list[str], budget: float, l2: float) -> dict[str, Any]:
    """The logistic model, fitted on the questions it decides (not those `about_the_document`
    answers first), then the evidence share and threshold with the most accurate final outcome
    within the budget (the questions answered first count among the answerable questions the
    budget is a share of: a reader asks them too)."""
    a = _arrays(samples, used)
    sample_weights = balanced_weights(a["sets"], a["topic"])
    read = ~a["first"]
    weights, bias = fit(
        a["x"][read], a["topic"][read], balanced_weights(a["sets"][read], a["topic"][read]), l2
    )
    modelled = probabilities(a["x"], weights, bias)
    best: tuple[float, tuple[float, int], float] = (-1.0, EVIDENCE_CHOICES[0], 0.0)
    for choice in EVIDENCE_CHOICES:
        p, detail = _answering_first(
            a["first"], modelled, np.array([s.detail_present[_choice(*choice)] for s in samples])
        )
        threshold = choose_threshold(p, a["answerable"], detail, sample_weights, budget)
        answered = (p >= threshold) & detail
        accuracy = float(sample_weights[answered == a["answerable"]].sum() / sample_weights.sum())
        if accuracy > best[0]:
            best = (accuracy, choice, threshold)
    all_weights = dict.fromkeys(FEATURES, 0.0)
    all_weights.update({f: round(float(w), 4) for f, w in zip(used, weights, strict=True)})
    return {
        "weights": all_weights,
        "bias": round(bias, 4),
        "threshold": round(best[2], 2),
        "evidence_share": best[1][0],
        "evidence_nearest": best[1][1],
    }


def outcomes(samples: list[Sample], model: dict[str, Any]) -> list[str]:
    """Each sample's outcome under a fitted model, decided as `rag.decision.decide` does."""
    decision = DecisionModel(**model)
    result = []
    for probability, stated in zip(*_as_decided(samples, decision), strict=True):
        if probability < decision.threshold:
            result.append(str(Outcome.NOT_ADDRESSED))
        else:
            result.append(str(Outcome.ANSWERED if stated else Outcome.NOT_STATED))
    return result


def _as_decided(samples: list[Sample], decision: DecisionModel) -> tuple[np.ndarray, np.ndarray]:
    """Each sample's probability and whether its detail is stated under a fitted model, as
    `decide` reads them (`_answering_first`)."""
    choice = _choice(decision.evidence_share, decision.evidence_nearest)
    return _answering_first(
        np.array([s.answered_first for s in samples], dtype=bool),
        np.array([decision.probability(s.values) for s in samples]),
        np.array([s.detail_present[choice] for s in samples], dtype=bool),
    )


def judge(samples: list[Sample], predicted: list[str]) -> dict[str, Any]:
    """False refusals, refusal recall and the outcome per question type."""
    answerable = [o for s, o in zip(samples, predicted, strict=True) if s.answerable]
    other = [o for s, o in zip(samples, predicted, strict=True) if not s.answerable]
    confusion: dict[str, dict[str, int]] = {}
    for s, o in zip(samples, predicted, strict=True):
        row = "answerable" if s.answerable else s.type
        confusion.setdefault(row, {}).setdefault(o, 0)
        confusion[row][o] += 1
    return {
        "questions": len(samples),
        "answerable": len(answerable),
        "false_refusal_rate": round(sum(o != "answered" for o in answerable) / len(answerable), 3)
        if answerable
        else None,
        "refusal_recall": round(sum(o != "answered" for o in other) / len(other), 3)
        if other
        else None,
        "outcomes": confusion,
    }


@app.command()
def main(
    sets: Annotated[list[str], typer.Argument(help="QUESTIONS.jsonl@HOME[:unanswerable]=CORPUS")],
    held_out: Annotated[
        list[str] | None, typer.Option("--held-out", help="report this corpus left out")
    ] = None,
    limit: Annotated[int | None, typer.Option(help="questions per set")] = None,
    write: Annotated[bool, typer.Option(help="store the model in rag/decision.json")] = False,
    lexical_only: Annotated[
        bool, typer.Option(help="fit the embedder-free default model (lexical features only)")
    ] = False,
    max_false_refusals: Annotated[
        float | None,
        typer.Option(
            min=0.0,
            max=1.0,
            help="share of answerable questions the decision may decline "
            "(default: LAWQA_CALIBRATION__MAX_FALSE_REFUSALS)",
        ),
    ] = None,
    cache: Annotated[
        Path | None, typer.Option(help="a JSON cache of the features: read when present")
    ] = None,
) -> None:
    settings = Settings()
    calibration = settings.calibration.checked()
    if max_false_refusals is not None:
        calibration = calibration.model_copy(update={"max_false_refusals": max_false_refusals})
    samples, embedder = _samples(sets, limit, settings, cache)
    used = list(LEXICAL if lexical_only else FEATURES)
    report: dict[str, Any] = {"embedder": "default" if lexical_only else embedder}
    for corpus in held_out or []:
        report.setdefault("held_out", {})[corpus] = _held_out(samples, corpus, used, calibration)
    model = train(samples, used, calibration.max_false_refusals, calibration.l2)
    report["model"] = model
    report["in_sample"] = {
        corpus: judge(
            [s for s in samples if s.corpus == corpus],
            outcomes([s for s in samples if s.corpus == corpus], model),
        )
        for corpus in dict.fromkeys(s.corpus for s in samples)
    }
    typer.echo(json.dumps(report, indent=2, ensure_ascii=False))
    if write:
        fitted_with = {
            "calibration": calibration.model_dump(),
            "retrieval": settings.recorded()["retrieval"],
        }
        path = _write_model(report["embedder"], {**model, **fitted_with})
        typer.echo(f"written to {path}")


def _samples(
    sets: list[str], limit: int | None, settings: Settings, cache: Path | None
) -> tuple[list[Sample], str]:
    """Every set's samples (from the cache when it holds them, made with the same retrieval, the
    same reading of a question, `SAMPLE_READING`, and the same limit), and the one embedder they
    were made with."""
    made_with = {
        "retrieval": settings.recorded()["retrieval"],
        "k": settings.calibration.k,
        "reading": SAMPLE_READING,
        "limit": limit,
    }
    stored = json.loads(cache.read_text("utf-8")) if cache and cache.exists() else {}
    if not _computed_here(stored) or stored.get("made_with") != made_with:
        stored = {**_features_stamp(), "made_with": made_with, "sets": {}}
    samples: list[Sample] = []
    embedders = set()
    for spec in sets:
        if spec not in stored["sets"]:
            found, name = collect(spec, limit, settings)
            stored["sets"][spec] = {"embedder": name, "samples": [asdict(s) for s in found]}
        entry = stored["sets"][spec]
        set_samples = [Sample(**s) for s in entry["samples"]]
        samples += set_samples
        embedders.add(entry["embedder"])
        typer.echo(
            f"{spec}: {len(set_samples)} questions, "
            f"{sum(s.answerable for s in set_samples)} answerable, "
            f"{sum(s.topic and not s.answerable for s in set_samples)} near misses"
        )
    if cache:
        cache.write_text(json.dumps(stored, ensure_ascii=False), "utf-8")
    if len(embedders) != 1:
        raise typer.BadParameter(f"all sets must use one embedder, not {sorted(embedders)}")
    return samples, embedders.pop()


def _held_out(
    samples: list[Sample], corpus: str, used: list[str], calibration: CalibrationSettings
) -> dict[str, Any]:
    """A model fitted and thresholded on every other corpus, judged on this one; and what the
    same model could do with the threshold best for this corpus (`best_thresholds`)."""
    training = [s for s in samples if s.corpus != corpus]
    tested = [s for s in samples if s.corpus == corpus]
    if not tested:
        raise typer.BadParameter(f"no set of corpus {corpus!r}")
    model = train(training, used, calibration.max_false_refusals, calibration.l2)
    predicted = outcomes(tested, model)
    p, detail = _as_decided(tested, DecisionModel(**model))
    return {
        **judge(tested, predicted),
        "best_thresholds": best_thresholds(
            p,
            np.array([s.answerable for s in tested]),
            detail,
            calibration.max_false_refusals,
            calibration.target_recall,
        ),
        "by_set": {
            name: judge(
                [s for s in tested if s.set == name],
                [o for s, o in zip(tested, predicted, strict=True) if s.set == name],
            )
            for name in dict.fromkeys(s.set for s in tested)
        },
    }


def _features_stamp() -> dict[str, Any]:
    """The features the code computes, as a feature cache and decision.json record them."""
    return {"feature_version": FEATURE_VERSION, "features": list(FEATURES)}


def _computed_here(stored: dict[str, Any]) -> bool:
    """Whether a feature cache or decision.json was made with the features the code computes."""
    return all(stored.get(key) == value for key, value in _features_stamp().items())


def _write_model(name: str, model: dict[str, Any]) -> Path:
    """Store the model under `name` in rag/decision.json (a file of other features is started
    afresh)."""
    path = Path(__file__).resolve().parents[1] / "rag" / "decision.json"
    fresh = {**_features_stamp(), "models": {}}
    data: dict[str, Any] = json.loads(path.read_text("utf-8")) if path.exists() else fresh
    if not _computed_here(data):
        data = fresh
    data["models"][name] = model
    path.write_text(json.dumps(data, indent=2) + "\n", "utf-8")
    return path


if __name__ == "__main__":
    app()
