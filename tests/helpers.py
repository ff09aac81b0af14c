"""Paths and small helpers the tests share."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "ingest" / "sample" / "000_ba436c76d0bd3a95.txt"
SHARED = ROOT.parent / "shared" / "data"


def shared(relative: str) -> Path:
    """A file of the shared real data; tests that need it skip where it is not present."""
    path = SHARED / relative
    if not path.exists():
        pytest.skip(f"shared data not present: {path}")
    return path
