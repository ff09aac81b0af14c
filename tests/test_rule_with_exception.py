"""The issue's case end to end: a library holding the sample and the assembly law (English side
with footnote markers), the hours question asked extractively, in English and in Chinese."""

from collections.abc import Iterator
from pathlib import Path

import pytest

from ingest.pipeline import ingest_paths
from rag.assistant import Assistant
from rag.embedders import Embedder
from rag.index import Index
from rag.settings import Settings
from tests.helpers import SAMPLE, shared
from tests.test_sentences import ARTICLE24_EN, ARTICLE24_ZH

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> Path:
    path = tmp_path_factory.mktemp("assembly-home")
    index = Index(Settings(home=path), embedder=embedder)
    ingest_paths([SAMPLE, shared("bilingual/assembly_law_zh_then_en.md")], index)
    index.close()
    return path


@pytest.fixture
def assistant(home: Path, embedder: Embedder) -> Iterator[Assistant]:
    index = Index(Settings(home=home), embedder=embedder)
    yield Assistant(index, Settings(home=home), "extractive")
    index.close()


def test_the_hours_rule_is_quoted_with_its_exception(assistant: Assistant) -> None:
    # The answerer on the retrieved sources, without the decision: since the decision's refit
    # on eleven corpora (threshold 0.22) this question is declined at 0.205 (README, Measured).
    question = "Between what hours may an assembly be held?"
    retrieval = assistant.retriever.retrieve(question, k=5)
    assert retrieval.sources[0].unit.label == "24"
    text = assistant.extractive.answer(question, retrieval.sources, "en", vector=retrieval.vector)
    assert text.split("\n")[1] == f"{ARTICLE24_EN} [1]"


def test_the_chinese_hours_rule_keeps_its_exception(assistant: Assistant) -> None:
    answer = assistant.ask("集会游行示威的时间有什么限制？")
    assert not answer.refused
    lines = answer.answer.split("\n")
    assert any(line.startswith(f"{ARTICLE24_ZH} [") for line in lines)  # whatever its rank
    assert all(c.verified for c in answer.citations)
