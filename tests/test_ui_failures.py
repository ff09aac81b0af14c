"""The web chat when something fails: a model server that is down, a question that is too long."""

from collections.abc import Iterator
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from ingest.pipeline import ingest_paths
from rag import index as index_module
from rag.embedders import Embedder
from rag.index import Index
from rag.settings import Settings
from tests.helpers import ROOT, SAMPLE, free_port

pytestmark = pytest.mark.integration

APP = str(ROOT / "ui" / "app.py")
QUESTION = "What does the opinion say about punitive compensation for intellectual property?"


@pytest.fixture
def home(isolated: Path, embedder: Embedder, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setattr(index_module, "make_embedder", lambda settings: embedder)
    index = Index(Settings(), embedder=embedder)
    ingest_paths([SAMPLE], index)
    index.close()
    st.cache_resource.clear()
    yield isolated
    st.cache_resource.clear()


def _app() -> AppTest:
    app = AppTest.from_file(APP, default_timeout=180)
    app.run()
    assert not app.exception
    return app


def _ask(app: AppTest, question: str) -> AppTest:
    app.chat_input(key="question").set_value(question).run()
    assert not app.exception
    return app


def test_model_server_down_keeps_the_question_and_shows_the_passages(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = f"http://127.0.0.1:{free_port()}/v1"
    monkeypatch.setenv("OPENAI_BASE_URL", url)
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-secret-never-shown")
    app = _ask(_app(), QUESTION)
    for _ in range(2):  # as asked, and after a rerun: the turn stays in the conversation
        assert [m.name for m in app.chat_message] == ["user", "assistant"]
        assert [t.value for t in app.text] == [QUESTION]
        assert [e.value for e in app.error] == [
            f"No answer: model server {url}: connection refused. The passages found for the "
            "question are below."
        ]
        assert [m.value for m in app.markdown if m.value.startswith("**")] == ["**Passages found**"]
        cards = [h.value for h in app.get("html")]
        assert len(cards) == 5 and "[1] 11. / (11)" in cards[0]
        assert "sk-test-secret" not in "".join(cards)
        app.run()
        assert not app.exception


def test_oversized_question_gets_a_message(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LAWQA_MAX_QUESTION_CHARS", "50")
    app = _ask(_app(), "x" * 51)
    assert [e.value for e in app.error] == [
        "The question is 51 characters long; the limit is 50 (LAWQA_MAX_QUESTION_CHARS)."
    ]
    assert app.chat_message.len == 0 and app.session_state["turns"] == []
