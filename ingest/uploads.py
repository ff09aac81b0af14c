"""Files uploaded through the web page: checked, given a safe name, saved under LAWQA_HOME."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from pathlib import Path

from ingest.readers import IngestError, check_size, reader_for

_UNSAFE = re.compile(r"[^\w.\- ()（）\u4e00-\u9fff]+")


def safe_name(name: str) -> str:
    """A file name with no folders, no traversal, no control or shell characters."""
    name = unicodedata.normalize("NFC", name).replace("\\", "/").split("/")[-1]
    name = _UNSAFE.sub("_", name).strip(" .")
    stem, dot, suffix = name.rpartition(".")
    if not dot:
        stem, suffix = name, ""
    stem = stem[:100] or "upload"
    return f"{stem}.{suffix.lower()}" if suffix else stem


def save_upload(home: Path, name: str, data: bytes, max_bytes: int) -> Path:
    """Check an upload and save it under `home`/uploads; the same content reuses its file."""
    clean = safe_name(name)
    reader_for(clean)
    check_size(clean, len(data), max_bytes)
    folder = (home / "uploads").resolve()
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / clean
    if target.exists() and target.read_bytes() != data:
        digest = hashlib.sha256(data).hexdigest()[:8]
        target = folder / f"{target.stem}-{digest}{target.suffix}"
    if target.resolve().parent != folder:
        raise IngestError(clean, "unsafe file name")
    target.write_bytes(data)
    return target
