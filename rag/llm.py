"""The LLM path: a LangChain chain over `ChatOpenAI` (the `openai` client).

The same path serves OpenAI, any OpenAI-compatible server (OPENAI_BASE_URL: vLLM, Ollama,
llama.cpp) and the in-process llama.cpp server of `LAWQA_LLM=local:…`, so confidential
documents can stay on the machine.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

from pydantic import SecretStr

from rag.model_failures import (
    CONNECT_TIMEOUT_S,
    RETRY_AFTER_MAX_S,
    RETRY_PAUSE_S,
    LLMError,
    ModelServerError,
    describe_failure,
    display_address,
)
from rag.prompts import (
    ANSWER_HUMAN,
    ANSWER_SYSTEM,
    CONDENSE_HUMAN,
    CONDENSE_SYSTEM,
    answer_inputs,
    format_history,
)
from rag.settings import Settings
from rag.tokens import install_encoding
from rag.types import Lang, Mode, Source

__all__ = ["ChatModel", "LLMError", "ModelServerError", "chat_model", "probe_server"]
OPENAI_URL = "https://api.openai.com/v1"


class ChatModel:
    """Answers and question rewriting through one chat model.

    Every failure of the server becomes a `ModelServerError` naming `address` and the cause; a
    429 or 5xx reply, or a connection dropped before the reply began, is tried once more.
    """

    def __init__(self, chat: Any, name: str, address: str = "", timeout_s: float = 60.0) -> None:
        from langchain_core.output_parsers import StrOutputParser
        from langchain_core.prompts import ChatPromptTemplate

        self.name = name
        self.address = display_address(address) if address else name
        self.timeout_s = timeout_s
        self._model = chat | StrOutputParser()
        self._answer_prompt = ChatPromptTemplate.from_messages(
            [("system", ANSWER_SYSTEM), ("human", ANSWER_HUMAN)]
        )
        self._condense_prompt = ChatPromptTemplate.from_messages(
            [("system", CONDENSE_SYSTEM), ("human", CONDENSE_HUMAN)]
        )

    def _stream(self, prompt: Any) -> Iterator[str]:
        """The model's reply to a formatted prompt, token by token."""
        for attempt in (1, 2):
            streamed = False
            try:
                for token in self._model.stream(prompt):
                    streamed = True
                    yield token
                return
            except Exception as exc:
                failure = describe_failure(exc, self.timeout_s, streamed)
                if failure is None:
                    raise
                if attempt == 1 and failure.retry and not streamed:
                    after = failure.retry_after
                    time.sleep(
                        after if after is not None and after <= RETRY_AFTER_MAX_S else RETRY_PAUSE_S
                    )
                    continue
                cause = failure.cause + (" (after one retry)" if attempt == 2 else "")
                raise ModelServerError(self.address, cause) from exc

    def stream_answer(
        self, question: str, sources: tuple[Source, ...], language: Lang
    ) -> Iterator[str]:
        prompt = self._answer_prompt.invoke(answer_inputs(question, sources, language))
        yield from self._stream(prompt)

    def answer(
        self,
        question: str,
        sources: tuple[Source, ...],
        language: Lang,
        on_token: Callable[[str], None] | None = None,
    ) -> str:
        parts = []
        for token in self.stream_answer(question, sources, language):
            parts.append(token)
            if on_token:
                on_token(token)
        return "".join(parts)

    def standalone_question(self, question: str, history: list[tuple[str, str]]) -> str:
        prompt = self._condense_prompt.invoke(
            {"history": format_history(history), "question": question}
        )
        rewritten = "".join(self._stream(prompt)).strip()
        return rewritten.splitlines()[0].strip() if rewritten else question


_local_lock = threading.Lock()
_local_servers: dict[str, Any] = {}


