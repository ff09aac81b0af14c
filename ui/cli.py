"""The `lawqa` command line. Each command's body parses options and calls the core."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from pydantic import ValidationError

from eval.pipelines import PIPELINES
from ingest.parse import parse_pair, parse_text
from ingest.pipeline import ingest_paths, source_warnings
from ingest.readers import SUPPORTED_LIST, IngestError, SourceText, read_source
from rag.assistant import Assistant
from rag.embedders import EmbedderError
from rag.index import Index
from rag.llm import LLMError, ModelServerError, probe_server
from rag.questions import QuestionError, check_question
from rag.settings import Settings
from rag.types import Answer, Mode
from rag.vectors import VectorStoreError
from ui.console import (
    print_answer,
    print_documents,
    print_eval_table,
    print_ingest_report,
    print_json,
    print_parse,
    progress_bar,
    say,
)

if TYPE_CHECKING:
    from eval.harness import EvalRun

Progress = Callable[[str, int, int], None]

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Bilingual legal question answering with verified paragraph citations.",
)


def _fail(message: str, code: int) -> NoReturn:
    say(f"error: {message}", error=True)
    raise typer.Exit(code)


def _one_of(names: Iterable[str]) -> str:
    """`a, b or c`, for help texts."""
    *head, last = names
    return f"{', '.join(head)} or {last}" if head else last


def _settings() -> Settings:
    try:
        return Settings()
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc']) or 'settings'}: {e['msg']}" for e in exc.errors()
        )
        say(f"error: invalid settings ({problems})", error=True)
        raise typer.Exit(2) from None


def _index(settings: Settings) -> Index:
    try:
        return Index(settings)
    except (VectorStoreError, EmbedderError) as exc:
        say(f"error: {exc}", error=True)
        raise typer.Exit(2) from None


@app.command()
def ingest(
    paths: Annotated[
        list[Path],
        typer.Argument(help=f"Files or folders (searched recursively): {SUPPORTED_LIST}."),
    ],
    translation: Annotated[
        Path | None,
        typer.Option(help="The other-language file of the same law (pairs two files of one law)."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
) -> None:
    """Ingest files into the index (unchanged files are skipped, changed ones replaced)."""
    settings = _settings()
    index = _index(settings)
    with progress_bar(disable=as_json) as bar:
        task = bar.add_task("ingesting", total=None)

        def progress(path: str, done: int, total: int) -> None:
            bar.update(task, completed=done, total=total, description=Path(path).name or "done")

        report = ingest_paths(paths, index, translation=translation, progress=progress)
    if as_json:
        print_json(report.to_json())
    else:
        print_ingest_report(report)
    if report.errors:
        raise typer.Exit(1)


@app.command()
def parse(
    file: Annotated[Path, typer.Argument(help="The file to parse.")],
    translation: Annotated[Path | None, typer.Option(help="The other-language file.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Parse a file into units and print them (no index)."""
    settings = _settings()
    other: SourceText | None = None
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
        _fail(str(exc), 1)
    read_warnings = source_warnings(source, other)
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
            "warnings": [*read_warnings, *document.warnings],
        }
        for document in documents
    ]
    if as_json:
        if len(results) == 1:
            print_json(results[0])
        else:
            print_json(
                {"documents": results, "warnings": [w for r in results for w in r["warnings"]]}
            )
        return
    print_parse(results, file.name)


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
        print_json(rows)
        return
    print_documents(rows)


@app.command()
def remove(
    doc_id: Annotated[str, typer.Argument(help="The document id (see `lawqa docs`).")],
) -> None:
    """Remove a document from the index."""
    index = _index(_settings())
    if not index.remove(doc_id):
        _fail(_no_document(doc_id), 1)
    say(f"removed {doc_id}")


def _no_document(doc_id: str) -> str:
    return f"no document with id {doc_id} (see `lawqa docs`)"


def _mode(name: str | None) -> Mode | None:
    """The --mode asked for (None: the settings' own)."""
    if name is None:
        return None
    try:
        return Mode(name)
    except ValueError:
        _fail(f"--mode must be one of {', '.join(Mode)}", 2)


def _assistant(settings: Settings, mode: Mode | None, doc_ids: list[str] | None) -> Assistant:
    """The assistant for `ask` and `chat`, once the mode and the --doc ids are known good."""
    if (mode or settings.answer_mode) == Mode.LLM:
        try:
            probe_server(settings)  # a server that is down fails before the index loads
        except ModelServerError as exc:
            _fail(str(exc), 1)
    assistant = Assistant(_index(settings), settings, mode)
    for doc_id in doc_ids or []:
        if doc_id not in assistant.index.catalog():
            _fail(_no_document(doc_id), 1)
    if assistant.mode != Mode.EXTRACTIVE:
        try:
            assistant.chat  # noqa: B018 - start the model now, so a bad setting fails early
        except LLMError as exc:
            _fail(str(exc), 2)
    return assistant


