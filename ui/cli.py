"""The `lawqa` command line. Each command's body parses options and calls the core."""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

import typer
from pydantic import ValidationError
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from ingest.parse import parse_pair, parse_text
from ingest.pipeline import IngestReport, ingest_paths
from ingest.readers import IngestError, read_source
from rag.assistant import MODES, Assistant
from rag.embedders import EmbedderError
from rag.index import Index
from rag.llm import LLMError
from rag.settings import Settings
from rag.types import Answer
from rag.vectors import VectorStoreError

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Bilingual legal question answering with verified paragraph citations.",
)
out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)


def _settings() -> Settings:
    try:
        return Settings()
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc']) or 'settings'}: {e['msg']}" for e in exc.errors()
        )
        err.print(f"[red]error:[/] invalid settings ({problems})")
        raise typer.Exit(2) from None


def _index(settings: Settings) -> Index:
    try:
        return Index(settings)
    except (VectorStoreError, EmbedderError) as exc:
        err.print(f"[red]error:[/] {exc}")
        raise typer.Exit(2) from None


def _print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders (searched recursively).")],
    translation: Annotated[
        Path | None,
        typer.Option(help="The other-language file of the same law (pairs two files of one law)."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
) -> None:
    """Ingest files into the index (unchanged files are skipped, changed ones replaced)."""
    settings = _settings()
    index = _index(settings)
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=as_json or not err.is_terminal,
    ) as bar:
        task = bar.add_task("ingesting", total=None)

        def progress(path: str, done: int, total: int) -> None:
            bar.update(task, completed=done, total=total, description=Path(path).name or "done")

        report = ingest_paths(paths, index, translation=translation, progress=progress)
    if as_json:
        _print_json(report.to_json())
    else:
        _print_ingest_report(report)
    if report.errors:
        raise typer.Exit(1)


def _print_ingest_report(report: IngestReport) -> None:
    table = Table(title="lawqa ingest")
    for column in (
        "documents",
        "units",
        "bilingual pairs",
        "monolingual units",
        "warnings",
        "errors",
        "seconds",
    ):
        table.add_column(column, justify="right")
    table.add_row(
        str(report.documents),
        str(report.units),
        str(report.pairs),
        str(report.monolingual),
        str(len(report.warnings)),
        str(len(report.errors)),
        f"{report.seconds:.1f}",
    )
    out.print(table)
    for file in report.files:
        if file.status != "error":
            out.print(
                f"{file.status:>9}  {file.path}  ({', '.join(file.doc_ids)})",
                highlight=False,
                markup=False,
            )
    for warning in report.warnings:
        err.print(f"warning: {warning}", highlight=False, markup=False)
    for error in report.errors:
        err.print(f"error: {error}", highlight=False, markup=False)