def local_server_url(model_path: str, settings: Settings) -> str:
    """Start (once per process) a llama.cpp server for a GGUF file on 127.0.0.1."""
    import socket
    from pathlib import Path

    with _local_lock:
        if model_path not in _local_servers:
            if not Path(model_path).is_file():
                raise LLMError(f"LAWQA_LLM=local:{model_path}: no such model file")
            import xllamacpp

            params = xllamacpp.CommonParams()
            params.model.path = model_path
            params.n_ctx = settings.local_context
            params.n_parallel = 1
            params.cpuparams.n_threads = settings.embed_threads
            params.hostnames = ["127.0.0.1"]
            with socket.socket() as sock:
                sock.bind(("127.0.0.1", 0))
                params.port = sock.getsockname()[1]
            params.verbosity = -1
            _local_servers[model_path] = xllamacpp.Server(params)
        return str(_local_servers[model_path].listening_address)


def probe_server(settings: Settings) -> None:
    """Raise ModelServerError when nothing answers a connection at the OpenAI-compatible server's
    address (refused, unknown host, no connection within CONNECT_TIMEOUT_S), so the command line
    says so before it spends seconds loading the index. Behind a proxy the client goes through,
    the address is not probed."""
    import socket
    import urllib.request
    from urllib.parse import urlsplit

    if settings.openai_api_key is None and settings.openai_base_url is None:
        return  # not configured: chat_model says so
    url = settings.openai_base_url or OPENAI_URL
    parts = urlsplit(url)
    host = parts.hostname or ""
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        return  # a malformed port: the client's own error will say so
    proxies = urllib.request.getproxies()
    if (parts.scheme in proxies or "all" in proxies) and not urllib.request.proxy_bypass(host):
        return
    try:
        with socket.create_connection((host, port), timeout=CONNECT_TIMEOUT_S):
            return
    except ConnectionRefusedError:
        cause = "connection refused"
    except TimeoutError:
        cause = f"no connection within {CONNECT_TIMEOUT_S:g} s"
    except socket.gaierror:
        cause = "cannot resolve the host name"
    except OSError as exc:
        cause = f"cannot connect ({exc.strerror or exc})"
    raise ModelServerError(display_address(url), cause)


def chat_model(settings: Settings, mode: str) -> ChatModel:
    """The chat model for `mode` (Mode.LLM or Mode.LOCAL)."""
    from langchain_openai import ChatOpenAI
    from openai import Timeout

    install_encoding("o200k_base")
    install_encoding("cl100k_base")
    timeout_s = settings.llm_timeout
    common: dict[str, Any] = {
        "temperature": 0,
        "max_tokens": settings.llm_max_tokens,
        "streaming": True,
        # ChatModel retries what is worth it; a refused, unreachable or silent server is not
        # tried again, so a server that is down fails within the connect timeout.
        "max_retries": 0,
        # httpx's read timeout is per read: it also bounds the wait between streamed tokens.
        "timeout": Timeout(timeout_s, connect=min(CONNECT_TIMEOUT_S, timeout_s)),
    }
    if mode == Mode.LOCAL:
        if not settings.llm.startswith("local:"):
            raise LLMError("--mode local needs LAWQA_LLM=local:/path/to/model.gguf")
        path = settings.llm.split(":", 1)[1]
        url = local_server_url(path, settings)
        chat = ChatOpenAI(
            model="local", api_key=SecretStr("not-needed"), base_url=f"{url}/v1", **common
        )
        return ChatModel(chat, f"local:{path.rsplit('/', 1)[-1]}", f"{url}/v1", timeout_s)
    if settings.openai_api_key is None and settings.openai_base_url is None:
        raise LLMError("--mode llm needs OPENAI_API_KEY or OPENAI_BASE_URL")
    key = settings.openai_api_key or SecretStr("not-needed")
    chat = ChatOpenAI(model=settings.llm, api_key=key, base_url=settings.openai_base_url, **common)
    return ChatModel(chat, settings.llm, settings.openai_base_url or OPENAI_URL, timeout_s)
