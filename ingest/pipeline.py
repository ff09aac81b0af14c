"""Ingest files into the index: read, parse, align, chunk, embed, commit, one file at a time.

A bad file gets one line naming it and the cause; the other files go on; nothing of the bad file
reaches the index. Unchanged files (same content) are skipped; a changed file replaces all the
documents it produced before, in one transaction.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ingest.chunking import chunk_document
from ingest.parse import ParsedDocument, parse_pair, parse_text
from ingest.readers import SUPPORTED, IngestError, SourceText, read_source
from rag.index import Index
from rag.types import Document, content_hash


@dataclass
class FileResult:
    path: str
    status: str  # added | replaced | unchanged | error
    doc_ids: list[str] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)
    units: int = 0
    pairs: int = 0
    warnings: list[str] = field(default_factory=list)
    error: str = ""
    seconds: float = 0.0

    @property
    def monolingual(self) -> int:
        return self.units - self.pairs


@dataclass
class IngestReport:
    files: list[FileResult]
    seconds: float

    @property
    def documents(self) -> int:
        return sum(len(f.doc_ids) for f in self.files if f.status != "error")

    @property
    def units(self) -> int:
        return sum(f.units for f in self.files)

    @property
    def pairs(self) -> int:
        return sum(f.pairs for f in self.files)

    @property
    def monolingual(self) -> int:
        return sum(f.monolingual for f in self.files)

    @property
    def warnings(self) -> list[str]:
        return [f"{f.path}: {w}" for f in self.files for w in f.warnings]

    @property
    def errors(self) -> list[str]:
        return [f.error for f in self.files if f.status == "error"]

    def to_json(self) -> dict[str, object]:
        return {
            "documents": self.documents,
            "units": self.units,
            "bilingual_pairs": self.pairs,
            "monolingual_units": self.monolingual,
            "warnings": self.warnings,
            "errors": self.errors,
            "seconds": round(self.seconds, 3),
            "files": [
                {
                    "path": f.path,
                    "status": f.status,
                    "doc_ids": f.doc_ids,
                    "titles": f.titles,
                    "units": f.units,
                    "bilingual_pairs": f.pairs,
                    "monolingual_units": f.monolingual,
                    "warnings": f.warnings,
                    "error": f.error or None,
                    "seconds": round(f.seconds, 3),
                }
                for f in self.files
            ],
        }


Progress = Callable[[str, int, int], None]  # (path, files done, files total)


def collect_files(paths: Iterable[Path]) -> tuple[list[Path], list[FileResult]]:
    """Files to ingest: named files as given, folders walked (hidden entries and files of other
    types inside folders are passed over); a path that does not exist is an error."""
    files: list[Path] = []
    errors: list[FileResult] = []
    for path in paths:
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                parts = child.relative_to(path).parts
                if (
                    child.is_file()
                    and not any(p.startswith(".") for p in parts)
                    and (child.suffix.lower() in SUPPORTED)
                ):
                    files.append(child)
        elif path.exists() or path.is_symlink():
            files.append(path)
        else:
            errors.append(FileResult(str(path), "error", error=f"{path}: no such file or folder"))
    return files, errors


def build_documents(source: SourceText, translation: SourceText | None = None) -> list[Document]:
    """Parse a source (and its translation file) into documents with content-derived ids."""
    if translation is None:
        parsed = parse_text(source.text, wrapped=source.wrapped)
        digest = source.content_hash
    else:
        parsed = parse_pair(
            source.text,
            translation.text,
            wrapped=source.wrapped,
            translation_wrapped=translation.wrapped,
        )
        digest = content_hash(source.content_hash, translation.content_hash)
    return [_document(p, i, digest, source, translation) for i, p in enumerate(parsed)]


def _document(
    parsed: ParsedDocument,
    index: int,
    digest: str,
    source: SourceText,
    translation: SourceText | None,
) -> Document:
    return Document(
        doc_id=content_hash(digest, str(index))[:12],
        meta=parsed.meta,
        units=tuple(parsed.units),
        source_path=str(source.path.resolve()),
        content_hash=digest,
        translation_path=str(translation.path.resolve()) if translation else "",
        file_type=source.file_type,
        encoding=source.encoding
        if translation is None
        else f"{source.encoding}+{translation.encoding}",
        layout=parsed.layout,
        warnings=tuple(parsed.warnings),
    )


def ingest_paths(
    paths: Iterable[Path],
    index: Index,
    translation: Path | None = None,
    progress: Progress | None = None,
) -> IngestReport:
    started = time.perf_counter()
    files, results = collect_files(paths)
    index.collect_garbage()
    max_bytes = index.settings.max_file_bytes
    translated: SourceText | None = None
    if translation is not None:
        try:
            translated = read_source(translation, max_bytes)
        except IngestError as exc:
            results.append(FileResult(str(translation), "error", error=str(exc)))
            files = []
    for done, path in enumerate(files):
        if progress:
            progress(str(path), done, len(files))
        results.append(ingest_file(path, index, translated))
    if progress:
        progress("", len(files), len(files))
    index.refresh_keywords()
    return IngestReport(results, time.perf_counter() - started)


def ingest_file(path: Path, index: Index, translation: SourceText | None = None) -> FileResult:
    started = time.perf_counter()
    result = FileResult(str(path), "error")
    try:
        source = read_source(path, index.settings.max_file_bytes)
        documents = build_documents(source, translation)
        if not any(d.units for d in documents):
            raise IngestError(path, "no text found")
        result.doc_ids = [d.doc_id for d in documents]
        result.titles = [d.title for d in documents]
        result.units = sum(len(d.units) for d in documents)
        result.pairs = sum(1 for d in documents for u in d.units if u.bilingual)
        result.warnings = list(dict.fromkeys(w for d in documents for w in d.warnings))
        known = index.manifest.doc_ids()
        previous = [d.doc_id for d in index.manifest.docs_from_source(documents[0].source_path)]
        if all(d.doc_id in known for d in documents) and set(previous) <= set(result.doc_ids):
            result.status = "unchanged"
        else:
            budget = index.settings.chunk_tokens
            new = [(d, chunk_document(d, budget)) for d in documents if d.doc_id not in known]
            index.add_documents(new, replaces=[p for p in previous if p not in result.doc_ids])
            result.status = "replaced" if set(previous) - set(result.doc_ids) else "added"
    except IngestError as exc:
        result.error = str(exc)
        result.status = "error"
    except Exception as exc:  # an unexpected failure in one file must not stop the others
        result.error = f"{path}: unexpected {type(exc).__name__}: {exc}"
        result.status = "error"
    result.seconds = time.perf_counter() - started
    if result.status == "error":
        result.doc_ids, result.titles, result.units, result.pairs = [], [], 0, 0
    return result
