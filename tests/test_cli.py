"""`lawqa ingest / parse / docs / remove / ask / chat / eval`, in-process with the real index."""

import json
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rag import index as index_module
from rag.embedders import Embedder
from rag.settings import RetrievalSettings
from tests.helpers import ROOT, SAMPLE, shared
from ui.cli import app

runner = CliRunner()


@pytest.fixture
def session_embedder(embedder: Embedder, monkeypatch: pytest.MonkeyPatch) -> None:
    """Commands that open the index use the session's embedder."""
    monkeypatch.setattr(index_module, "make_embedder", lambda settings: embedder)


def _json(args: list[str]) -> tuple[int, dict]:  # type: ignore[type-arg]
    result = runner.invoke(app, args)
    return result.exit_code, json.loads(result.stdout)


@pytest.mark.integration
def test_ingest_json_summary_and_errors(tmp_path: Path, session_embedder: None) -> None:
    bad = tmp_path / "notes.rtf"
    bad.write_text("x", encoding="utf-8")
    code, report = _json(["ingest", str(SAMPLE), str(bad), "--json"])
    assert code == 1
    assert (
        report["documents"],
        report["units"],
        report["bilingual_pairs"],
        report["monolingual_units"],
    ) == (1, 18, 18, 0)
    assert report["errors"] == [
        f"{bad}: unsupported file type '.rtf' (supported: .docx, .htm, .html, .markdown, .md, "
        ".pdf, .text, .txt)"
    ]
    assert [f["status"] for f in report["files"]] == ["added", "error"]
    code, report = _json(["ingest", str(SAMPLE), "--json"])
    assert code == 0
    assert [f["status"] for f in report["files"]] == ["unchanged"]


@pytest.mark.integration
def test_ingest_plain_output(tmp_path: Path, session_embedder: None) -> None:
    result = runner.invoke(app, ["ingest", str(SAMPLE), str(tmp_path / "missing.txt")])
    assert result.exit_code == 1
    assert f"error: {tmp_path / 'missing.txt'}: no such file or folder" in result.stderr
    assert "added" in result.stdout


@pytest.mark.integration
def test_ingest_two_files_of_one_law(tmp_path: Path, session_embedder: None) -> None:
    zh = tmp_path / "arbitration_zh.md"
    en = tmp_path / "arbitration_en.md"
    zh.write_text(
        "# 中华人民共和国仲裁法\n\n第一条 为保证公正、及时地仲裁经济纠纷，制定本法。\n\n"
        "第二条 平等主体之间发生的合同纠纷，可以仲裁。\n",
        encoding="utf-8",
    )
    en.write_text(
        "# Arbitration Law of the People's Republic of China\n\nArticle 1 This Law is "
        "formulated to ensure the impartial and prompt arbitration of economic disputes.\n"
        "\nArticle 2 Contractual disputes between equal parties may be arbitrated.\n",
        encoding="utf-8",
    )
    code, report = _json(["ingest", str(zh), "--translation", str(en), "--json"])
    assert code == 0
    assert (report["documents"], report["units"], report["bilingual_pairs"]) == (1, 2, 2)
    code, (document,) = _json(["docs", "--json"])
    assert (document["title_zh"], document["title_en"]) == (
        "中华人民共和国仲裁法",
        "Arbitration Law of the People's Republic of China",
    )
    assert document["translation_path"] == str(en.resolve())


def test_parse_json() -> None:
    code, parsed = _json(["parse", str(SAMPLE), "--json"])
    assert code == 0
    assert parsed["document"]["doc_number_zh"] == "法发[2020]37号"
    assert parsed["document"]["layout"] == "interleaved-unit"
    assert [u["label"] for u in parsed["units"]][:3] == ["preamble", "1", "2"]
    assert set(parsed["units"][6]) == {
        "label",
        "display_zh",
        "display_en",
        "heading_zh",
        "heading_en",
        "text_zh",
        "text_en",
        "spans",
    }
    assert parsed["warnings"] == []


def test_parse_file_with_two_laws_lists_both() -> None:
    code, parsed = _json(
        ["parse", str(shared("bilingual/constitution_basic_law_en.pdf")), "--json"]
    )
    assert code == 0
    assert len(parsed["documents"]) == 2
    assert [len(d["units"]) for d in parsed["documents"]] == [144, 164]


def test_parse_bad_file(tmp_path: Path) -> None:
    empty = tmp_path / "empty.md"
    empty.write_text("", encoding="utf-8")
    result = runner.invoke(app, ["parse", str(empty)])
    assert result.exit_code == 1
    assert result.stderr.strip() == f"error: {empty}: file is empty"


