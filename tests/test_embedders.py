"""How texts reach the embedding model: each distinct text once, batched by length, rows back in
the order given."""

from pathlib import Path

import numpy as np
import pytest

from rag import embedders
from rag.embedders import Embedder, make_embedder
from rag.settings import Settings


class _Counting(Embedder):
    """A vector per text from its length and first character; remembers every batch."""

    name, dim = "counting", 2

    def __init__(self) -> None:
        super().__init__()
        self.batches: list[list[str]] = []

    def _embed(self, texts: list[str], query: bool) -> np.ndarray:
        self.batches.append(texts)
        return np.array([[len(t), ord(t[0])] for t in texts], dtype=np.float32)


def test_each_distinct_text_once_shortest_first_rows_in_order(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(embedders, "BATCH", 2)
    model = _Counting()
    texts = ["ccc", "a", "bbbbb", "a", "dd", "ccc"]
    vectors = model.embed_documents(texts)
    assert model.batches == [["a", "dd"], ["ccc", "bbbbb"]]
    expected = model._batch(texts, False)  # one text per row, no reordering
    assert np.array_equal(vectors, expected)
    assert model.embed_documents([]).shape == (0, 2)


@pytest.mark.integration
def test_the_models_vector_of_a_text_does_not_depend_on_its_batch() -> None:
    """What makes batching by length safe: the same vectors, so the same rankings (e5's are
    identical bit for bit; USE's matrix products round differently for another number of rows,
    by about 1e-7)."""
    model = make_embedder(Settings(home=Path("unused")))
    texts = [
        "第一条 为了规范仲裁活动，保护当事人的合法权益，制定本法。",
        "Article 2 Disputes over contracts between equal parties may be arbitrated.",
        "第二条 平等主体的公民、法人和其他组织之间发生的合同纠纷和其他财产权益纠纷，可以仲裁。",
        "短",
    ]
    together = model.embed_documents(texts)
    alone = np.vstack([model.embed_documents([t]) for t in texts])
    assert np.allclose(together, alone, rtol=0, atol=1e-6)
