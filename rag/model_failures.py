"""What went wrong with a model server, in one line a user can act on.

Every failure of the model call (refused, unreachable, silent, a 401/404/429/5xx reply, a reply
that is not a chat completion) becomes a `ModelServerError` that names the server's address and
the cause. The server's own error text is never repeated: some servers echo the API key in it.
"""

from __future__ import annotations

import json
import socket
from dataclasses import dataclass
from http import HTTPStatus
from urllib.parse import urlsplit

from rag.types import Source

# Connecting to a healthy server, on this machine or across a network, takes milliseconds; five
# seconds says "down or unreachable" without making the user wait for the read timeout.
CONNECT_TIMEOUT_S = 5.0
# 429 and 5xx are often momentary (a rate window, a restarting worker): tried once more after
# this pause, or after the server's Retry-After when that is shorter than RETRY_AFTER_MAX_S.
RETRY_PAUSE_S = 1.0
RETRY_AFTER_MAX_S = 5.0


class LLMError(RuntimeError):
    """The chat model cannot be used: a setting, or the model server."""


class ModelServerError(LLMError):
    """The model server failed; `sources` are the passages retrieved for the question."""

    def __init__(self, address: str, cause: str, sources: tuple[Source, ...] = ()) -> None:
        super().__init__(f"model server {address}: {cause}")
        self.address = address
        self.cause = cause
        self.sources = sources

    def with_sources(self, sources: tuple[Source, ...]) -> ModelServerError:
        return ModelServerError(self.address, self.cause, sources)


@dataclass(frozen=True)
class Failure:
    cause: str
    retry: bool  # worth one more try, if no token was shown yet
    retry_after: float | None = None


def display_address(url: str) -> str:
    """The server's address without user, password or query (where keys sometimes hide)."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    try:
        port = f":{parts.port}" if parts.port else ""
    except ValueError:
        port = ""
    return f"{parts.scheme}://{host}{port}{parts.path}".rstrip("/") if parts.scheme else url


def describe_failure(exc: BaseException, timeout_s: float, streamed: bool) -> Failure | None:
    """The failure a model call's exception stands for, or None when it is not the server's
    (a bug of ours must still surface as one)."""
    status = getattr(exc, "status_code", None)
    if isinstance(status, int) and status >= 400:
        return _status_failure(status, exc)
    chain = _causes(exc)
    names = {type(e).__name__ for e in chain}
    seconds = f"{timeout_s:g} s"
    if "ConnectTimeout" in names:
        return Failure(f"no connection within {CONNECT_TIMEOUT_S:g} s", retry=False)
    if names & {"ReadTimeout", "WriteTimeout", "PoolTimeout", "APITimeoutError"}:
        if streamed:
            return Failure(f"the reply stopped for {seconds} (LAWQA_LLM_TIMEOUT)", retry=False)
        return Failure(f"no reply within {seconds} (LAWQA_LLM_TIMEOUT)", retry=False)
    if any(isinstance(e, ConnectionRefusedError) for e in chain):
        return Failure("connection refused", retry=False)
    if any(isinstance(e, socket.gaierror) for e in chain):
        return Failure("cannot resolve the host name", retry=False)
    if "ConnectError" in names:
        reason = next((e.strerror for e in chain if isinstance(e, OSError) and e.strerror), "")
        return Failure(f"cannot connect ({reason or 'network error'})", retry=False)
    if names & {"RemoteProtocolError", "ReadError", "APIConnectionError"}:
        return Failure("the connection closed before the reply was complete", retry=not streamed)
    if names & {"APIResponseValidationError", "JSONDecodeError"} or isinstance(
        exc, (ValueError, KeyError, TypeError, AttributeError, json.JSONDecodeError)
    ):
        return Failure("malformed reply (not an OpenAI-compatible chat completion)", retry=False)
    return None


def _status_failure(status: int, exc: BaseException) -> Failure:
    try:
        phrase = HTTPStatus(status).phrase
    except ValueError:
        phrase = "error"
    head = f"{status} {phrase}"
    if status == 401:
        return Failure(f"{head}: the API key was refused (OPENAI_API_KEY)", retry=False)
    if status == 403:
        return Failure(f"{head}: the API key may not use this model", retry=False)
    if status == 404:
        return Failure(
            f"{head}: no such model (LAWQA_LLM), or no chat API at this address (OPENAI_BASE_URL)",
            retry=False,
        )
    if status == 429:
        return Failure(
            f"{head}: rate limit or quota exceeded",
            retry=True,
            retry_after=_retry_after(exc),
        )
    if status >= 500:
        return Failure(f"{head}: the server failed", retry=True)
    return Failure(f"{head}: the server refused the request", retry=False)


def _retry_after(exc: BaseException) -> float | None:
    response = getattr(exc, "response", None)
    headers = getattr(response, "headers", None)
    try:
        return float(headers.get("retry-after")) if headers is not None else None
    except (TypeError, ValueError):
        return None


def _causes(exc: BaseException) -> list[BaseException]:
    chain: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in chain:
        chain.append(current)
        current = current.__cause__ or current.__context__
    return chain
