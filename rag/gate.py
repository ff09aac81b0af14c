"""The relevance gate: refuse when nothing retrieved is relevant enough.

One similarity score barely separates answerable from unanswerable questions, so the gate
combines several pieces of evidence in a logistic model:
- `top`: the best dense similarity of any retrieved unit;
- `lift`: how far that stands above the background (the mean similarity of the candidates
  ranked 5 to 20), which adapts to each embedder's and corpus's scale;
- `coverage` / `coverage1`: the share of the question's content words (whole words, less those
  that only frame a question about a document: "what does the opinion say about") found in the
  top three sources / in the top one (either language);
- `keyword`: the best BM25 score among the top three, per question word;
- `agree`: whether the top unit is near the top of the dense and the keyword rankings both;
- `xl`, `xl_top`, `xl_lift`: whether the top unit has no text in the question's language (an
  English question on a Chinese-only statute), alone and times `top` and `lift`: there the
  lexical evidence is silent by nature and the dense evidence has its own scale.
The weights are fitted on development questions by `python -m eval.calibrate` and stored in
`gate.json` per embedder (an embedder without its own model gets one fitted on the lexical
features only); the threshold is the most accurate one that refuses at most 10% of the
answerable development questions, every development set weighing the same.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from importlib import resources

from rag.keyword import chinese_words, tokenize
from rag.retrieval import Retrieval
from rag.text import answer_language, normalize
from rag.types import Source

# Stemmed as by the keyword tokenizer: "What does the opinion say about ...", "文件中对...怎么说".
_FRAME = set(
    "say said state mention opinion document text provision provide stipulate article item "
    "paragraph 意见 文件 条文 条款 内容 提到 说".split()
)
FEATURES = ("top", "lift", "coverage", "coverage1", "keyword", "agree", "xl", "xl_top", "xl_lift")


@dataclass(frozen=True)
class GateModel:
    weights: dict[str, float]
    bias: float
    threshold: float

    def probability(self, features: dict[str, float]) -> float:
        z = self.bias + sum(self.weights[name] * features[name] for name in FEATURES)
        return 1.0 / (1.0 + math.exp(-z))


@dataclass(frozen=True)
class GateDecision:
    relevant: bool
    probability: float
    features: dict[str, float]


@cache
def _models() -> dict[str, GateModel]:
    data = json.loads((resources.files("rag") / "gate.json").read_text("utf-8"))
    return {
        name: GateModel(m["weights"], m["bias"], m["threshold"])
        for name, m in data["models"].items()
    }


def gate_model(embedder: str) -> GateModel:
    models = _models()
    return models.get(embedder) or models["default"]


def content_words(question: str) -> set[str]:
    """The words the answer's paragraphs should contain: the question's own Chinese and English
    tokens, less the words that only frame a question about a document."""
    words = set(chinese_words(question)) | set(tokenize(question, "en"))
    return {t for t in words if len(t) > 1} - _FRAME


def gate_features(question: str, retrieval: Retrieval) -> dict[str, float]:
    """The gate's evidence for one question."""
    sources = retrieval.sources
    if not sources:
        return dict.fromkeys(FEATURES, 0.0)
    top = retrieval.top_dense
    background = retrieval.background
    base = sum(background) / len(background) if background else top
    words = content_words(question)

    def covered(chosen: tuple[Source, ...]) -> float:
        text = normalize(
            " ".join(
                f"{s.unit.text_zh} {s.unit.text_en} {s.unit.heading_zh} {s.unit.heading_en}"
                for s in chosen
            )
        ).lower()
        return sum(1 for w in words if w in text) / len(words) if words else 0.0

    first = sources[0].hit
    xl = float(not sources[0].unit.text(answer_language(question)))
    return {
        "xl": xl,
        "xl_top": xl * top,
        "xl_lift": xl * (top - base),
        "top": top,
        "lift": top - base,
        "coverage": covered(sources[:3]),
        "coverage1": covered(sources[:1]),
        "keyword": max(s.hit.keyword for s in sources[:3]) / (1 + len(words)),
        "agree": float(0 < first.dense_rank <= 5 and 0 < first.keyword_rank <= 5),
    }


def decide(question: str, retrieval: Retrieval, embedder: str) -> GateDecision:
    features = gate_features(question, retrieval)
    model = gate_model(embedder)
    probability = model.probability(features)
    return GateDecision(
        bool(retrieval.sources) and probability >= model.threshold, probability, features
    )
