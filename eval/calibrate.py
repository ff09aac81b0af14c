"""Fit the relevance gate on development questions.

    python -m eval.calibrate SET [SET ...] [--write]

A SET is `QUESTIONS.jsonl@HOME`: a question counts as answerable when one of its gold units is in
that index, so real legal questions asked of an index without their laws make realistic refusals;
`QUESTIONS.jsonl@HOME:unanswerable` counts every question as unanswerable. For every question the
gate's features are computed from the product's own retrieval; a logistic regression (L2, Newton
steps) is fitted, its 5-fold cross-validated accuracy printed, and the threshold chosen where
refusals are most accurate while false refusals of answerable questions stay at or under 5%.
`--write` stores the model in rag/gate.json under the embedder's name.
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

MAX_FALSE_REFUSALS = 0.05
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


def fit(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, float, np.ndarray, np.ndarray]:
    """Logistic regression on standardised features; returns raw-scale weights and bias."""
    mean, std = x.mean(axis=0), x.std(axis=0) + 1e-9
    z = np.hstack([(x - mean) / std, np.ones((len(x), 1))])
    w = np.zeros(z.shape[1])
    for _ in range(50):
        p = 1 / (1 + np.exp(-z @ w))
        gradient = z.T @ (p - y) + L2 * np.r_[w[:-1], 0]
        hessian = (z.T * (p * (1 - p))) @ z + L2 * np.diag(np.r_[np.ones(len(w) - 1), 0])
        w -= np.linalg.solve(hessian, gradient)
    weights = w[:-1] / std
    bias = float(w[-1] - (w[:-1] * mean / std).sum())
    return weights, bias, mean, std


def probabilities(x: np.ndarray, weights: np.ndarray, bias: float) -> np.ndarray:
    return 1 / (1 + np.exp(-(x @ weights + bias)))


def choose_threshold(p: np.ndarray, y: np.ndarray) -> float:
    """The threshold with the best accuracy among those refusing at most 5% of answerable ones."""
    best, best_accuracy = 0.5, -1.0
    for threshold in np.linspace(0.05, 0.95, 91):
        answered = p >= threshold
        false_refusals = float(np.mean(~answered[y == 1])) if (y == 1).any() else 0.0
        accuracy = float(np.mean(answered == (y == 1)))
        if false_refusals <= MAX_FALSE_REFUSALS and accuracy > best_accuracy:
            best, best_accuracy = float(threshold), accuracy
    return best


def cross_validate(x: np.ndarray, y: np.ndarray, folds: int = 5) -> dict[str, float]:
    order = list(range(len(y)))
    random.Random(0).shuffle(order)
    predictions = np.zeros(len(y), dtype=bool)
    for fold in range(folds):
        test = np.array([i for n, i in enumerate(order) if n % folds == fold])
        train = np.array([i for n, i in enumerate(order) if n % folds != fold])
        weights, bias, _, _ = fit(x[train], y[train])
        threshold = choose_threshold(probabilities(x[train], weights, bias), y[train])
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sets", nargs="+")
    parser.add_argument("--limit", type=int, help="questions per set")
    parser.add_argument("--write", action="store_true", help="store the model in rag/gate.json")
    parser.add_argument(
        "--features",
        type=Path,
        help="a JSON cache of the features: read when present, else written",
    )
    args = parser.parse_args()
    rows: list[list[float]] = []
    labels: list[int] = []
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
        embedders.add(name)
        print(f"{spec}: {len(set_labels)} questions, {sum(set_labels)} answerable")
    if args.features:
        args.features.write_text(json.dumps(cache), "utf-8")
    if len(embedders) != 1:
        raise SystemExit(f"all sets must use one embedder, not {sorted(embedders)}")
    features, answerable = np.array(rows), np.array(labels)
    weights, bias, _, _ = fit(features, answerable)
    threshold = choose_threshold(probabilities(features, weights, bias), answerable)
    model = {
        "weights": dict(zip(FEATURES, map(float, weights), strict=True)),
        "bias": bias,
        "threshold": threshold,
    }
    report = {
        "embedder": embedders.pop(),
        "questions": len(labels),
        "answerable": int(answerable.sum()),
        "model": model,
        "cross_validated": cross_validate(features, answerable),
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
