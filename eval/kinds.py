"""How well questions are read for the kind of answer they need (`rag.kinds`).

    python -m eval.kinds FILE... [--errors]

Each line of a file is `{"id", "question", "kind"}`, `kind` one of `rag.kinds.Kind`'s values.
Reported per file: the share read right, and the errors by what they cost: a specific kind read
as open (a near miss can be answered with a detail of no kind), open read as a specific kind (an
answerable question can be answered "not stated"), one specific kind read as another.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Annotated

import typer

from rag.kinds import Kind, question_kind

app = typer.Typer(add_completion=False)


def read(path: Path) -> list[tuple[str, str, Kind, Kind]]:
    """(id, question, labelled kind, kind read) for each question of a file."""
    rows = []
    for n, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            rows.append(
                (item["id"], item["question"], Kind(item["kind"]), question_kind(item["question"]))
            )
        except (json.JSONDecodeError, KeyError, ValueError) as error:
            raise ValueError(f"{path} line {n}: {error}") from error
    return rows


def summary(rows: list[tuple[str, str, Kind, Kind]]) -> str:
    errors = Counter(
        "specific read as open"
        if read_as == Kind.OPEN
        else "open read as specific"
        if gold == Kind.OPEN
        else "specific read as another"
        for _, _, gold, read_as in rows
        if gold != read_as
    )
    right = len(rows) - sum(errors.values())
    costs = ", ".join(
        f"{errors[name]} {name}"
        for name in ("specific read as open", "open read as specific", "specific read as another")
    )
    return f"{right}/{len(rows)} read right ({right / len(rows):.3f}); {costs}"


@app.command()
def main(
    files: Annotated[list[Path], typer.Argument(help="Question files labelled with their kind.")],
    errors: Annotated[bool, typer.Option(help="List each question read wrong.")] = False,
) -> None:
    failed = False
    for path in files:
        try:
            rows = read(path)
        except (OSError, ValueError) as error:
            typer.echo(f"error: {error}", err=True)
            failed = True
            continue
        typer.echo(f"{path}: {summary(rows) if rows else 'no questions'}")
        if errors:
            for id_, question, gold, read_as in rows:
                if gold != read_as:
                    typer.echo(f"  {id_}  {gold.value} read as {read_as.value}: {question}")
    if failed:
        raise typer.Exit(1)


if __name__ == "__main__":
    app()
