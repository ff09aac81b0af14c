"""Ingest files into the index: read, parse, align, chunk, embed, commit, one file at a time.

A bad file gets one line naming it and the cause; the other files go on; nothing of the bad file
reaches the index. Unchanged files (same content) are skipped; a changed file replaces all the
documents it produced before, in one transaction. Folders are walked following symlinks; what
the walk passes over for a reason (a symlink loop, a broken link, an unreadable folder) gets a
warning, and a folder with no supported file an error.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ingest.chunking import chunk_document
from ingest.parse import ParsedDocument, parse_pair, parse_text
from ingest.readers import SUPPORTED, SUPPORTED_LIST, IngestError, SourceText, read_source
from ingest.status import FileStatus
from rag.index import Index
from rag.types import Document, content_hash


@dataclass
class FileResult:
    path: str
    status: FileStatus
    doc_ids: list[str] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)
    units: int = 0
    pairs: int = 0
    warnings: list[str] = field(default_factory=list)
    failure: IngestError | None = None  # why the file was not ingested (status error)
    seconds: float = 0.0

    @property
    def monolingual(self) -> int:
        return self.units - self.pairs

    @property
    def error(self) -> str:
        """The one line naming the file and the cause, or "" when it was ingested."""
        return str(self.failure) if self.failure is not None else ""


@dataclass
class IngestReport:
    files: list[FileResult]
    seconds: float
    skipped: list[str] = field(default_factory=list)  # passed over while walking folders, why

    @property
    def documents(self) -> int:
        return sum(len(f.doc_ids) for f in self.files if f.status != FileStatus.ERROR)

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
        return [*self.skipped, *(f"{f.path}: {w}" for f in self.files for w in f.warnings)]

    @property
    def errors(self) -> list[str]:
        return [f.error for f in self.files if f.status == FileStatus.ERROR]

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


@dataclass
class Collected:
    files: list[Path]
    errors: list[FileResult]
    skipped: list[str]  # one line each, naming what was passed over and why


def collect_files(paths: Iterable[Path]) -> Collected:
    """Files to ingest: named files as given, folders walked (hidden entries and files of other
    types inside folders are passed over); a path that does not exist is an error, and so is a
    folder without a supported file when nothing else is to be ingested (else a warning)."""
    collected = Collected([], [], [])
    empty: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = _walk(path, collected.skipped)
            collected.files.extend(found)
            if not found:
                empty.append(path)
        elif path.exists() or path.is_symlink():
            collected.files.append(path)
        else:
            failure = IngestError(path, "no such file or folder")
            collected.errors.append(FileResult(str(path), FileStatus.ERROR, failure=failure))
    for folder in empty:
        failure = IngestError(
            folder, f"no supported file in this folder (supported: {SUPPORTED_LIST})"
        )
        if collected.files:
            collected.skipped.append(str(failure))
        else:
            collected.errors.append(FileResult(str(folder), FileStatus.ERROR, failure=failure))
    return collected


def _walk(folder: Path, skipped: list[str]) -> list[Path]:
    """The supported files under `folder`, following symlinks; a link back to a folder above it
    (or to itself) would never end, so it is passed over with a line in `skipped`."""
    found: list[Path] = []

    def visit(directory: Path, above: frozenset[Path]) -> None:
        try:
            children = sorted(directory.iterdir())
        except OSError as exc:
            skipped.append(f"{directory}: folder not read ({exc.strerror or exc})")
            return
        for child in children:
            if child.name.startswith("."):
                continue
            if child.is_symlink():
                try:
                    target = child.resolve(strict=True)
                except FileNotFoundError:
                    if child.suffix.lower() in SUPPORTED:
                        skipped.append(f"{child}: skipped, a broken symlink")
                    continue
                except (OSError, RuntimeError):  # Python 3.11 raises RuntimeError for a loop
                    skipped.append(f"{child}: skipped, a symlink loop")
                    continue
                if target in above:
                    skipped.append(f"{child}: skipped, a symlink loop (back to {target})")
                    continue
            if child.is_dir():
                visit(child, above | {child.resolve()})
            elif child.is_file() and child.suffix.lower() in SUPPORTED:
                found.append(child)

    visit(folder, frozenset({folder.resolve()}))
    return sorted(found)


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
        warnings=(*source_warnings(source, translation), *parsed.warnings),
    )


def source_warnings(source: SourceText, translation: SourceText | None = None) -> list[str]:
    """What reading the files changed (stray NUL bytes removed); a translation's, by its name."""
    other = [f"{translation.path.name}: {w}" for w in translation.warnings] if translation else []
    return [*source.warnings, *other]


