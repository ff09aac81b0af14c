"""Ingest benchmark: the whole pipeline beside the embedder alone, on the same texts.

    python -m bench.ingest PATH... [--home DIR] [--embed-sample N]

Ingests the PATHs (folders, or a few files as a subset of a corpus) into a fresh LAWQA_HOME and
prints documents, units, seconds, units/s and peak memory; then embeds a random sample of the very
texts the pipeline embedded, with the same embedder in the same process, and projects the
embedder-only time for all of them. The goal is a pipeline within 1.25x of the embedder-only time.
"""

from __future__ import annotations

import json
import random
import resource
import tempfile
import time
from pathlib import Path
from typing import Annotated

import typer

from ingest.chunking import chunk_document
from ingest.pipeline import ingest_paths
from rag.index import Index, embedding_inputs
from rag.settings import Settings

app = typer.Typer(add_completion=False)


@app.command(help=__doc__.splitlines()[0])
def main(
    paths: Annotated[list[Path], typer.Argument(help="Folders or files to ingest.")],
    home: Annotated[
        Path | None, typer.Option(help="LAWQA_HOME to fill (default: a fresh temporary folder).")
    ] = None,
    embed_sample: Annotated[
        int, typer.Option(help="Texts to time the embedder on (0: all).")
    ] = 3000,
) -> None:
    home = home or Path(tempfile.mkdtemp(prefix="lawqa-bench-"))
    settings = Settings(home=home)
    index = Index(settings)
    index.embedder.embed_documents(["warm up"])

    started = time.perf_counter()
    report = ingest_paths(paths, index)
    pipeline_seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    texts = _embedded_texts(index, settings.chunk_tokens)
    sample = (
        texts
        if embed_sample <= 0
        else random.Random(0).sample(texts, min(embed_sample, len(texts)))
    )
    started = time.perf_counter()
    index.embedder.embed_documents(sample)
    sample_seconds = time.perf_counter() - started
    per_second = len(sample) / sample_seconds
    embed_only = len(texts) / per_second

    result = {
        "embedder": index.embedder.name,
        "documents": report.documents,
        "units": report.units,
        "errors": len(report.errors),
        "texts_embedded": len(texts),
        "pipeline_seconds": round(pipeline_seconds, 1),
        "units_per_second": round(report.units / pipeline_seconds, 1),
        "peak_memory_mb": round(peak_mb),
        "embedder_texts_per_second": round(per_second, 1),
        "embedder_sample": len(sample),
        "embedder_only_seconds": round(embed_only, 1),
        "pipeline_over_embedder": round(pipeline_seconds / embed_only, 3),
        "home": str(home),
    }
    typer.echo(json.dumps(result, indent=2))


def _embedded_texts(index: Index, budget: int) -> list[str]:
    texts: list[str] = []
    for stored in index.documents():
        document = index.document(stored.doc_id)
        assert document is not None
        chunks = chunk_document(document, budget)
        texts.extend(text for _, text in embedding_inputs([(document, chunks)]))
    return texts


if __name__ == "__main__":
    app()
