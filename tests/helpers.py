"""Paths and small helpers the tests share."""

from __future__ import annotations

import os
import socket
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "ingest" / "sample" / "000_ba436c76d0bd3a95.txt"
SHARED = ROOT.parent / "shared" / "data"
# Read when the tests are collected: the `isolated` fixture then clears every LAWQA_ variable.
ALLOW_MISSING_SHARED = os.environ.get("LAWQA_ALLOW_MISSING_SHARED") == "1"


def shared(relative: str) -> Path:
    """A file of the shared real data. Where it is missing the test fails, so `make test` never
    passes having run less than all; LAWQA_ALLOW_MISSING_SHARED=1 makes such tests skip."""
    path = SHARED / relative
    if not path.exists():
        if ALLOW_MISSING_SHARED:
            pytest.skip(f"shared data not present: {path}")
        pytest.fail(
            f"shared data not present: {path} (set LAWQA_ALLOW_MISSING_SHARED=1 to skip the "
            "tests that need it)"
        )
    return path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for_server(process: subprocess.Popen[bytes], port: int, name: str, log: Path) -> None:
    """Wait (60 s at most) until a server process listens on 127.0.0.1:port; if it exits or
    never listens, kill it and fail with its log."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            if process.poll() is not None:
                break
            time.sleep(0.2)
    process.kill()
    raise RuntimeError(f"{name} did not start: {log.read_text(encoding='utf-8')}")


def start_app() -> Any:
    """The web chat under Streamlit's AppTest, run once."""
    from streamlit.testing.v1 import AppTest

    app = AppTest.from_file(str(ROOT / "ui" / "app.py"), default_timeout=180)
    app.run()
    assert not app.exception
    return app


def ask_app(app: Any, question: str) -> Any:
    """Type a question into the web chat and run it."""
    app.chat_input(key="question").set_value(question).run()
    assert not app.exception
    return app
