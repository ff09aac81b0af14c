"""Terminal output for the `lawqa` commands: tables, answers with their sources, JSON."""

from __future__ import annotations

import json
import sys
from typing import Any

from rich.console import Console
from rich.measure import Measurement
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from ingest.pipeline import IngestReport
from ingest.status import FileStatus
from rag.types import Answer, Outcome
from ui.render import NOT_STATED_NOTES, SECTION_TITLES

out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)

EVAL_COLUMNS = {
    "recall@1": "R@1",
    "recall@5": "R@5",
    "recall@10": "R@10",
    "recall@100": "R@100",
    "mrr@10": "MRR@10",
    "citation_precision": "cite P",
    "citation_recall": "cite R",
    "refusal_recall": "refuse R",
    "false_refusal_rate": "false ref",
    "latency_ms_p95": "p95 ms",
}


def say(message: str, error: bool = False) -> None:
    """One plain line (no markup: file names and document text may hold brackets)."""
    (err if error else out).print(message, highlight=False, markup=False)


def print_table(table: Table) -> None:
    """A table whose names and numbers are never cut to "law…" or "0.9…": off a terminal (a log,
    a pipe, CI, where the width would be guessed as 80) it is printed as wide as it needs; on a
    terminal, a cell that does not fit wraps."""
    for column in table.columns:
        column.overflow = "fold"
    if out.is_terminal:
        out.print(table)
        return
    needed = Measurement.get(out, out.options.update_width(10_000), table).maximum
    Console(width=max(needed, out.width), soft_wrap=True).print(table)


def progress_bar(disable: bool = False) -> Progress:
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=disable or not err.is_terminal,
    )


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def print_ingest_report(report: IngestReport) -> None:
    if not report.errors or any(f.status != FileStatus.ERROR for f in report.files):
        _print_ingest_table(report)  # (when nothing was read, the reasons alone: no zeros)
    for warning in report.warnings:
        err.print(f"warning: {warning}", highlight=False, markup=False)
    for error in report.errors:
        err.print(f"error: {error}", highlight=False, markup=False)


def _print_ingest_table(report: IngestReport) -> None:
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
    print_table(table)
    for file in report.files:
        if file.status != FileStatus.ERROR:
            out.print(
                f"{file.status:>9}  {file.path}  ({', '.join(file.doc_ids)})",
                highlight=False,
                markup=False,
            )


def print_answer(answer: Answer, streamed: bool) -> None:
    if not streamed:
        out.print(answer.answer, highlight=False, markup=False)
    for note in answer.notes:
        err.print(f"note: {note}", highlight=False, markup=False)
    if streamed and answer.notes:
        out.print(answer.answer, highlight=False, markup=False)
    out.print()
    if answer.outcome == Outcome.NOT_STATED:
        out.print(NOT_STATED_NOTES[answer.language], highlight=False, markup=False)
    closest = answer.outcome == Outcome.NOT_ADDRESSED
    shown = answer.citations if not closest else ()
    out.print(f"[bold]{SECTION_TITLES[answer.outcome]}[/]")
    if closest:
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


def print_eval_table(title: str, metrics: dict[str, dict[str, Any]]) -> None:
    from eval.report import cell

    table = Table(title=title)
    table.add_column("pipeline")
    for header in EVAL_COLUMNS.values():
        table.add_column(header, justify="right")
    for name, values in metrics.items():
        table.add_row(name, *(cell(values.get(metric)) for metric in EVAL_COLUMNS))
    print_table(table)


def print_parse(results: list[dict[str, Any]], name: str) -> None:
    for result in results:
        meta = result["document"]
        say(
            f"{meta['title_zh'] or meta['title_en'] or name}  "
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
        print_table(table)
        for warning in result["warnings"]:
            say(f"warning: {warning}", error=True)


def print_documents(rows: list[dict[str, Any]]) -> None:
    if not rows:
        say("The index is empty: add documents with `lawqa ingest PATH`.")
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
    print_table(table)
