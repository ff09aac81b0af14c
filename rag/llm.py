"""The LLM path: a LangChain chain over `ChatOpenAI` (the `openai` client).

The same path serves OpenAI, any OpenAI-compatible server (OPENAI_BASE_URL: vLLM, Ollama,
llama.cpp) and the in-process llama.cpp server of `LAWQA_LLM=local:…`, so confidential
documents can stay on the machine.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from typing import Any

from pydantic import SecretStr

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
from rag.types import Lang, Source


class LLMError(RuntimeError):
    pass


class ChatModel:
    """Answers and question rewriting through one chat model."""

    def __init__(self, chat: Any, name: str) -> None:
        from langchain_core.output_parsers import StrOutputParser
        from langchain_core.prompts import ChatPromptTemplate

        self.name = name
        parser = StrOutputParser()
        self._answer = (
            ChatPromptTemplate.from_messages([("system", ANSWER_SYSTEM), ("human", ANSWER_HUMAN)])
            | chat
            | parser
        )
        self._condense = (
            ChatPromptTemplate.from_messages(
                [("system", CONDENSE_SYSTEM), ("human", CONDENSE_HUMAN)]
            )
            | chat
            | parser
        )

    def stream_answer(
        self, question: str, sources: tuple[Source, ...], language: Lang
    ) -> Iterator[str]:
        yield from self._answer.stream(answer_inputs(question, sources, language))

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
        rewritten = self._condense.invoke(
            {"history": format_history(history), "question": question}
        ).strip()
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


def chat_model(settings: Settings, mode: str) -> ChatModel:
    """The chat model for `mode` ('llm' or 'local')."""
    from langchain_openai import ChatOpenAI

    install_encoding("o200k_base")
    install_encoding("cl100k_base")
    common: dict[str, Any] = {
        "temperature": 0,
        "max_tokens": settings.llm_max_tokens,
        "streaming": True,
        "max_retries": 1,
        "timeout": 300,
    }
    if mode == "local":
        if not settings.llm.startswith("local:"):
            raise LLMError("--mode local needs LAWQA_LLM=local:/path/to/model.gguf")
        path = settings.llm.split(":", 1)[1]
        url = local_server_url(path, settings)
        chat = ChatOpenAI(
            model="local", api_key=SecretStr("not-needed"), base_url=f"{url}/v1", **common
        )
        return ChatModel(chat, f"local:{path.rsplit('/', 1)[-1]}")
    if settings.openai_api_key is None and settings.openai_base_url is None:
        raise LLMError("--mode llm needs OPENAI_API_KEY or OPENAI_BASE_URL")
    key = settings.openai_api_key or SecretStr("not-needed")
    chat = ChatOpenAI(model=settings.llm, api_key=key, base_url=settings.openai_base_url, **common)
    return ChatModel(chat, settings.llm)
