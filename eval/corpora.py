"""The development corpora, each ingested into its own index.

    python -m eval.corpora ROOT [--shared ../shared/data]

`eval/datasets/corpora.json` names each corpus's files, relative to the shared data folder (a
file with its translation as `{"path", "translation"}`; `SAMPLE` is the bundled sample). Each
corpus is ingested into ROOT/<corpus> (an unchanged corpus is skipped in seconds), so that
`make calibrate` and `make eval-dev` ask every development set of its own index.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer

from ingest.pipeline import ingest_paths
from rag.index import Index
from rag.settings import Settings

LISTING = Path(__file__).with_name("datasets") / "corpora.json"
SAMPLE = Path(__file__).resolve().parents[1] / "ingest" / "sample"

app = typer.Typer(add_completion=False)


def corpora() -> dict[str, list[Any]]:
    return dict(json.loads(LISTING.read_text("utf-8")))


def _path(entry: str, shared: Path) -> Path:
    return SAMPLE if entry == "SAMPLE" else shared / entry


@app.command()
def main(
    root: Annotated[Path, typer.Argument(help="Folder of the indexes (one per corpus).")],
    shared: Annotated[Path, typer.Option(help="The shared data folder.")] = Path("../shared/data"),
) -> None:
    failed = False
    for name, entries in corpora().items():
        index = Index(Settings(home=root / name))
        plain = [_path(e, shared) for e in entries if isinstance(e, str)]
        reports = [ingest_paths(plain, index)] if plain else []
        for entry in entries:
            if isinstance(entry, dict):
                reports.append(
                    ingest_paths(
                        [_path(entry["path"], shared)],
                        index,
                        translation=_path(entry["translation"], shared),
                    )
                )
        index.close()
        errors = [e for r in reports for e in r.errors]
        failed |= bool(errors)
        for error in errors:
            typer.echo(f"error: {error}", err=True)
        typer.echo(f"{name}: {root / name}")
    if failed:
        raise typer.Exit(1)


if __name__ == "__main__":
    app()