@pytest.mark.integration
def test_docs_and_remove(session_embedder: None) -> None:
    runner.invoke(app, ["ingest", str(SAMPLE)])
    code, documents = _json(["docs", "--json"])
    assert code == 0
    (document,) = documents
    assert (document["units"], document["bilingual_pairs"]) == (18, 18)
    assert document["title_en"].startswith("Guiding Opinions of the Supreme People's Court")
    removed = runner.invoke(app, ["remove", document["doc_id"]])
    assert removed.exit_code == 0
    assert removed.stdout.strip() == f"removed {document['doc_id']}"
    assert _json(["docs", "--json"]) == (0, [])
    missing = runner.invoke(app, ["remove", document["doc_id"]])
    assert missing.exit_code == 1
    assert missing.stderr.strip() == (
        f"error: no document with id {document['doc_id']} (see `lawqa docs`)"
    )


def test_invalid_settings_are_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LAWQA_CHUNK_TOKENS", "lots")
    result = runner.invoke(app, ["docs"])
    assert result.exit_code == 2
    assert "invalid settings (chunk_tokens: Input should be a valid integer" in result.stderr


@pytest.mark.integration
def test_ask_json_and_plain(session_embedder: None) -> None:
    runner.invoke(app, ["ingest", str(SAMPLE)])
    code, answer = _json(["ask", "如何承认和执行外国法院的民商事判决？", "--json", "--k", "3"])
    assert code == 0
    assert (answer["language"], answer["mode"], answer["refused"]) == ("zh", "extractive", False)
    assert answer["outcome"] == "answered"
    assert answer["citations"][0]["label"] == "15"
    assert len(answer["retrieved"]) == 3
    plain = runner.invoke(app, ["ask", "How are foreign judgments recognized and enforced?"])
    assert plain.exit_code == 0
    lines = plain.stdout.splitlines()
    assert lines[0] == "Per the documents:"
    assert "Sources" in lines
    assert any(
        line.startswith(
            "[1] 最高人民法院关于人民法院服务保障进一步扩大对外开放的指导意见  15. / (15)"
        )
        for line in lines
    )
    assert any(
        line.startswith("    English: Strengthening international judicial assistance.")
        for line in lines
    )


@pytest.mark.integration
def test_ask_json_carries_each_quote_in_both_languages(session_embedder: None) -> None:
    runner.invoke(app, ["ingest", str(SAMPLE)])
    code, answer = _json(["ask", "知识产权侵权的惩罚性赔偿制度如何落实？", "--json"])
    assert code == 0
    quoted = answer["citations"][0]
    assert (quoted["label"], quoted["verified"]) == ("11", True)
    assert list(quoted)[-4:] == ["quote", "quote_zh", "quote_en", "verified"]
    assert quoted["quote"] == "严格落实知识产权侵权惩罚性赔偿制度,切实发挥惩罚性赔偿的威慑效应。"
    assert quoted["quote_zh"] == quoted["quote"]
    assert quoted["quote_en"] == (
        "The punitive compensation system for intellectual property infringement shall be "
        "strictly implemented to practically exert the deterrent effect of punitive compensation."
    )
    code, answer = _json(["ask", "How are foreign judgments recognized and enforced?", "--json"])
    quoted = answer["citations"][0]
    assert quoted["label"] == "15"
    english = (
        "The procedural rules and review standards for recognition and enforcement of foreign "
        "court judgments on civil and commercial affairs shall be improved."
    )
    assert (quoted["quote"], quoted["quote_en"]) == (english, english)
    assert quoted["quote_zh"] == "完善承认与执行外国法院民商事判决的程序规则和审查标准。"


@pytest.mark.integration
def test_ask_says_what_the_documents_leave_out(session_embedder: None) -> None:
    runner.invoke(app, ["ingest", str(SAMPLE)])
    question = "How many days do courts have to decide cross-border bankruptcy cases?"
    code, answer = _json(["ask", question, "--json"])
    assert code == 0
    assert (answer["outcome"], answer["refused"]) == ("not_stated", True)
    assert {c["label"] for c in answer["citations"]} == {"12"}
    plain = runner.invoke(app, ["ask", question])
    lines = plain.stdout.splitlines()
    assert lines[0].startswith("The documents address this in item (12) [")
    assert lines[0].endswith("] but do not state the time limit or duration.")
    assert "Not stated: the documents discuss this topic but do not state what was asked." in lines
    assert "Passages on the topic" in lines
    code, off_topic = _json(["ask", "What is the penalty for drunk driving?", "--json"])
    assert (off_topic["outcome"], off_topic["refused"]) == ("not_addressed", True)


