"""Fit the relevance gate on development questions.

    python -m eval.calibrate SET [SET ...] [--write]

A SET is `QUESTIONS.jsonl@HOME`: a question counts as answerable when one of its gold units is in
that index, so real legal questions asked of an index without their laws make realistic refusals;
`QUESTIONS.jsonl@HOME:unanswerable` counts every question as unanswerable. For every question the
gate's features are computed from the product's own retrieval; a logistic regression (L2, Newton
steps) is fitted, its 5-fold cross-validated accuracy printed, and the threshold chosen where
refusals are most accurate while false refusals of answerable questions stay within a budget
(10% by default: a refusal still lists the closest passages, so it costs less than an answer
built on the wrong paragraphs). Each set's answerable and unanswerable questions weigh the same
in total, however many there are: one large set does not decide for the kinds of index and
question the others stand for.
`--write` stores the model in rag/gate.json under the embedder's name; `--lexical-only` fits the
model used for embedders without one of their own, on the features that do not depend on the
embedder's similarity scale.
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

import numpy as np

from eval.gold import Gold, document_names
from eval.runner import load_questions
from rag.gate import FEATURES, gate_features
from rag.index import Index
from rag.retrieval import Retriever
from rag.settings import Settings

MAX_FALSE_REFUSALS = 0.10
LEXICAL = ("coverage", "coverage1", "keyword", "agree", "xl")  # the same whatever the embedder
L2 = 1.0


def collect(spec: str, limit: int | None) -> tuple[list[list[float]], list[int], str]:
    questions_path, _, rest = spec.partition("@")
    home, _, flag = rest.partition(":")
    index = Index(Settings(home=Path(home)))
    retriever = Retriever(index)
    present = _units_present(index)
    rows, labels = [], []
    for question in load_questions(Path(questions_path), limit):
        retrieval = retriever.retrieve(question.question, k=5)
        features = gate_features(question.question, retrieval)
        rows.append([features[name] for name in FEATURES])
        golds = [Gold.parse(g) for g in question.gold]
        answerable = any(g.matches(label, names) for g in golds for label, names in present)
        labels.append(0 if flag == "unanswerable" else int(answerable))
    name = index.embedder.name
    index.close()
    return rows, labels, name


def _units_present(index: Index) -> list[tuple[str, set[str]]]:
    """(label, document names) of every unit in the index."""
    present: list[tuple[str, set[str]]] = []
    for document in index.documents():
        names = document_names(document)
        present.extend((unit.label, names) for unit in index.manifest.units(document.doc_id))
    return present


def balanced_weights(sets: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Sample weights giving every (set, answerable) group the same total, averaging 1."""
    weights = np.zeros(len(y))
    for group in {(s, c) for s, c in zip(sets, y, strict=True)}:
        members = (sets == group[0]) & (y == group[1])
        weights[members] = 1.0 / members.sum()
    return weights * len(y) / weights.sum()


def fit(
    x: np.ndarray, y: np.ndarray, sample_weights: np.ndarray
) -> tuple[np.ndarray, float, np.ndarray, np.ndarray]:
    """Weighted logistic regression on standardised features; returns raw-scale weights, bias."""
    mean, std = x.mean(axis=0), x.std(axis=0) + 1e-9
    z = np.hstack([(x - mean) / std, np.ones((len(x), 1))])
    w = np.zeros(z.shape[1])
    for _ in range(50):
        p = 1 / (1 + np.exp(-z @ w))
        gradient = z.T @ (sample_weights * (p - y)) + L2 * np.r_[w[:-1], 0]
        curvature = sample_weights * p * (1 - p)
        hessian = (z.T * curvature) @ z + L2 * np.diag(np.r_[np.ones(len(w) - 1), 0])
        w -= np.linalg.solve(hessian, gradient)
    weights = w[:-1] / std
    bias = float(w[-1] - (w[:-1] * mean / std).sum())
    return weights, bias, mean, std


def probabilities(x: np.ndarray, weights: np.ndarray, bias: float) -> np.ndarray:
    return 1 / (1 + np.exp(-(x @ weights + bias)))


def choose_threshold(
    p: np.ndarray, y: np.ndarray, sample_weights: np.ndarray, budget: float = MAX_FALSE_REFUSALS
) -> float:
    """The threshold with the best (weighted) accuracy among those that refuse at most `budget`
    of the (weighted) answerable questions."""
    best, best_accuracy = 0.5, -1.0
    answerable = y == 1
    for threshold in np.linspace(0.05, 0.95, 91):
        answered = p >= threshold
        false_refusals = (
            float(sample_weights[answerable & ~answered].sum() / sample_weights[answerable].sum())
            if answerable.any()
            else 0.0
        )
        accuracy = float(sample_weights[answered == answerable].sum() / sample_weights.sum())
        if false_refusals <= budget and accuracy > best_accuracy:
            best, best_accuracy = float(threshold), accuracy
    return best