@app.command()
def parse(
    file: Annotated[Path, typer.Argument(help="The file to parse.")],
    translation: Annotated[Path | None, typer.Option(help="The other-language file.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Parse a file into units and print them (no index)."""
    settings = _settings()
    try:
        source = read_source(file, settings.max_file_bytes)
        if translation is None:
            documents = parse_text(source.text, wrapped=source.wrapped)
        else:
            other = read_source(translation, settings.max_file_bytes)
            documents = parse_pair(
                source.text, other.text, wrapped=source.wrapped, translation_wrapped=other.wrapped
            )
    except IngestError as exc:
        err.print(f"error: {exc}", highlight=False, markup=False)
        raise typer.Exit(1) from None
    results: list[dict[str, Any]] = [
        {
            "document": {
                **{k: v for k, v in document.meta.__dict__.items()},
                "source_path": str(file.resolve()),
                "translation_path": str(translation.resolve()) if translation else "",
                "content_hash": source.content_hash,
                "file_type": source.file_type,
                "encoding": source.encoding,
                "layout": document.layout,
            },
            "units": [unit.to_json() for unit in document.units],
            "warnings": document.warnings,
        }
        for document in documents
    ]
    if as_json:
        if len(results) == 1:
            _print_json(results[0])
        else:
            _print_json(
                {"documents": results, "warnings": [w for r in results for w in r["warnings"]]}
            )
        return
    for result in results:
        meta = result["document"]
        out.print(
            f"[bold]{meta['title_zh'] or meta['title_en'] or file.name}[/]  "
            f"{meta['doc_number_zh'] or meta['doc_number_en']}  layout: {meta['layout']}"
        )
        table = Table("label", "zh", "en", "heading", "text")
        for unit in result["units"]:
            text = (unit["text_zh"] or unit["text_en"]).replace("\n", " ")
            table.add_row(
                unit["label"],
                unit["display_zh"],
                unit["display_en"],
                unit["heading_zh"] or unit["heading_en"],
                text[:60] + ("…" if len(text) > 60 else ""),
            )
        out.print(table)
        for warning in result["warnings"]:
            err.print(f"warning: {warning}", highlight=False, markup=False)


@app.command()
def docs(as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False) -> None:
    """List the documents in the index with their metadata and counts."""
    index = _index(_settings())
    rows = []
    for document in index.documents():
        counts = index.counts(document.doc_id)
        rows.append(
            {
                **document.metadata_json(),
                "units": counts.units,
                "bilingual_pairs": counts.pairs,
                "chunks": counts.chunks,
                "warnings": list(document.warnings),
            }
        )
    if as_json:
        _print_json(rows)
        return
    table = Table("doc_id", "title", "number", "promulgated", "validity", "units", "pairs")
    for row in rows:
        table.add_row(
            row["doc_id"],
            row["title_zh"] or row["title_en"],
            row["doc_number_zh"] or row["doc_number_en"],
            row["promulgated"],
            row["validity_zh"] or row["validity_en"],
            str(row["units"]),
            str(row["bilingual_pairs"]),
        )
    out.print(table)
    if not rows:
        out.print("The index is empty: add documents with `lawqa ingest PATH`.")


@app.command()
def remove(
    doc_id: Annotated[str, typer.Argument(help="The document id (see `lawqa docs`).")],
) -> None:
    """Remove a document from the index."""
    index = _index(_settings())
    if not index.remove(doc_id):
        err.print(
            f"error: no document with id {doc_id} (see `lawqa docs`)", highlight=False, markup=False
        )
        raise typer.Exit(1)
    out.print(f"removed {doc_id}", highlight=False)


def _assistant(mode: str | None) -> Assistant:
    settings = _settings()
    if mode is not None and mode not in MODES:
        err.print(f"error: --mode must be one of {', '.join(MODES)}", highlight=False, markup=False)
        raise typer.Exit(2)
    assistant = Assistant(_index(settings), settings, mode)
    if assistant.mode != "extractive":
        try:
            assistant.chat  # noqa: B018 - start the model now, so a bad setting fails early
        except LLMError as exc:
            err.print(f"error: {exc}", highlight=False, markup=False)
            raise typer.Exit(2) from None
    return assistant


def _print_answer(answer: Answer, streamed: bool) -> None:
    if not streamed:
        out.print(answer.answer, highlight=False, markup=False)
    for note in answer.notes:
        err.print(f"note: {note}", highlight=False, markup=False)
        out.print(answer.answer, highlight=False, markup=False)
    out.print()
    title = "Closest passages" if answer.refused else "Sources"
    shown = answer.citations or () if not answer.refused else ()
    out.print(f"[bold]{title}[/]")
    if answer.refused:
        for source in answer.sources:
            unit = source.unit
            out.print(
                f"[{source.n}] {source.document.title}  {unit.display_zh} / {unit.display_en}",
                highlight=False,
                markup=False,
            )
        return
    seen: set[int] = set()
    for citation in shown:
        if citation.n in seen:
            continue
        seen.add(citation.n)
        quotes = [c for c in shown if c.n == citation.n and c.quote]
        mark = "verified" if all(c.verified for c in quotes) else "UNVERIFIED quote"
        out.print(
            f"[{citation.n}] {citation.doc_title}  {citation.display_zh} / "
            f"{citation.display_en}  ({mark})",
            highlight=False,
            markup=False,
        )
        if citation.text_zh:
            out.print(f"    中文: {citation.text_zh}", highlight=False, markup=False)
        if citation.text_en:
            out.print(f"    English: {citation.text_en}", highlight=False, markup=False)
    for sentence in answer.unsupported_sentences:
        err.print(f"unsupported: {sentence}", highlight=False, markup=False)
    for marker in answer.removed_markers:
        err.print(
            f"removed citation {marker}: it points to no retrieved source",
            highlight=False,
            markup=False,
        )


@dataclass(frozen=True)
class AskOptions:
    k: int
    doc: list[str] | None
    valid_only: bool
    as_json: bool


def _ask_once(
    assistant: Assistant, question: str, options: AskOptions, history: list[tuple[str, str]]
) -> Answer:
    streamed = False

    def on_token(token: str) -> None:
        nonlocal streamed
        streamed = True
        sys.stdout.write(token)
        sys.stdout.flush()

    answer = assistant.ask(
        question,
        k=options.k,
        doc_ids=options.doc or None,
        history=history,
        on_token=None if options.as_json else on_token,
        valid_only=options.valid_only,
    )
    if options.as_json:
        _print_json(answer.to_json())
    else:
        if streamed:
            sys.stdout.write("\n")
        _print_answer(answer, streamed)
    return answer


@app.command()
def ask(
    question: Annotated[str, typer.Argument(help="The question, in Chinese or English.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
    k: Annotated[int, typer.Option("--k", min=1, max=50, help="Sources to retrieve.")] = 5,
    doc: Annotated[
        list[str] | None, typer.Option("--doc", help="Search only this document id (repeatable).")
    ] = None,
    mode: Annotated[
        str | None, typer.Option(help="llm, local or extractive (default: from settings).")
    ] = None,
    valid_only: Annotated[
        bool, typer.Option("--valid-only", help="Skip documents marked as no longer in force.")
    ] = False,
) -> None:
    """Answer a question with citations to the documents' own paragraphs."""
    assistant = _assistant(mode)
    _ask_once(assistant, question, AskOptions(k, doc, valid_only, as_json), [])


@app.command()
def chat(
    k: Annotated[int, typer.Option("--k", min=1, max=50, help="Sources to retrieve.")] = 5,
    doc: Annotated[
        list[str] | None, typer.Option("--doc", help="Search only this document id (repeatable).")
    ] = None,
    mode: Annotated[str | None, typer.Option(help="llm, local or extractive.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print each answer as JSON.")] = False,
    valid_only: Annotated[
        bool, typer.Option("--valid-only", help="Skip documents marked as no longer in force.")
    ] = False,
) -> None:
    """A multi-turn chat in the terminal (an empty line or /exit ends it)."""
    assistant = _assistant(mode)
    options = AskOptions(k, doc, valid_only, as_json)
    history: list[tuple[str, str]] = []
    err.print(
        f"lawqa chat ({assistant.model_name}); an empty line or /exit ends it.",
        highlight=False,
        markup=False,
    )
    while True:
        try:
            question = input("> " if sys.stdin.isatty() else "").strip()
        except EOFError:
            break
        if not question or question == "/exit":
            break
        answer = _ask_once(assistant, question, options, history)
        history.append((question, answer.answer))


@app.command("eval")
def evaluate(
    questions: Annotated[Path, typer.Argument(help="Questions (JSONL).")],
    corpus: Annotated[
        list[Path] | None,
        typer.Option(
            help="Ingest these files/folders into a fresh temporary home first (repeatable)."
        ),
    ] = None,
    index_home: Annotated[
        Path | None, typer.Option("--index", help="Use this existing LAWQA_HOME instead.")
    ] = None,
    out_dir: Annotated[
        Path | None, typer.Option("--out", help="Output folder (default eval-out/<timestamp>/).")
    ] = None,
    k: Annotated[
        int, typer.Option("--k", min=1, max=100, help="Sources given to the answerer.")
    ] = 10,
    mode: Annotated[str | None, typer.Option(help="extractive, llm or local.")] = None,
    pipeline: Annotated[
        list[str] | None,
        typer.Option(help="lawqa, naive, bm25 or dense (repeatable; default lawqa)."),
    ] = None,
    limit: Annotated[int | None, typer.Option(min=1, help="Only the first N questions.")] = None,
    fail_under: Annotated[
        list[str] | None,
        typer.Option(
            help="METRIC=FLOOR: exit 1 when the lawqa pipeline scores below it (repeatable)."
        ),
    ] = None,
) -> None:
    """Evaluate retrieval, citations and refusals on a question set; compare pipelines."""
    from eval.harness import PIPELINES, failures, run_evaluation
    from eval.report import TABLE_COLUMNS, cell
    from eval.runner import QuestionFileError

    if bool(corpus) == bool(index_home):
        err.print(
            "error: give either --corpus PATH... or --index HOME", highlight=False, markup=False
        )
        raise typer.Exit(2)
    names = pipeline or ["lawqa"]
    unknown = [n for n in names if n not in PIPELINES]
    if unknown or (mode is not None and mode not in MODES):
        err.print(
            f"error: pipelines are {', '.join(PIPELINES)}; modes are {', '.join(MODES)}",
            highlight=False,
            markup=False,
        )
        raise typer.Exit(2)
    floors: dict[str, float] = {}
    for item in fail_under or []:
        metric, _, value = item.partition("=")
        try:
            floors[metric] = float(value)
        except ValueError:
            err.print(
                f"error: --fail-under wants METRIC=NUMBER, not {item!r}",
                highlight=False,
                markup=False,
            )
            raise typer.Exit(2) from None
    settings = _settings()
    if index_home is not None:
        settings = settings.model_copy(update={"home": index_home})
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=not err.is_terminal,
    ) as bar:
        task = bar.add_task("evaluating", total=None)
        try:
            run = run_evaluation(
                questions,
                settings,
                corpus=corpus or [],
                out=out_dir,
                k=k,
                mode=mode,
                pipelines=names,
                limit=limit,
                progress=lambda what, done, total: bar.update(
                    task, completed=done, total=total, description=what
                ),
            )
        except (QuestionFileError, OSError, VectorStoreError, EmbedderError, LLMError) as exc:
            err.print(f"error: {exc}", highlight=False, markup=False)
            raise typer.Exit(2) from None
    if run.ingest is not None and run.ingest.errors:
        for error in run.ingest.errors:
            err.print(f"error: {error}", highlight=False, markup=False)
    table = Table(title=f"lawqa eval → {run.out}")
    table.add_column("pipeline")
    shown = (
        "recall@1",
        "recall@5",
        "recall@10",
        "recall@100",
        "mrr@10",
        "ndcg@10",
        "citation_precision",
        "citation_recall",
        "refusal_recall",
        "false_refusal_rate",
        "latency_ms_p95",
    )
    for column in shown:
        table.add_column(column.replace("_", " "), justify="right")
    for name, values in run.metrics.items():
        table.add_row(name, *(cell(values.get(c)) for c in shown))
    out.print(table)
    assert set(shown) <= set(TABLE_COLUMNS)
    problems = failures(run.metrics, floors)
    for problem in problems:
        err.print(f"regression: {problem}", highlight=False, markup=False)
    if problems:
        raise typer.Exit(1)


@app.command()
def ui(
    port: Annotated[int, typer.Option(help="Port on localhost.")] = 8501,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "localhost",
) -> None:
    """Start the web chat (Streamlit)."""
    import subprocess

    settings = _settings()
    script = Path(__file__).with_name("app.py")
    out.print(f"lawqa web chat: http://{host}:{port}", highlight=False)
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(script),
        "--server.port",
        str(port),
        "--server.address",
        host,
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
        "--client.toolbarMode",
        "minimal",
        "--server.maxUploadSize",
        str(max(1, int(settings.max_file_mb))),
    ]
    raise typer.Exit(subprocess.call(command))


@app.command()
def feedback(
    export: Annotated[Path, typer.Option(help="Write the feedback log to this JSONL file.")],
) -> None:
    """Export the answers' feedback (thumbs up/down and comments)."""
    from rag.feedback import FeedbackLog

    count = FeedbackLog(Path(_settings().home)).export(export)
    out.print(f"{count} feedback entries written to {export}", highlight=False)


def main() -> None:
    app()