@pytest.mark.integration
def test_ask_with_an_unconfigured_mode_fails_clearly(session_embedder: None) -> None:
    result = runner.invoke(app, ["ask", "anything", "--mode", "local"])
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        "error: --mode local needs LAWQA_LLM=local:/path/to/model.gguf"
    )
    result = runner.invoke(app, ["ask", "anything", "--mode", "llm"])
    assert result.stderr.strip() == "error: --mode llm needs OPENAI_API_KEY or OPENAI_BASE_URL"


@pytest.mark.integration
def test_chat_keeps_history(session_embedder: None) -> None:
    runner.invoke(app, ["ingest", str(SAMPLE)])
    result = runner.invoke(
        app,
        ["chat", "--json"],
        input="Can parties choose the applicable law?\nWhat about its arbitration?\n\n",
    )
    assert result.exit_code == 0
    decoder = json.JSONDecoder()
    text, answers = result.stdout.strip(), []
    while text:
        answer, end = decoder.raw_decode(text)
        answers.append(answer)
        text = text[end:].strip()
    assert [a["question"] for a in answers] == [
        "Can parties choose the applicable law?",
        "What about its arbitration?",
    ]
    assert answers[0]["citations"][0]["label"] == "4"


@pytest.mark.integration
def test_eval_writes_its_outputs_and_enforces_floors(
    tmp_path: Path, session_embedder: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LAWQA_ANSWER__MAX_SENTENCES", "2")
    out = tmp_path / "out"
    questions = str(ROOT / "eval" / "datasets" / "sample_dev.jsonl")
    args = ["eval", questions, "--corpus", str(SAMPLE), "--limit", "6"]
    args += ["--pipeline", "lawqa", "--pipeline", "bm25", "--out", str(out)]
    result = runner.invoke(app, [*args, "--fail-under", "recall@5=0.5"])
    assert result.exit_code == 0, result.output
    recorded = json.loads((out / "metrics.json").read_text("utf-8"))
    metrics = recorded["pipelines"]
    assert list(metrics) == ["lawqa", "bm25"]
    assert metrics["lawqa"]["n"] == 6 and metrics["bm25"]["citation_precision"] is None
    # every answerable question's outcome, by where its gold ranked; none for a ranking only
    places = metrics["lawqa"]["answerable_by_gold_place"]
    assert list(places) == ["gold first", "gold read", "gold not read"]
    assert sum(sum(c.values()) for c in places.values()) == metrics["lawqa"]["n_answerable"]
    assert "answerable_by_gold_place" not in metrics["bm25"]
    results = [json.loads(line) for line in (out / "results.jsonl").read_text("utf-8").splitlines()]
    assert len(results) == 12
    rows = {name: [r for r in results if r["pipeline"] == name] for name in ("lawqa", "bm25")}
    assert Counter(r["hits"]["gold_place"] for r in rows["lawqa"] if r["gold"]) == {
        place: sum(counts.values()) for place, counts in places.items() if sum(counts.values())
    }
    assert all(
        r["hits"]["gold_place"] == "gold first"
        for r in rows["lawqa"]
        if r["gold"] and r["hits"]["gold_positions"][0] == 1
    )
    assert not any("gold_place" in r["hits"] for r in rows["bm25"])
    # the settings it ran with, the ones changed included, without secrets
    assert recorded["settings"]["answer"]["max_sentences"] == 2
    # the keyword weight that ran (e5+use's own), not "unset"
    assert recorded["settings"]["retrieval"] == RetrievalSettings(keyword_weight=0.25).model_dump()
    assert "openai_api_key" not in recorded["settings"]
    report = (out / "report.md").read_text("utf-8")
    assert "| lawqa | 6 |" in report and "| bm25 | 6 |" in report
    assert "## Answerable questions by where their gold ranked" in report
    assert "| answerable | answered | not_stated | not_addressed |" in report
    assert "LAWQA_ANSWER__MAX_SENTENCES=2\n" in report
    for chart in ("recall_at_k.png", "recall5_by_type.png"):
        assert (out / chart).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    result = runner.invoke(app, [*args, "--fail-under", "recall@5=1.01"])
    assert result.exit_code == 1
    assert "regression: lawqa recall@5 = 1.0 is below the floor 1.01" in result.output
