"""The web chat when something fails: a model server that is down, a question that is too long."""

from pathlib import Path

import pytest

from tests.helpers import ROOT, ask_app, free_port, start_app

pytestmark = pytest.mark.integration

APP = str(ROOT / "ui" / "app.py")
QUESTION = "What does the opinion say about punitive compensation for intellectual property?"


def test_model_server_down_keeps_the_question_and_shows_the_passages(
    webchat_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = f"http://127.0.0.1:{free_port()}/v1"
    monkeypatch.setenv("OPENAI_BASE_URL", url)
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-secret-never-shown")
    app = ask_app(start_app(), QUESTION)
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


def test_oversized_question_gets_a_message(
    webchat_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LAWQA_MAX_QUESTION_CHARS", "50")
    app = ask_app(start_app(), "x" * 51)
    assert [e.value for e in app.error] == [
        "The question is 51 characters long; the limit is 50 (LAWQA_MAX_QUESTION_CHARS)."
    ]
    assert app.chat_message.len == 0 and app.session_state["turns"] == []
