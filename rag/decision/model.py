"""The topic model: the features of a question's retrieval and evidence, and the fitted logistic
model that reads them (`decision.json`, one per embedder)."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from rag.decision.topic import TOP_UNITS, Evidence, evidence, stored_vectors, unit_text
from rag.decision.words import (
    IndexStatistics,
    coverage,
    heaviest_missing,
    translations,
    unseen_share,
    word_weights,
)
from rag.kinds import (
    asks_sanction,
)
from rag.retrieval import Retrieval
from rag.text import answer_language

FEATURE_VERSION = 9
FEATURES = (
    "sentence",
    "sentence1",
    "unit",
    "top3",
    "unseen",
    "missing",
    "bridged_missing",
    "keyword",
    "agree",
    "top",
    "lift",
    "xl",
    "xl_top",
    "xl_lift",
    "dense_sentence",
    "dense_sentence1",
    "dense_sentence_lift",
    "lead",
    "lead5",
)
# Features that do not depend on the embedder's similarity scale.
LEXICAL = tuple(
    "sentence sentence1 unit top3 unseen missing bridged_missing keyword agree xl".split()
)
# A sentence carries the topic when it covers at least a share of what the best one covers, or is
# among the few closest to the question by meaning; the share and the number are fitted with the
# model (`evidence_share`, `evidence_nearest` in decision.json) from these.
EVIDENCE_SHARES = (0.5, 0.6, 0.7, 0.8, 0.9, 1.0)
EVIDENCE_NEAREST = (0, 1, 2)
EVIDENCE_CHOICES = tuple((share, n) for share in EVIDENCE_SHARES for n in EVIDENCE_NEAREST)


@dataclass(frozen=True)
class DecisionModel:
    weights: dict[str, float]
    bias: float
    threshold: float
    evidence_share: float
    evidence_nearest: int

    def probability(self, features: dict[str, float]) -> float:
        z = self.bias + sum(self.weights.get(name, 0.0) * features[name] for name in FEATURES)
        return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))


class DecisionModelError(RuntimeError):
    pass


@cache
def _models() -> dict[str, DecisionModel]:
    return stored_models(json.loads((resources.files("rag") / "decision.json").read_text("utf-8")))


def stored_models(data: dict[str, Any]) -> dict[str, DecisionModel]:
    """The models of a decision.json, when they were fitted on the features the code computes."""
    version, names = data.get("feature_version"), data.get("features")
    if version != FEATURE_VERSION or names is None or set(names) != set(FEATURES):
        if names is None:
            fitted = f"features version {version}, naming no features,"
        elif set(names) == set(FEATURES):
            fitted = f"features version {version}"
        else:
            missing = [f for f in FEATURES if f not in names]
            extra = [f for f in names if f not in FEATURES]
            differences = [
                *([f"without {', '.join(missing)}"] if missing else []),
                *([f"with {', '.join(extra)}, which the code no longer computes"] if extra else []),
            ]
            fitted = f"other features ({'; '.join(differences)})"
        raise DecisionModelError(
            f"rag/decision.json was fitted on {fitted} but the code computes version "
            f"{FEATURE_VERSION}: refit with `make refit`"
        )
    if not data.get("models"):
        raise DecisionModelError("rag/decision.json holds no model: refit with `make refit`")
    return {
        name: DecisionModel(
            m["weights"], m["bias"], m["threshold"], m["evidence_share"], m["evidence_nearest"]
        )
        for name, m in data["models"].items()
    }


def decision_model(embedder: str) -> DecisionModel:
    models = _models()
    return models.get(embedder) or models["default"]


def features(
    question: str, retrieval: Retrieval, index: IndexStatistics
) -> tuple[dict[str, float], list[Evidence]]:
    """The decision's evidence for one question, and the sentences it read."""
    sources = retrieval.sources
    if not sources:
        return dict.fromkeys(FEATURES, 0.0), []
    translated = translations(retrieval)
    weights = word_weights(question, index, translated)
    found = evidence(
        weights,
        sources,
        retrieval.vector,
        stored_vectors(retrieval, index),
        translated,
        asks_sanction(question),
    )
    top = retrieval.top_dense
    background = retrieval.background
    base = sum(background) / len(background) if background else top
    first = sources[0].hit
    xl = float(not sources[0].unit.text(answer_language(question)))
    top3 = " ".join(unit_text(s) for s in sources[:TOP_UNITS])
    values = {
        "sentence": max((e.coverage for e in found), default=0.0),
        "sentence1": max((e.coverage for e in found if e.source.n == sources[0].n), default=0.0),
        "unit": coverage(weights, unit_text(sources[0]), translated),
        "top3": coverage(weights, top3, translated),
        "unseen": unseen_share(weights, index),
        "missing": heaviest_missing(weights, top3, translated, index),
        "bridged_missing": heaviest_missing(weights, top3, translated, index, bridged=True),
        "keyword": max(s.hit.keyword for s in sources[:TOP_UNITS]) / (1 + len(weights)),
        "agree": float(0 < first.dense_rank <= 5 and 0 < first.keyword_rank <= 5),
        "top": top,
        "lift": top - base,
        "xl": xl,
        "xl_top": xl * top,
        "xl_lift": xl * (top - base),
        "dense_sentence": max((e.similarity for e in found), default=0.0),
        "dense_sentence1": max(
            (e.similarity for e in found if e.source.n == sources[0].n), default=0.0
        ),
        "dense_sentence_lift": _lift([e.similarity for e in found if e.similarity]),
        "lead": _lead(retrieval.leads, 1),
        "lead5": _lead(retrieval.leads, 4),
    }
    return values, found


def _lead(leads: tuple[float, ...], behind: int) -> float:
    """How far the best fused score stands above the one `behind` places after it (the last
    there is, when fewer units were scored; 0 for one or none)."""
    return leads[0] - leads[min(behind, len(leads) - 1)] if leads else 0.0


def _lift(similarities: list[float]) -> float:
    """How far the closest sentence stands above the average sentence of the top units."""
    return max(similarities) - sum(similarities) / len(similarities) if similarities else 0.0
