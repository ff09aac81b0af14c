"""Bad input a user meets at the command line: empty or oversized questions, unknown document ids,
folders with nothing to ingest, symlink loops, stray NUL bytes, tables read from a log."""

from pathlib import Path

import pytest
from typer.testing import CliRunner

from rag import index as index_module
from rag.embedders import Embedder
from rag.questions import QuestionError, check_question
from tests.helpers import SAMPLE
from ui.cli import app

runner = CliRunner()
QUESTION = "How are foreign judgments recognized and enforced?"
TOO_LONG = (
    "error: the question is 2,001 characters long; the limit is 2,000 (LAWQA_MAX_QUESTION_CHARS)"
)


@pytest.fixture
def sample_home(embedder: Embedder, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(index_module, "make_embedder", lambda settings: embedder)
    assert runner.invoke(app, ["ingest", str(SAMPLE)]).exit_code == 0


# ------------------------------------------------------------------ questions


def test_check_question() -> None:
    assert check_question("  What is it?\n", 20) == "What is it?"
    with pytest.raises(QuestionError, match=r"^the question is empty$"):
        check_question(" \n\t\u3000", 20)
    with pytest.raises(QuestionError, match=r"^the question is 21 characters long; the limit"):
        check_question("x" * 21, 20)


@pytest.mark.parametrize("question", ["", "   ", "\n\t\u3000"], ids=["empty", "spaces", "blank"])
def test_empty_question_is_a_usage_error(question: str) -> None:
    result = runner.invoke(app, ["ask", question])
    assert (result.exit_code, result.stdout, result.stderr) == (
        2,
        "",
        "error: the question is empty\n",
    )


def test_oversized_question_is_refused_before_any_work(monkeypatch: pytest.MonkeyPatch) -> None:
    # Refused before the index is opened: a home that cannot be an index does not matter.
    monkeypatch.setenv("LAWQA_HOME", str(Path.cwd() / "not-created"))
    result = runner.invoke(app, ["ask", "x" * 2001])
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", TOO_LONG + "\n")
    assert not (Path.cwd() / "not-created").exists()
    monkeypatch.setenv("LAWQA_MAX_QUESTION_CHARS", "10")
    result = runner.invoke(app, ["ask", "What is the rule?"])
    assert result.stderr == (
        "error: the question is 17 characters long; the limit is 10 (LAWQA_MAX_QUESTION_CHARS)\n"
    )


@pytest.mark.integration
def test_unknown_document_id_is_an_error_as_in_remove(sample_home: None) -> None:
    for command in (["ask", QUESTION], ["chat"]):
        result = runner.invoke(app, [*command, "--doc", "nosuchdoc123"], input="\n")
        assert (result.exit_code, result.stdout) == (1, "")
        assert result.stderr == "error: no document with id nosuchdoc123 (see `lawqa docs`)\n"
    removed = runner.invoke(app, ["remove", "nosuchdoc123"])
    assert (removed.exit_code, removed.stderr) == (1, result.stderr)


@pytest.mark.integration
def test_question_at_the_limit_is_answered(
    sample_home: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LAWQA_MAX_QUESTION_CHARS", str(len(QUESTION)))
    assert runner.invoke(app, ["ask", f"  {QUESTION} "]).exit_code == 0


@pytest.mark.integration
def test_chat_reports_an_oversized_question_and_goes_on(
    sample_home: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LAWQA_MAX_QUESTION_CHARS", str(len(QUESTION)))
    result = runner.invoke(app, ["chat", "--json"], input=f"{QUESTION}!\n{QUESTION}\n\n")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[1:] == [
        f"error: the question is {len(QUESTION) + 1} characters long; the limit is "
        f"{len(QUESTION)} (LAWQA_MAX_QUESTION_CHARS)"
    ]
    assert '"question": "How are foreign judgments recognized and enforced?"' in result.stdout
