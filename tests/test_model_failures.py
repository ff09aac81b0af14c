"""A model server that is down, silent, stalls mid-answer or replies with an error: one line naming
the server and the cause, exit 1, never a traceback or the key, and never a long wait. Real local
servers: a refused port, a socket that accepts and never answers, the scripted OpenAI server."""

import contextlib
import json
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator

import pytest
from typer.testing import CliRunner

from rag import index as index_module
from rag.assistant import Assistant
from rag.embedders import Embedder
from rag.index import Index
from rag.model_failures import (
    CONNECT_TIMEOUT_S,
    ModelServerError,
    describe_failure,
    display_address,
)
from rag.settings import Settings
from tests.helpers import ROOT, SAMPLE, free_port
from tests.scripted_openai import ScriptedOpenAI
from ui.cli import app

runner = CliRunner()
QUESTION = "What does the opinion say about punitive compensation for intellectual property?"
KEY = "sk-test-secret-key-never-shown"
MALFORMED = "malformed reply (not an OpenAI-compatible chat completion)"


# ------------------------------------------------------------------ the pure parts


def test_address_never_shows_credentials() -> None:
    assert display_address("https://user:sk-x@example.com:8443/v1/?key=sk-y") == (
        "https://example.com:8443/v1"
    )
    assert display_address("http://127.0.0.1:8080/v1/") == "http://127.0.0.1:8080/v1"


def test_our_own_bugs_are_not_blamed_on_the_server() -> None:
    assert describe_failure(RuntimeError("a bug"), 60, streamed=False) is None


# ------------------------------------------------------------------ through the CLI


class FullServer:
    """Listens on 127.0.0.1 with a full backlog: a new connection is never completed, as with
    a host that drops packets."""

    def __init__(self) -> None:
        self._socket = socket.socket()
        self._socket.bind(("127.0.0.1", 0))
        self._socket.listen(0)
        port = self._socket.getsockname()[1]
        self.base_url = f"http://127.0.0.1:{port}/v1"
        self._fillers = []
        for _ in range(3):  # Linux completes one (or two) then drops the SYNs of the others
            filler = socket.socket()
            filler.setblocking(False)
            filler.connect_ex(("127.0.0.1", port))
            self._fillers.append(filler)
        time.sleep(0.2)

    def close(self) -> None:
        for filler in self._fillers:
            filler.close()
        self._socket.close()


class SilentServer:
    """Accepts connections on 127.0.0.1 and never answers."""

    def __init__(self) -> None:
        self._socket = socket.socket()
        self._socket.bind(("127.0.0.1", 0))
        self._socket.listen(16)
        self._socket.settimeout(0.2)
        self._held: list[socket.socket] = []
        self._stop = threading.Event()
        self.accepted = 0
        self.base_url = f"http://127.0.0.1:{self._socket.getsockname()[1]}/v1"
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                connection, _ = self._socket.accept()
            except TimeoutError:
                continue
            self._held.append(connection)
            self.accepted += 1

    def requests(self) -> int:
        """Connections that sent something (a request, not a bare connect)."""
        sent = 0
        for connection in self._held:
            connection.setblocking(False)
            with contextlib.suppress(BlockingIOError):
                sent += bool(connection.recv(1, socket.MSG_PEEK))
        return sent

    def close(self) -> None:
        self._stop.set()
        self._thread.join()
        for connection in self._held:
            connection.close()
        self._socket.close()


@pytest.fixture
def cli_home(embedder: Embedder, monkeypatch: pytest.MonkeyPatch) -> None:
    """The sample ingested; the model is asked for under --mode llm."""
    monkeypatch.setattr(index_module, "make_embedder", lambda settings: embedder)
    assert runner.invoke(app, ["ingest", str(SAMPLE)]).exit_code == 0
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    monkeypatch.setenv("LAWQA_LLM", "scripted-model")


@pytest.fixture
def scripted(cli_home: None, monkeypatch: pytest.MonkeyPatch) -> Iterator[ScriptedOpenAI]:
    server = ScriptedOpenAI()
    monkeypatch.setenv("OPENAI_BASE_URL", server.base_url)
    yield server
    server.close()


def _ask(*options: str) -> tuple[int, str, str, float]:
    started = time.monotonic()
    result = runner.invoke(app, ["ask", QUESTION, "--mode", "llm", *options])
    elapsed = time.monotonic() - started
    assert KEY not in result.output
    assert "Traceback" not in result.output
    return result.exit_code, result.stdout, result.stderr, elapsed


@pytest.mark.integration
def test_server_down_fails_within_the_connect_timeout(monkeypatch: pytest.MonkeyPatch) -> None:
    """The real command, started as a user starts it: it ends before loading the index."""
    url = f"http://127.0.0.1:{free_port()}/v1"
    monkeypatch.setenv("OPENAI_BASE_URL", url)
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    monkeypatch.setenv("PYTHONPATH", str(ROOT))
    command = [sys.executable, "-c", "from ui.cli import app; app()", "ask", QUESTION]
    started = time.monotonic()
    result = subprocess.run(
        [*command, "--mode", "llm"], capture_output=True, text=True, timeout=60, check=False
    )
    assert time.monotonic() - started < CONNECT_TIMEOUT_S
    assert (result.returncode, result.stdout, result.stderr) == (
        1,
        "",
        f"error: model server {url}: connection refused\n",
    )


