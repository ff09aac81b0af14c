"""Bad input a user meets at the command line: empty or oversized questions, unknown document ids,
folders with nothing to ingest, symlink loops, stray NUL bytes, tables read from a log."""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ingest.readers import IngestError, read_source
from rag import index as index_module
from rag.embedders import Embedder
from rag.questions import QuestionError, check_question
from tests.helpers import SAMPLE
from ui.cli import app
from ui.console import EVAL_COLUMNS, print_eval_table

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


# ------------------------------------------------------------------ ingest

LAW = "# 中华人民共和国示范法\n\n第一条 为了规范仲裁活动，制定本法。\n\n第二条 合同纠纷可以仲裁。\n"
SUPPORTED = ".docx, .htm, .html, .markdown, .md, .pdf, .text, .txt"


@pytest.fixture
def session_embedder(embedder: Embedder, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(index_module, "make_embedder", lambda settings: embedder)


@pytest.mark.integration
def test_folder_without_a_supported_file_is_an_error(
    tmp_path: Path, session_embedder: None
) -> None:
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "notes.rtf").write_text("x", encoding="utf-8")
    (folder / ".hidden.md").write_text(LAW, encoding="utf-8")
    cause = f"{folder}: no supported file in this folder (supported: {SUPPORTED})"
    result = runner.invoke(app, ["ingest", str(folder)])
    assert (result.exit_code, result.stdout, result.stderr) == (1, "", f"error: {cause}\n")
    result = runner.invoke(app, ["ingest", str(folder), "--json"])
    assert result.exit_code == 1
    assert json.loads(result.stdout)["errors"] == [cause]


@pytest.mark.integration
def test_an_empty_folder_beside_files_is_a_warning(tmp_path: Path, session_embedder: None) -> None:
    (tmp_path / "empty").mkdir()
    law = tmp_path / "law.md"
    law.write_text(LAW, encoding="utf-8")
    result = runner.invoke(app, ["ingest", str(law), str(tmp_path / "empty")])
    assert result.exit_code == 0
    assert result.stderr == (
        f"warning: {tmp_path / 'empty'}: no supported file in this folder (supported: "
        f"{SUPPORTED})\n"
    )


@pytest.mark.integration
def test_symlink_loops_are_skipped_with_a_warning(tmp_path: Path, session_embedder: None) -> None:
    folder = tmp_path / "laws"
    (folder / "sub").mkdir(parents=True)
    (folder / "law.md").write_text(LAW, encoding="utf-8")
    (folder / "sub" / "up").symlink_to("..")  # back to the folder above
    (folder / "self").symlink_to(".")
    (folder / "ping").symlink_to("pong")  # a loop of links that resolves to nothing
    (folder / "pong").symlink_to("ping")
    (folder / "gone.md").symlink_to("nowhere.md")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "other.md").write_text(LAW.replace("示范法", "另一示范法"), encoding="utf-8")
    (folder / "linked").symlink_to(elsewhere)  # not a loop: followed
    result = runner.invoke(app, ["ingest", str(folder), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["warnings"] == [
        f"{folder / 'gone.md'}: skipped, a broken symlink",
        f"{folder / 'ping'}: skipped, a symlink loop",
        f"{folder / 'pong'}: skipped, a symlink loop",
        f"{folder / 'self'}: skipped, a symlink loop (back to {folder.resolve()})",
        f"{folder / 'sub' / 'up'}: skipped, a symlink loop (back to {folder.resolve()})",
    ]
    assert [f["path"] for f in report["files"]] == [
        str(folder / "law.md"),
        str(folder / "linked" / "other.md"),
    ]
    plain = runner.invoke(app, ["ingest", str(folder)])
    assert f"warning: {folder / 'self'}: skipped, a symlink loop (back to" in plain.stderr


@pytest.mark.integration
def test_stray_nul_bytes_are_removed_with_a_warning(tmp_path: Path, session_embedder: None) -> None:
    law = tmp_path / "law.md"
    law.write_bytes(
        LAW.encode("utf-8").replace("制定".encode(), b"\x00\x00\x00\xe5\x88\xb6\xe5\xae\x9a")
    )
    parsed = runner.invoke(app, ["parse", str(law), "--json"])
    assert parsed.exit_code == 0
    document = json.loads(parsed.stdout)
    assert document["warnings"] == ["3 stray NUL bytes removed"]
    assert document["units"][0]["text_zh"] == "为了规范仲裁活动，制定本法。"
    result = runner.invoke(app, ["ingest", str(law)])
    assert result.exit_code == 0
    assert result.stderr == f"warning: {law}: 3 stray NUL bytes removed\n"


def test_a_mostly_binary_file_is_still_refused(tmp_path: Path) -> None:
    one_nul = tmp_path / "one.txt"
    one_nul.write_bytes(LAW.encode("utf-8") + b"\x00")
    assert read_source(one_nul, 2**20).warnings == ("1 stray NUL byte removed",)
    many = tmp_path / "many.txt"
    many.write_bytes((LAW.encode("utf-8") + b"\x00" * 8) * 4)
    binary = tmp_path / "image.md"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(1, 256)) * 4 + b"\x00")
    for path in (many, binary):
        with pytest.raises(IngestError) as caught:
            read_source(path, 2**20)
        assert str(caught.value) == f"{path}: binary file, not text"


# ------------------------------------------------------------------ tables in a log


def test_eval_table_in_a_log_is_not_cut(capsys: pytest.CaptureFixture[str]) -> None:
    metrics = {
        name: {**dict.fromkeys(EVAL_COLUMNS, 0.912345), "latency_ms_p95": 1234.5}
        for name in ("lawqa", "naive", "bm25", "dense")
    }
    print_eval_table("lawqa eval → eval-out/sample", metrics)
    lines = capsys.readouterr().out.splitlines()
    assert "…" not in "".join(lines)
    header = next(line for line in lines if "pipeline" in line)
    assert all(title in header for title in EVAL_COLUMNS.values())
    rows = [line.split("│")[1:-1] for line in lines if line.startswith("│")]
    assert [[cell.strip() for cell in row] for row in rows] == [
        [name, *["0.912"] * 9, "1234"] for name in ("lawqa", "naive", "bm25", "dense")
    ]


@pytest.mark.integration
def test_docs_table_in_a_log_shows_whole_titles(sample_home: None) -> None:
    result = runner.invoke(app, ["docs"])
    assert result.exit_code == 0
    (row,) = [line for line in result.stdout.splitlines() if line.startswith("│ ")]
    cells = [cell.strip() for cell in row.split("│")[1:-1]]
    assert cells[1:] == [
        "最高人民法院关于人民法院服务保障进一步扩大对外开放的指导意见",
        "法发[2020]37号",
        "2020-09-25",
        "有效",
        "18",
        "18",
    ]