def cross_validate(
    x: np.ndarray,
    y: np.ndarray,
    sample_weights: np.ndarray,
    budget: float = MAX_FALSE_REFUSALS,
    folds: int = 5,
) -> dict[str, float]:
    """Out-of-fold predictions, scored per question (unweighted)."""
    order = list(range(len(y)))
    random.Random(0).shuffle(order)
    predictions = np.zeros(len(y), dtype=bool)
    for fold in range(folds):
        test = np.array([i for n, i in enumerate(order) if n % folds == fold])
        train = np.array([i for n, i in enumerate(order) if n % folds != fold])
        weights, bias, _, _ = fit(x[train], y[train], sample_weights[train])
        p = probabilities(x[train], weights, bias)
        threshold = choose_threshold(p, y[train], sample_weights[train], budget)
        predictions[test] = probabilities(x[test], weights, bias) >= threshold
    refused = ~predictions
    unanswerable = y == 0
    return {
        "accuracy": float(np.mean(predictions == (y == 1))),
        "refusal_recall": float(np.mean(refused[unanswerable])) if unanswerable.any() else 0.0,
        "refusal_precision": float(np.mean(unanswerable[refused])) if refused.any() else 0.0,
        "false_refusal_rate": float(np.mean(refused[~unanswerable]))
        if (~unanswerable).any()
        else 0.0,
    }


def by_set(answered: np.ndarray, y: np.ndarray, sets: np.ndarray) -> dict[str, dict[str, float]]:
    """Per set, in-sample: the share of answerable questions answered and of the others refused."""
    report = {}
    for spec in dict.fromkeys(sets):
        member = sets == spec
        shares = {}
        if (member & (y == 1)).any():
            shares["answered"] = float(answered[member & (y == 1)].mean())
        if (member & (y == 0)).any():
            shares["refused"] = float((~answered[member & (y == 0)]).mean())
        report[spec] = shares
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sets", nargs="+")
    parser.add_argument("--limit", type=int, help="questions per set")
    parser.add_argument("--write", action="store_true", help="store the model in rag/gate.json")
    parser.add_argument(
        "--lexical-only",
        action="store_true",
        help="fit the embedder-independent default model on the lexical features only",
    )
    parser.add_argument(
        "--max-false-refusals",
        type=float,
        default=MAX_FALSE_REFUSALS,
        help="share of answerable questions the gate may refuse",
    )
    parser.add_argument(
        "--features",
        type=Path,
        help="a JSON cache of the features: read when present, else written",
    )
    args = parser.parse_args()
    rows: list[list[float]] = []
    labels: list[int] = []
    sets: list[str] = []
    embedders = set()
    cache = (
        json.loads(args.features.read_text("utf-8"))
        if args.features and args.features.exists()
        else {}
    )
    for spec in args.sets:
        if spec not in cache:
            cache[spec] = collect(spec, args.limit)
        set_rows, set_labels, name = cache[spec]
        rows += set_rows
        labels += set_labels
        sets += [spec] * len(set_labels)
        embedders.add(name)
        print(f"{spec}: {len(set_labels)} questions, {sum(set_labels)} answerable")
    if args.features:
        args.features.write_text(json.dumps(cache), "utf-8")
    if len(embedders) != 1:
        raise SystemExit(f"all sets must use one embedder, not {sorted(embedders)}")
    used = [FEATURES.index(f) for f in (LEXICAL if args.lexical_only else FEATURES)]
    features, answerable = np.array(rows)[:, used], np.array(labels)
    sample_weights = balanced_weights(np.array(sets), answerable)
    weights, bias, _, _ = fit(features, answerable, sample_weights)
    all_weights = dict.fromkeys(FEATURES, 0.0)
    all_weights.update(
        zip((FEATURES[i] for i in used), (round(float(w), 4) for w in weights), strict=True)
    )
    budget = args.max_false_refusals
    p = probabilities(features, weights, bias)
    threshold = choose_threshold(p, answerable, sample_weights, budget)
    model = {
        "weights": all_weights,
        "bias": round(bias, 4),
        "threshold": round(threshold, 2),
    }
    report = {
        "embedder": "default" if args.lexical_only else embedders.pop(),
        "questions": len(labels),
        "answerable": int(answerable.sum()),
        "model": model,
        "max_false_refusals": budget,
        "cross_validated": cross_validate(features, answerable, sample_weights, budget),
        "by_set": by_set(p >= threshold, answerable, np.array(sets)),
    }
    print(json.dumps(report, indent=2))
    if args.write:
        path = Path(__file__).resolve().parents[1] / "rag" / "gate.json"
        data = json.loads(path.read_text("utf-8"))
        data["models"][report["embedder"]] = model
        path.write_text(json.dumps(data, indent=2) + "\n", "utf-8")
        print(f"written to {path}")


if __name__ == "__main__":
    main()