@pytest.mark.integration
def test_server_that_never_completes_a_connection(
    cli_home: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    server = FullServer()
    try:
        monkeypatch.setenv("OPENAI_BASE_URL", server.base_url)
        code, stdout, stderr, elapsed = _ask()
        # The web chat has no early probe: the client's own connect timeout, same message.
        settings = Settings()
        assistant = Assistant(Index(settings), settings, "llm")
        with pytest.raises(ModelServerError) as caught:
            assistant.ask(QUESTION)
    finally:
        server.close()
    cause = f"no connection within {CONNECT_TIMEOUT_S:g} s"
    assert (code, stdout) == (1, "")
    assert stderr == f"error: model server {server.base_url}: {cause}\n"
    assert CONNECT_TIMEOUT_S <= elapsed < CONNECT_TIMEOUT_S + 3
    assert str(caught.value) == f"model server {server.base_url}: {cause}"
    assert [s.unit.label for s in caught.value.sources][:1] == ["11"]


@pytest.mark.integration
def test_silent_server_times_out(cli_home: None, monkeypatch: pytest.MonkeyPatch) -> None:
    server = SilentServer()
    try:
        monkeypatch.setenv("OPENAI_BASE_URL", server.base_url)
        monkeypatch.setenv("LAWQA_LLM_TIMEOUT", "1")
        code, stdout, stderr, elapsed = _ask()
        requests = server.requests()
    finally:
        server.close()
    assert (code, stdout) == (1, "")
    assert stderr == (
        f"error: model server {server.base_url}: no reply within 1 s (LAWQA_LLM_TIMEOUT)\n"
    )
    assert requests == 1  # a silent server is not asked twice
    assert elapsed < 1 + CONNECT_TIMEOUT_S


@pytest.mark.integration
def test_stream_that_stalls_between_tokens_times_out(
    scripted: ScriptedOpenAI, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LAWQA_LLM_TIMEOUT", "1")
    scripted.replies = ["Punitive compensation applies to infringement [1]."]
    scripted.stall_after = 2
    code, stdout, stderr, _ = _ask()
    assert (code, stdout) == (1, "Punitive compe\n")  # two pieces came, then the line ends
    assert stderr == (
        f"error: model server {scripted.base_url}: the reply stopped for 1 s (LAWQA_LLM_TIMEOUT)\n"
    )


def _error_body() -> bytes:
    return json.dumps({"error": {"message": f"Incorrect API key provided: {KEY}"}}).encode()


@pytest.mark.integration
@pytest.mark.parametrize(
    ("status", "content_type", "body", "cause", "requests"),
    [
        (401, "application/json", None, "401 Unauthorized: the API key was refused "
         "(OPENAI_API_KEY)", 1),
        (404, "application/json", None, "404 Not Found: no such model (LAWQA_LLM), or no chat "
         "API at this address (OPENAI_BASE_URL)", 1),
        (429, "application/json", None, "429 Too Many Requests: rate limit or quota exceeded "
         "(after one retry)", 2),
        (500, "application/json", None, "500 Internal Server Error: the server failed "
         "(after one retry)", 2),
        (503, "text/html", b"<h1>down</h1>", "503 Service Unavailable: the server failed "
         "(after one retry)", 2),
        (200, "text/html", b"<html>a login page</html>", MALFORMED, 1),
        (200, "text/event-stream", b"data: {not json\n\n", MALFORMED, 1),
    ],
    ids=["401", "404-model", "429", "500", "503", "200-html", "200-bad-stream"],
)  # fmt: skip
def test_error_replies_are_one_line(
    scripted: ScriptedOpenAI,
    status: int,
    content_type: str,
    body: bytes | None,
    cause: str,
    requests: int,
) -> None:
    scripted.failures = [(status, content_type, body or _error_body())] * 2
    code, stdout, stderr, _ = _ask()
    assert (code, stdout, stderr) == (1, "", f"error: model server {scripted.base_url}: {cause}\n")
    assert len(scripted.requests) == requests


@pytest.mark.integration
def test_one_retry_recovers_from_a_momentary_error(scripted: ScriptedOpenAI) -> None:
    scripted.failures = [(503, "application/json", _error_body())]
    scripted.replies = ["Punitive compensation applies to infringement [1]."]
    code, stdout, stderr, _ = _ask("--json")
    assert code == 0, stderr
    assert json.loads(stdout)["citations"][0]["label"] == "11"
    assert len(scripted.requests) == 2


@pytest.mark.integration
def test_chat_reports_the_failure_and_goes_on(scripted: ScriptedOpenAI) -> None:
    scripted.failures = [(401, "application/json", _error_body())]
    scripted.replies = ["Punitive compensation applies to infringement [1]."]
    result = runner.invoke(
        app, ["chat", "--mode", "llm", "--json"], input=f"{QUESTION}\n{QUESTION}\n\n"
    )
    assert result.exit_code == 1
    assert result.stderr.splitlines()[1:] == [
        f"error: model server {scripted.base_url}: 401 Unauthorized: the API key was refused "
        "(OPENAI_API_KEY)"
    ]
    assert json.loads(result.stdout)["citations"][0]["label"] == "11"
    assert KEY not in result.output


@pytest.mark.integration
def test_chat_with_the_server_down_ends_at_once(
    cli_home: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = f"http://127.0.0.1:{free_port()}/v1"
    monkeypatch.setenv("OPENAI_BASE_URL", url)
    result = runner.invoke(app, ["chat", "--mode", "llm"], input=f"{QUESTION}\n\n")
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == f"error: model server {url}: connection refused\n"