# Options `ask` and `chat` share.
SourcesOption = Annotated[int, typer.Option("--k", min=1, max=50, help="Sources to retrieve.")]
DocumentsOption = Annotated[
    list[str] | None, typer.Option("--doc", help="Search only this document id (repeatable).")
]
ValidOnlyOption = Annotated[
    bool, typer.Option("--valid-only", help="Skip documents marked as no longer in force.")
]
ModeOption = Annotated[
    str | None, typer.Option(help=f"{_one_of(Mode)} (default: from the settings).")
]


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

    try:
        answer = assistant.ask(
            question,
            k=options.k,
            doc_ids=options.doc or None,
            history=history,
            on_token=None if options.as_json else on_token,
            valid_only=options.valid_only,
        )
    finally:
        if streamed:  # end the streamed line, also when the stream broke off
            sys.stdout.write("\n")
    if options.as_json:
        print_json(answer.to_json())
    else:
        print_answer(answer, streamed)
    return answer


@app.command()
def ask(
    question: Annotated[str, typer.Argument(help="The question, in Chinese or English.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
    k: SourcesOption = 5,
    doc: DocumentsOption = None,
    mode: ModeOption = None,
    valid_only: ValidOnlyOption = False,
) -> None:
    """Answer a question with citations to the documents' own paragraphs."""
    settings = _settings()
    try:
        question = check_question(question, settings.max_question_chars)
    except QuestionError as exc:
        _fail(str(exc), 2)
    assistant = _assistant(settings, _mode(mode), doc)
    try:
        _ask_once(assistant, question, AskOptions(k, doc, valid_only, as_json), [])
    except ModelServerError as exc:
        _fail(str(exc), 1)


@app.command()
def chat(
    k: SourcesOption = 5,
    doc: DocumentsOption = None,
    mode: ModeOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print each answer as JSON.")] = False,
    valid_only: ValidOnlyOption = False,
) -> None:
    """A multi-turn chat in the terminal (an empty line or /exit ends it; exit code 1 when a
    question failed)."""
    assistant = _assistant(_settings(), _mode(mode), doc)
    options = AskOptions(k, doc, valid_only, as_json)
    history: list[tuple[str, str]] = []
    failed = False
    say(f"lawqa chat ({assistant.model_name}); an empty line or /exit ends it.", error=True)
    while True:
        try:
            question = input("> " if sys.stdin.isatty() else "").strip()
        except EOFError:
            break
        if not question or question == "/exit":
            break
        try:
            answer = _ask_once(assistant, question, options, history)
        except (QuestionError, ModelServerError) as exc:
            say(f"error: {exc}", error=True)  # the chat goes on: the next question may work
            failed = True
            continue
        history.append((question, answer.answer))
    if failed:
        raise typer.Exit(1)


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
    mode: ModeOption = None,
    pipeline: Annotated[
        list[str] | None,
        typer.Option(help=f"{_one_of(PIPELINES)} (repeatable; default lawqa)."),
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
    from eval.harness import run_evaluation

    if bool(corpus) == bool(index_home):
        _fail("give either --corpus PATH... or --index HOME", 2)
    names = _pipeline_names(pipeline, mode)
    floors = _floors(fail_under or [])
    settings = _settings()
    if index_home is not None:
        settings = settings.model_copy(update={"home": index_home})
    run = _with_progress(
        lambda progress: run_evaluation(
            questions,
            settings,
            corpus=corpus or [],
            out=out_dir,
            k=k,
            mode=None if mode is None else Mode(mode),
            pipelines=names,
            limit=limit,
            progress=progress,
        )
    )
    _print_evaluation(run, floors)


def _pipeline_names(pipeline: list[str] | None, mode: str | None) -> list[str]:
    """The pipelines asked for (lawqa by default), once they and the mode are known."""
    names = pipeline or ["lawqa"]
    if any(n not in PIPELINES for n in names) or (mode is not None and mode not in tuple(Mode)):
        _fail(f"pipelines are {', '.join(PIPELINES)}; modes are {', '.join(Mode)}", 2)
    return names


def _floors(fail_under: list[str]) -> dict[str, float]:
    """--fail-under METRIC=FLOOR options as metric → floor."""
    floors: dict[str, float] = {}
    for item in fail_under:
        metric, _, value = item.partition("=")
        try:
            floors[metric] = float(value)
        except ValueError:
            _fail(f"--fail-under wants METRIC=NUMBER, not {item!r}", 2)
    return floors


def _with_progress(evaluate: Callable[[Progress], EvalRun]) -> EvalRun:
    """An evaluation run with a progress bar; a failure is one error line."""
    from eval.runner import QuestionFileError

    with progress_bar() as bar:
        task = bar.add_task("evaluating", total=None)

        def progress(what: str, done: int, total: int) -> None:
            bar.update(task, completed=done, total=total, description=what)

        try:
            return evaluate(progress)
        except ModelServerError as exc:
            _fail(str(exc), 1)
        except (QuestionFileError, OSError, VectorStoreError, EmbedderError, LLMError) as exc:
            _fail(str(exc), 2)


def _print_evaluation(run: EvalRun, floors: dict[str, float]) -> None:
    """The ingest errors, the metrics table and the floors not met (exit 1 when any)."""
    from eval.harness import failures

    for error in run.ingest.errors if run.ingest is not None else []:
        say(f"error: {error}", error=True)
    print_eval_table(f"lawqa eval → {run.out}", run.metrics)
    problems = failures(run.metrics, floors)
    for problem in problems:
        say(f"regression: {problem}", error=True)
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
    say(f"lawqa web chat: http://{host}:{port}")
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
    say(f"{count} feedback entries written to {export}")
