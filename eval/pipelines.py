"""The pipelines `lawqa eval` compares, over the same index and questions.

- lawqa: the product (hybrid retrieval, gate, answer with verified citations);
- naive: what a tutorial builds: LangChain's RecursiveCharacterTextSplitter (1000/200) over the
  raw extracted text, Chroma, the same embedder, dense top-k; a chunk retrieves every unit its
  characters overlap;
- bm25: keyword search only, over our units;
- dense: dense search only, over our units.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from eval.metrics import UnitKey
from ingest.readers import read_source
from rag.assistant import Assistant
from rag.decision import TOP_UNITS
from rag.index import Index
from rag.retrieval import Retriever
from rag.settings import RetrievalSettings, Settings
from rag.types import Answer, Document, Mode

DEPTH = 100


@dataclass(frozen=True)
class Outcome:
    ranking: list[list[UnitKey]]  # positions, each with the units retrieved there
    scores: list[float]
    answer: Answer | None
    latency_ms: float
    # how many of the answer's first sources its decision read (`rag.decision.TOP_UNITS`, or all
    # of them when fewer); 0 for a pipeline that does not answer
    sources_read: int


class Pipeline(Protocol):
    name: str

    def run(self, question: str) -> Outcome: ...


class LawqaPipeline:
    name = "lawqa"

    def __init__(self, assistant: Assistant, k: int) -> None:
        self.assistant = assistant
        self.k = k

    def run(self, question: str) -> Outcome:
        started = time.perf_counter()
        retrieval = self.assistant.retriever.retrieve(question, k=DEPTH)
        answer = self.assistant.answer(question, retrieval, k=self.k, started=started)
        latency = (time.perf_counter() - started) * 1000
        ranking = [[(s.hit.doc_id, s.hit.label)] for s in retrieval.sources]
        scores = [s.hit.score for s in retrieval.sources]
        return Outcome(ranking, scores, answer, latency, min(len(answer.sources), TOP_UNITS))


class RetrieverPipeline:
    """Our units, one retrieval signal only (bm25 or dense)."""

    def __init__(self, name: str, index: Index, settings: RetrievalSettings) -> None:
        self.name = name
        self.retriever = Retriever(
            index,
            settings.model_copy(update={"kind_weight": 0.0, "name_weight": 0.0}),
            use_dense=name == "dense",
            use_keywords=name == "bm25",
        )

    def run(self, question: str) -> Outcome:
        started = time.perf_counter()
        retrieval = self.retriever.retrieve(question, k=DEPTH)
        latency = (time.perf_counter() - started) * 1000
        ranking = [[(s.hit.doc_id, s.hit.label)] for s in retrieval.sources]
        return Outcome(ranking, [s.hit.score for s in retrieval.sources], None, latency, 0)


class NaivePipeline:
    name = "naive"

    def __init__(self, index: Index, max_bytes: int) -> None:
        import chromadb
        from chromadb.config import Settings as ChromaSettings
        from langchain_text_splitters import RecursiveCharacterTextSplitter

        self.embedder = index.embedder
        self._tmp = tempfile.TemporaryDirectory(prefix="lawqa-naive-")
        client = chromadb.PersistentClient(
            path=self._tmp.name, settings=ChromaSettings(anonymized_telemetry=False)
        )
        self.collection: Any = client.create_collection(
            "naive", configuration={"hnsw": {"space": "cosine"}}, embedding_function=None
        )
        splitter = RecursiveCharacterTextSplitter(
            chunk_size=1000, chunk_overlap=200, add_start_index=True
        )
        self.chunk_units: dict[str, list[UnitKey]] = {}
        documents = [index.document(d.doc_id) for d in index.documents()]
        by_file: dict[str, list[Document]] = {}
        for document in documents:
            if document is None:
                continue
            by_file.setdefault(document.source_path, []).append(document)
            if document.translation_path:
                by_file.setdefault(document.translation_path, []).append(document)
        for number, (path, file_documents) in enumerate(sorted(by_file.items())):
            text = read_source(Path(path), max_bytes).text
            chunks = splitter.create_documents([text])
            ids, texts = [], []
            for i, chunk in enumerate(chunks):
                start = int(chunk.metadata["start_index"])
                end = start + len(chunk.page_content)
                chunk_id = f"{number}:{i}"
                self.chunk_units[chunk_id] = _overlapping_units(file_documents, path, start, end)
                ids.append(chunk_id)
                texts.append(chunk.page_content)
            for begin in range(0, len(ids), 500):
                self.collection.add(
                    ids=ids[begin : begin + 500],
                    embeddings=self.embedder.embed_documents(texts[begin : begin + 500]),
                    documents=texts[begin : begin + 500],
                )

    def run(self, question: str) -> Outcome:
        started = time.perf_counter()
        count = self.collection.count()
        result = self.collection.query(
            query_embeddings=[self.embedder.embed_query(question)],
            n_results=min(DEPTH, count),
            include=["distances"],
        )
        latency = (time.perf_counter() - started) * 1000
        ranking = [self.chunk_units[i] for i in result["ids"][0]]
        scores = [1.0 - float(d) for d in result["distances"][0]]
        return Outcome(ranking, scores, None, latency, 0)


# Every pipeline `lawqa eval` can run, built from the index, the settings, the number of sources
# given to the answerer and the answer mode; the CLI's help and validation read this.
PIPELINES: dict[str, Callable[[Index, Settings, int, Mode | None], Pipeline]] = {
    "lawqa": lambda index, settings, k, mode: LawqaPipeline(Assistant(index, settings, mode), k),
    "naive": lambda index, settings, k, mode: NaivePipeline(index, settings.max_file_bytes),
    "bm25": lambda index, settings, k, mode: RetrieverPipeline("bm25", index, settings.retrieval),
    "dense": lambda index, settings, k, mode: RetrieverPipeline("dense", index, settings.retrieval),
}


def _overlapping_units(documents: list[Document], path: str, start: int, end: int) -> list[UnitKey]:
    """Units whose text lies (partly) in [start, end) of the file at `path`."""
    units: list[UnitKey] = []
    for document in documents:
        # A paired document's Chinese spans point into its source file, English ones into its
        # translation; a single file holds both.
        langs = (
            ("zh", "en")
            if not document.translation_path
            else (("zh",) if path == document.source_path else ("en",))
        )
        for unit in document.units:
            spans = [
                span
                for lang in langs
                for span in (unit.spans_zh if lang == "zh" else unit.spans_en)
            ]
            if any(s < end and e > start for s, e in spans):
                units.append((document.doc_id, unit.label))
    return units
