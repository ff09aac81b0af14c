"""How well questions are read for the kind of answer they need, and sentences for the details
they state (`rag.kinds`).

    python -m eval.kinds FILE... [--errors]

A file holds questions, `{"id", "question", "kind"}` (`kind` one of `rag.kinds.Kind`'s values),
sentences, `{"id", "kind", "lang", "text", "gives"}` (`gives`: whether the sentence states a
detail of that kind), or questions each with a sentence, `{"id", "question", "lang", "text",
"gives"}` (whether the sentence states what the question asks, in the units it asks in: a speed
for "how fast", not three years). Reported per file: the share read right, and the errors by
what they cost. For questions: a specific kind read as open (a near miss can be answered with
a detail of no kind), open read as a specific kind (an answerable question can be answered "not
stated"), one specific kind read as another. For sentences: a detail missed (an answer becomes
"not stated"), a detail seen where there is none (a near miss is answered).
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Annotated, Any, cast

import typer

from rag.kinds import Asked, Kind, question_kind
from rag.types import LANGS, Lang

app = typer.Typer(add_completion=False)

# id, the question or sentence, what it is labelled, how it is read
Row = tuple[str, str, str, str]


def items(path: Path) -> list[tuple[int, dict[str, Any]]]:
    """The JSON objects of a file with their line numbers; a ValueError naming the file and line
    of one that cannot be read."""
    try:
        lines = path.read_text("utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise ValueError(f"{path}: {error}") from error
    found = []
    for n, line in enumerate(lines, 1):
        if line.strip():
            try:
                item = json.loads(line)
            except json.JSONDecodeError as error:
                raise ValueError(f"{path} line {n}: {error}") from error
            if not isinstance(item, dict):
                raise ValueError(f"{path} line {n}: not a JSON object")
            found.append((n, item))
    return found


def read(path: Path) -> list[Row]:
    """Each question or sentence (or question with a sentence) of a file, labelled and as
    read."""
    rows = []
    for n, item in items(path):
        try:
            if "text" not in item:
                question = _text(item, "question")
                rows.append(
                    (
                        _text(item, "id"),
                        question,
                        Kind(item["kind"]).value,
                        question_kind(question).value,
                    )
                )
            else:
                text, lang = _text(item, "text"), item["lang"]
                if lang not in LANGS or not isinstance(item["gives"], bool):
                    raise ValueError("lang must be zh or en, gives true or false")
                asked = (
                    Asked.of(_text(item, "question"))
                    if "question" in item
                    else Asked(Kind(item["kind"]))
                )
                gives = asked.given_by(text, cast(Lang, lang))
                rows.append((_text(item, "id"), text, str(item["gives"]), str(gives)))
        except KeyError as error:
            raise ValueError(f"{path} line {n}: no {error}") from error
        except ValueError as error:
            raise ValueError(f"{path} line {n}: {error}") from error
    return rows


def _text(item: dict[str, Any], key: str) -> str:
    value = item[key]
    if not isinstance(value, str):
        raise ValueError(f"{key} must be text")
    return value


def summary(rows: list[Row]) -> str:
    wrong = [(labelled, read_as) for _, _, labelled, read_as in rows if labelled != read_as]
    right = len(rows) - len(wrong)
    head = f"{right}/{len(rows)} read right ({right / len(rows):.3f})"
    if rows[0][2] in ("True", "False"):
        missed = sum(1 for labelled, _ in wrong if labelled == "True")
        return f"{head}; {missed} details missed, {len(wrong) - missed} seen where there is none"
    costs = Counter(
        "specific read as open"
        if read_as == Kind.OPEN
        else "open read as specific"
        if labelled == Kind.OPEN
        else "specific read as another"
        for labelled, read_as in wrong
    )
    names = ("specific read as open", "open read as specific", "specific read as another")
    return f"{head}; " + ", ".join(f"{costs[name]} {name}" for name in names)


@app.command()
def main(
    files: Annotated[list[Path], typer.Argument(help="Labelled question or sentence files.")],
    errors: Annotated[bool, typer.Option(help="List each one read wrong.")] = False,
) -> None:
    failed = False
    for path in files:
        try:
            rows = read(path)
        except ValueError as error:
            typer.echo(f"error: {error}", err=True)
            failed = True
            continue
        typer.echo(f"{path}: {summary(rows) if rows else 'nothing to read'}")
        if errors:
            for id_, text, labelled, read_as in rows:
                if labelled != read_as:
                    typer.echo(f"  {id_}  {labelled} read as {read_as}: {text}")
    if failed:
        raise typer.Exit(1)


if __name__ == "__main__":
    app()
