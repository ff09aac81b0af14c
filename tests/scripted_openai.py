"""A scripted OpenAI-compatible chat server on 127.0.0.1.

It stands in for the paid OpenAI service only: the product's real `openai` client and LangChain
chain talk to it over HTTP (with streaming), and it answers with replies queued by the test,
recording every request so tests can check the prompts. Failures can be queued too: an error
status or a malformed body (`failures`), or a stream that stops after a few pieces (`stall_after`).
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


class ScriptedOpenAI:
    def __init__(self) -> None:
        self.replies: list[str] = []
        self.requests: list[dict[str, Any]] = []
        self.failures: list[tuple[int, str, bytes]] = []  # (status, content type, body)
        self.stall_after: int | None = None
        self._closing = threading.Event()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                return

            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                server.requests.append(body)
                if server.failures:
                    status, content_type, failure = server.failures.pop(0)
                    self.send_response(status)
                    self.send_header("Content-Type", content_type)
                    self.send_header("Content-Length", str(len(failure)))
                    self.end_headers()
                    self.wfile.write(failure)
                    return
                reply = server.replies.pop(0) if server.replies else "No reply was scripted."
                if body.get("stream"):
                    self.send_response(200)
                    self.send_header("Content-Type", "text/event-stream")
                    self.end_headers()
                    for n, piece in enumerate(_pieces(reply)):
                        if n == server.stall_after:
                            self.wfile.flush()
                            server._closing.wait()  # silent, connection open, until close()
                            return
                        self.wfile.write(_event(_chunk({"content": piece}, None)))
                    self.wfile.write(_event(_chunk({}, "stop")))
                    self.wfile.write(b"data: [DONE]\n\n")
                    return
                payload = json.dumps(
                    {
                        "id": "scripted",
                        "object": "chat.completion",
                        "created": 0,
                        "model": body.get("model", "scripted"),
                        "choices": [
                            {
                                "index": 0,
                                "finish_reason": "stop",
                                "message": {"role": "assistant", "content": reply},
                            }
                        ],
                        "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
                    }
                ).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

        self._http = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base_url = f"http://127.0.0.1:{self._http.server_address[1]}/v1"
        self._thread = threading.Thread(target=self._http.serve_forever, daemon=True)
        self._thread.start()

    def close(self) -> None:
        self._closing.set()
        self._http.shutdown()
        self._http.server_close()

    def system_prompt(self, request: int = -1) -> str:
        return str(self.requests[request]["messages"][0]["content"])

    def user_prompt(self, request: int = -1) -> str:
        return str(self.requests[request]["messages"][-1]["content"])


def _pieces(reply: str) -> Iterator[str]:
    """The reply in small pieces, as a model streams tokens."""
    for start in range(0, len(reply), 7):
        yield reply[start : start + 7]


def _chunk(delta: dict[str, str], finish: str | None) -> dict[str, Any]:
    return {
        "id": "scripted",
        "object": "chat.completion.chunk",
        "created": 0,
        "model": "scripted",
        "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
    }


def _event(data: dict[str, Any]) -> bytes:
    return f"data: {json.dumps(data)}\n\n".encode()
