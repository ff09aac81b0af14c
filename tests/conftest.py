"""Shared fixtures: every test runs with an isolated environment and data directory."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from ingest.pipeline import ingest_paths
from rag import index as index_module
from rag.embedders import Embedder, make_embedder
from rag.index import Index
from rag.settings import Settings
from tests.helpers import SAMPLE, free_port, wait_for_server
from tests.scripted_openai import ScriptedOpenAI

_SETTING_PREFIXES = ("LAWQA_", "OPENAI_", "CHROMA_")


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No setting leaks in from the developer's environment or .env; LAWQA_HOME is per test."""
    for name in list(os.environ):
        if name.startswith(_SETTING_PREFIXES):
            monkeypatch.delenv(name)
    workdir = tmp_path / "work"
    workdir.mkdir()
    monkeypatch.chdir(workdir)
    home = tmp_path / "home"
    monkeypatch.setenv("LAWQA_HOME", str(home))
    return home


class _RememberingEmbedder(Embedder):
    """The real model, asked once per distinct text in the session (tests embed the same
    sample many times)."""

    def __init__(self, model: Embedder) -> None:
        super().__init__()
        self.name, self.dim = model.name, model.dim
        self._model = model
        self._seen: dict[tuple[str, bool], np.ndarray] = {}

    def _embed(self, texts: list[str], query: bool) -> np.ndarray:
        missing = [t for t in dict.fromkeys(texts) if (t, query) not in self._seen]
        if missing:
            vectors = self._model._embed(missing, query)
            self._seen.update({(t, query): v for t, v in zip(missing, vectors, strict=True)})
        return np.vstack([self._seen[(t, query)] for t in texts])


@pytest.fixture(scope="session")
def embedder() -> Embedder:
    """The real default embedder, loaded once for the session."""
    return _RememberingEmbedder(make_embedder(Settings(home=Path("unused"))))


@pytest.fixture(scope="session")
def chroma_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, int]]:
    """A real `chroma run` server on 127.0.0.1, for the session."""
    chroma = shutil.which("chroma") or str(Path(sys.executable).with_name("chroma"))
    port = free_port()
    data = tmp_path_factory.mktemp("chroma-server")
    log = open(data / "server.log", "w", encoding="utf-8")  # noqa: SIM115 - closed below
    process = subprocess.Popen(
        [chroma, "run", "--path", str(data / "db"), "--host", "127.0.0.1", "--port", str(port)],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    wait_for_server(process, port, "chroma run", data / "server.log")
    yield "127.0.0.1", port
    process.terminate()
    process.wait(timeout=30)
    log.close()


@pytest.fixture(params=["embedded", "server"])
def store_settings(
    request: pytest.FixtureRequest, isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> Settings:
    """Settings for each store the index must behave the same on: embedded Chroma and a server."""
    if request.param == "server":
        host, port = request.getfixturevalue("chroma_server")
        monkeypatch.setenv("CHROMA_HOST", host)
        monkeypatch.setenv("CHROMA_PORT", str(port))
        # The server lives for the session: each test gets collections of its own.
        monkeypatch.setenv("LAWQA_COLLECTION", f"t{abs(hash(str(isolated))) % 10**10}")
    return Settings()


@pytest.fixture
def scripted(monkeypatch: pytest.MonkeyPatch) -> Iterator[ScriptedOpenAI]:
    """A scripted OpenAI-compatible server on loopback, configured as the chat model."""
    server = ScriptedOpenAI()
    monkeypatch.setenv("OPENAI_BASE_URL", server.base_url)
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-scripted")
    monkeypatch.setenv("LAWQA_LLM", "scripted-model")
    yield server
    server.close()


@pytest.fixture
def webchat_home(
    isolated: Path, embedder: Embedder, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    """LAWQA_HOME with the sample ingested, for the web chat (which loads the shared embedder)."""
    import streamlit as st

    monkeypatch.setattr(index_module, "make_embedder", lambda settings: embedder)
    index = Index(Settings(), embedder=embedder)
    ingest_paths([SAMPLE], index)
    index.close()
    st.cache_resource.clear()
    yield isolated
    st.cache_resource.clear()