def ingest_paths(
    paths: Iterable[Path],
    index: Index,
    translation: Path | None = None,
    progress: Progress | None = None,
) -> IngestReport:
    started = time.perf_counter()
    collected = collect_files(paths)
    files, results = collected.files, collected.errors
    index.collect_garbage()
    max_bytes = index.settings.max_file_bytes
    translated: SourceText | None = None
    if translation is not None:
        try:
            translated = read_source(translation, max_bytes)
        except IngestError as exc:
            results.append(FileResult(str(translation), FileStatus.ERROR, failure=exc))
            files = []
    for done, path in enumerate(files):
        if progress:
            progress(str(path), done, len(files))
        results.append(ingest_file(path, index, translated))
    if progress:
        progress("", len(files), len(files))
    index.refresh_keywords()
    return IngestReport(results, time.perf_counter() - started, collected.skipped)


def ingest_file(path: Path, index: Index, translation: SourceText | None = None) -> FileResult:
    """Ingest one file (with the other-language file of the same law, if given); a file that
    cannot be ingested is a result with status error, never an exception."""
    started = time.perf_counter()
    try:
        result = _ingest(path, index, translation)
    except IngestError as exc:
        result = FileResult(str(path), FileStatus.ERROR, failure=exc)
    except Exception as exc:  # an unexpected failure in one file must not stop the others
        failure = IngestError(path, f"unexpected {type(exc).__name__}: {exc}")
        result = FileResult(str(path), FileStatus.ERROR, failure=failure)
    result.seconds = time.perf_counter() - started
    return result


def _ingest(path: Path, index: Index, translation: SourceText | None) -> FileResult:
    documents = _read_documents(path, index.settings.max_file_bytes, translation)
    ids = [d.doc_id for d in documents]
    known = index.doc_ids()
    previous = [d.doc_id for d in index.documents_from_source(documents[0].source_path)]
    if all(doc_id in known for doc_id in ids) and set(previous) <= set(ids):
        return _result(path, FileStatus.UNCHANGED, documents)
    new = [d for d in documents if d.doc_id not in known]
    _write(index, new, replaces=[p for p in previous if p not in ids])
    return _result(
        path, FileStatus.REPLACED if set(previous) - set(ids) else FileStatus.ADDED, documents
    )


def _read_documents(path: Path, max_bytes: int, translation: SourceText | None) -> list[Document]:
    """Read and parse the file into documents, or raise IngestError."""
    documents = build_documents(read_source(path, max_bytes), translation)
    if not any(d.units for d in documents):
        raise IngestError(path, "no text found")
    return documents


def _result(path: Path, status: FileStatus, documents: list[Document]) -> FileResult:
    return FileResult(
        str(path),
        status,
        doc_ids=[d.doc_id for d in documents],
        titles=[d.title for d in documents],
        units=sum(len(d.units) for d in documents),
        pairs=sum(1 for d in documents for u in d.units if u.bilingual),
        warnings=list(dict.fromkeys(w for d in documents for w in d.warnings)),
    )


def _write(index: Index, documents: list[Document], replaces: list[str]) -> None:
    """Chunk the new documents and commit them, dropping the versions they replace."""
    budget = index.settings.chunk_tokens
    index.add_documents([(d, chunk_document(d, budget)) for d in documents], replaces=replaces)
