"""Each kind of part is registered in one place, and validation, help and messages read it:
readers by suffix, embedders, eval pipelines and answer modes."""

from pathlib import Path

import pytest
from typer.testing import CliRunner

from eval.pipelines import PIPELINES
from ingest.readers import FILE_TYPES, READERS, SUPPORTED, IngestError, read_source
from ingest.uploads import save_upload
from rag.embedders import EmbedderError, embedder_names, make_embedder
from rag.settings import Settings
from rag.types import Mode
from ui.cli import app

MB = 1024 * 1024
SUPPORTED_MESSAGE = "supported: .docx, .htm, .html, .markdown, .md, .pdf, .text, .txt"
runner = CliRunner()


def test_the_readers() -> None:
    assert SUPPORTED == (".docx", ".htm", ".html", ".markdown", ".md", ".pdf", ".text", ".txt")
    assert FILE_TYPES == ("txt", "md", "pdf", "docx", "html")


@pytest.mark.parametrize(
    ("suffix", "file_type"),
    [(".txt", "txt"), (".text", "txt"), (".md", "md"), (".markdown", "md"), (".htm", "html")],
)
def test_each_text_suffix_is_read(tmp_path: Path, suffix: str, file_type: str) -> None:
    path = tmp_path / f"law{suffix}"
    path.write_text("第一条 合同纠纷可以仲裁。", encoding="utf-8")
    source = read_source(path, MB)
    assert (source.file_type, source.text) == (file_type, "第一条 合同纠纷可以仲裁。")
    assert READERS[suffix].file_type == file_type


def test_an_upload_and_a_file_are_refused_a_type_in_the_same_words(tmp_path: Path) -> None:
    path = tmp_path / "notes.rtf"
    path.write_text("x", encoding="utf-8")
    expected = f"unsupported file type '.rtf' ({SUPPORTED_MESSAGE})"
    with pytest.raises(IngestError) as read:
        read_source(path, MB)
    with pytest.raises(IngestError) as uploaded:
        save_upload(tmp_path / "home", "notes.rtf", b"x", MB)
    assert (read.value.cause, uploaded.value.cause) == (expected, expected)
    assert str(uploaded.value) == f"notes.rtf: {expected}"


def test_an_upload_and_a_file_are_refused_their_size_in_the_same_words(tmp_path: Path) -> None:
    data = b"x" * (2 * MB)
    path = tmp_path / "big.md"
    path.write_bytes(data)
    expected = "file is 2.0 MB, over the 1 MB limit (LAWQA_MAX_FILE_MB)"
    with pytest.raises(IngestError) as read:
        read_source(path, MB)
    with pytest.raises(IngestError) as uploaded:
        save_upload(tmp_path / "home", "big.md", data, MB)
    assert (read.value.cause, uploaded.value.cause) == (expected, expected)


def test_uploads_of_every_supported_type_are_saved(tmp_path: Path) -> None:
    for suffix in SUPPORTED:
        saved = save_upload(tmp_path, f"law{suffix}", b"text", MB)
        assert saved == (tmp_path / "uploads" / f"law{suffix}").resolve()


def test_the_embedders() -> None:
    assert embedder_names() == ["e5", "use", "e5+use", "openai:<model>"]


NAMES = "(LAWQA_EMBEDDER: e5, use, e5+use or openai:<model>)"


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("bert", f"unknown embedder 'bert' {NAMES}"),
        ("e5:small", f"unknown embedder 'e5:small' {NAMES}"),
        ("openai", f"unknown embedder 'openai' {NAMES}"),
        ("openai:", f"unknown embedder 'openai:' {NAMES}"),
        ("e5+bert", "unknown embedder 'bert' in LAWQA_EMBEDDER='e5+bert'"),
        ("e5+openai", "unknown embedder 'openai' in LAWQA_EMBEDDER='e5+openai'"),
        (
            "openai:text-embedding-3-small",
            "LAWQA_EMBEDDER=openai:text-embedding-3-small needs OPENAI_API_KEY or OPENAI_BASE_URL",
        ),
    ],
)
def test_an_embedder_outside_the_registry_is_refused(name: str, message: str) -> None:
    with pytest.raises(EmbedderError) as refused:
        make_embedder(Settings(home=Path("unused"), embedder=name))
    assert str(refused.value) == message


def test_the_answer_modes_and_eval_pipelines() -> None:
    assert list(Mode) == ["llm", "local", "extractive"]
    assert list(PIPELINES) == ["lawqa", "naive", "bm25", "dense"]


def test_the_cli_checks_modes_against_the_registry() -> None:
    result = runner.invoke(app, ["ask", "What is arbitration?", "--mode", "oracle"])
    assert result.exit_code == 2
    assert result.stderr == "error: --mode must be one of llm, local, extractive\n"


@pytest.mark.parametrize("option", [["--pipeline", "tfidf"], ["--mode", "oracle"]])
def test_eval_checks_pipelines_and_modes_against_the_registries(option: list[str]) -> None:
    result = runner.invoke(app, ["eval", "questions.jsonl", "--index", "home", *option])
    assert result.exit_code == 2
    assert result.stderr == (
        "error: pipelines are lawqa, naive, bm25, dense; modes are llm, local, extractive\n"
    )
