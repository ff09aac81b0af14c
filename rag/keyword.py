"""The keyword side of retrieval: BM25 (bm25s) over jieba tokens for Chinese, words for English.

The index is derived from the manifest's stored tokens and persisted under LAWQA_HOME with the
manifest generation it was built from; a stale index (another process ingested since) is rebuilt
before it is searched, so it never drifts from Chroma and the manifest.
"""

from __future__ import annotations

import json
import logging
import re
import shutil
import threading
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from rag.manifest import Manifest
from rag.text import normalize
from rag.types import LANGS, Lang

_ZH_STOP = set(
    "的 了 和 与 或 是 在 及 等 对 为 由 其 之 以 于 而 并 将 被 把 从 向 按 也 就 都 还 又 这 那 "
    "该 此 这个 那个 什么 怎么 怎样 如何 是否 哪些 哪个 吗 呢 吧 啊 么 谁 多少 几 可以吗 有没有 "
    "一个 我 你 他 她 我们 他们 自己 请问 规定 问题 情况 有关 相关".split()
)
EN_STOP = set(
    "a an the of and or to in on at by for with from as is are was were be been being it its "
    "this that these those what which who whom whose when where why how does do did can could "
    "shall should will would may might must not no there their they them he she his her we our "
    "you your i my me any all about into under than then so if such per via".split()
)
FORMAT = 2  # of the files on disk; an index written in another format is rebuilt
# Of the English tokens stored at ingest: 1 (never recorded) folded plurals; 2 also folded some
# British spellings to American, 3 more of them, 4 also version 2's "practize", 5 also the
# possessive ("people's" → "people", where 4 stored "people'"). An index with older tokens is
# brought up to date when opened.
ENGLISH_TOKENS = 5
_EN_WORD = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?")
_POSSESSIVE = re.compile(r"['’]s?$")  # of a word, or what an older tokenizer left of one
_ZH_TOKEN = re.compile(r"[\u4e00-\u9fff]|[a-z0-9]")
_HAN = re.compile(r"[\u4e00-\u9fff]")
log = logging.getLogger(__name__)


@cache
def _jieba() -> Any:
    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba


@cache
def posseg() -> Any:
    """jieba's part-of-speech tagger (numerals, place, person and organisation names)."""
    _jieba()
    import jieba.posseg

    return jieba.posseg


def search_spans(text: str) -> list[tuple[str, int, int]]:
    """jieba's search-mode words of a Chinese text with where each starts and ends."""
    return [(word, start, end) for word, start, end in _jieba().tokenize(text, mode="search")]


def tokenize(text: str, lang: Lang) -> list[str]:
    """Tokens for BM25: jieba search-mode words for Chinese, folded words for English."""
    text = normalize(text).lower()
    if lang == "zh":
        return [
            t
            for t in _jieba().lcut_for_search(text)
            if t.strip() and t not in _ZH_STOP and _ZH_TOKEN.search(t)
        ]
    return [fold(w) for w in _EN_WORD.findall(text) if _POSSESSIVE.sub("", w) not in EN_STOP]


# Nominal suffixes jieba often cuts off their word (引航|费, 执业|证): joined back to it.
_ZH_SUFFIXES = set("费税权率额期证局院会者员金款价量区所站品物书单表号令")


def chinese_words(text: str) -> list[str]:
    """Whole Chinese words (jieba's part-of-speech cut, a nominal suffix joined back to its
    word), without the stop words and the search-mode fragments: for measuring how much of a
    question a passage covers."""
    words: list[str] = []
    previous = ""
    for token in (pair.word for pair in posseg().cut(normalize(text).lower())):
        if token in _ZH_SUFFIXES and words and words[-1] == previous and _HAN.search(previous):
            words[-1] = previous = previous + token
            continue
        previous = token
        if token not in _ZH_STOP and _HAN.search(token):
            words.append(token)
    return words


# British spellings and their American forms, for whole lower-case words: translations of Chinese
# law mostly spell "labor", "organization", "recognize", while a lawyer in London or Hong Kong
# asks about "labour", "organisations", "recognised". Only words long enough not to be other
# words are folded (hour, four, rise keep their spelling).
_BRITISH = (
    # American has practice only (and tokens version 2 stored "practize")
    (re.compile(r"\bpracti[sz](e|es|ed|ing)\b"), r"practic\1"),
    (re.compile(r"\b([a-z]{3,})is(e|es|ed|ing|ation|ations)\b"), r"\1iz\2"),
    (re.compile(r"\b([a-z]{2,})ys(e|es|ed|ing)\b"), r"\1yz\2"),  # analyse, paralyse
    (
        re.compile(r"\b([a-z]{3,})our(s|ed|ing|er|ers|able|ably|al|ally|hood|hoods|ite|ites)?\b"),
        r"\1or\2",
    ),
    (re.compile(r"\b(licen|defen|offen|preten)ce(s?)\b"), r"\1se\2"),
    (re.compile(r"\b([a-z]*(?:cen|me|li|thea))tre(s?)\b"), r"\1ter\2"),
    (re.compile(r"\b(judge|acknowledge|abridge)ment(s?)\b"), lambda m: f"{m[1][:-1]}ment{m[2]}"),
    (re.compile(r"\b(catalog|dialog|analog)ue(s?)\b"), r"\1\2"),
    (re.compile(r"\bprogramme(s?)\b"), r"program\1"),
    (re.compile(r"\b(instal|enrol|fulfil)ment(s?)\b"), r"\1lment\2"),
    (
        re.compile(
            r"\b(cance|trave|labe|mode|counse|signa|tota|fue|equa)ll(ed|ing|er|ers|or|ors)\b"
        ),
        r"\1l\2",
    ),
)


def american(text: str) -> str:
    """Lower-case text with British spellings folded to American ("labour" → "labor",
    "organisation" → "organization", "licence" → "license", "centre" → "center"). Both sides of
    every comparison are folded, so a word with no American twin ("exercise" → "exercize") only
    looks odd: tokens are matched, never shown."""
    for pattern, american_form in _BRITISH:
        text = pattern.sub(american_form, text)
    return text


@lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """Fold possessives, plurals and British spellings only: enough to meet "courts" and
    "court's" with "court" and "labour" with "labor" without mangling legal terms."""
    word = _POSSESSIVE.sub("", word)
    if len(word) > 4 and word.endswith("ies"):
        word = word[:-3] + "y"
    elif len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    return american(word)


def restem(tokens: list[str]) -> list[str]:
    """English tokens stored by an older tokenizer (ENGLISH_TOKENS 1: plurals folded) as today's:
    folding a token again changes only its British spelling or its possessive, and a stop word
    with one ("it's", "what's", stored as it' and what') is no token."""
    return [fold(t) for t in tokens if (bare := _POSSESSIVE.sub("", t)) == t or bare not in EN_STOP]


@dataclass
class _LangIndex:
    chunk_ids: list[str]
    doc_ids: np.ndarray
    retriever: object | None  # bm25s.BM25, None when the language has no text
    vocab: dict[str, int]
    nonempty: int  # chunks with text in this language


class KeywordIndex:
    def __init__(self, home: Path, manifest: Manifest) -> None:
        self._dir = home / "keyword"
        self._manifest = manifest
        self._lock = threading.Lock()
        self._generation = -1
        self._indexes: dict[Lang, _LangIndex] = {}

    def search(
        self, lang: Lang, tokens: list[str], k: int, doc_ids: set[str] | None = None
    ) -> list[tuple[str, float]]:
        """Best chunks for the query tokens: (chunk_id, BM25 score), highest first."""
        index = self._current()[lang]
        known = [t for t in tokens if t in index.vocab]
        if index.retriever is None or not known:
            return []
        mask = None
        if doc_ids is not None:
            mask = np.isin(index.doc_ids, list(doc_ids)).astype(np.float32)
        scores = index.retriever.get_scores(known, weight_mask=mask)  # type: ignore[attr-defined]
        k = min(k, len(scores))
        top = np.argpartition(-scores, k - 1)[:k]
        top = top[np.argsort(-scores[top], kind="stable")]
        return [(index.chunk_ids[i], float(scores[i])) for i in top if scores[i] > 0]

    def document_frequency(self, lang: Lang, token: str) -> int:
        """How many chunks of `lang` contain `token` (0 when none does)."""
        index = self._current()[lang]
        position = index.vocab.get(token)
        if index.retriever is None or position is None:
            return 0
        indptr = index.retriever.scores["indptr"]  # type: ignore[attr-defined]
        return int(indptr[position + 1] - indptr[position])

    def size(self, lang: Lang) -> int:
        """Chunks with text in `lang`."""
        return self._current()[lang].nonempty

    def coverage(self, lang: Lang) -> float:
        """The share of chunks that have text in `lang`."""
        index = self._current()[lang]
        return index.nonempty / len(index.chunk_ids) if index.chunk_ids else 0.0

    def refresh(self) -> None:
        """Bring the persisted index up to the manifest's generation (a no-op when current)."""
        self._current()

    def _current(self) -> dict[Lang, _LangIndex]:
        generation = self._manifest.generation()
        if generation != self._generation:
            with self._lock:
                if generation != self._generation and not self._load(generation):
                    self._build(generation)
        return self._indexes

    def _load(self, generation: int) -> bool:
        stamp = self._dir / "generation.json"
        expected = {"generation": generation, "format": FORMAT}
        if not stamp.exists() or json.loads(stamp.read_text("utf-8")) != expected:
            return False
        import bm25s

        indexes: dict[Lang, _LangIndex] = {}
        for lang in LANGS:
            folder = self._dir / lang
            ids = json.loads((folder / "ids.json").read_text("utf-8"))
            nonempty = int(ids["nonempty"])
            retriever = None
            vocab: dict[str, int] = {}
            if (folder / "bm25").exists():
                retriever = bm25s.BM25.load(folder / "bm25", show_progress=False)
                vocab = retriever.vocab_dict
            indexes[lang] = _LangIndex(
                ids["chunk_ids"], np.array(ids["doc_ids"]), retriever, vocab, nonempty
            )
        self._indexes, self._generation = indexes, generation
        return True

    def _build(self, generation: int) -> None:
        import bm25s

        tmp = self._dir.with_name("keyword.tmp")
        shutil.rmtree(tmp, ignore_errors=True)
        indexes: dict[Lang, _LangIndex] = {}
        for lang in LANGS:
            rows = list(self._manifest.keyword_rows(lang))
            chunk_ids = [r[0] for r in rows]
            doc_ids = [r[1] for r in rows]
            corpus = [r[2] for r in rows]
            folder = tmp / lang
            folder.mkdir(parents=True)
            retriever = None
            vocab: dict[str, int] = {}
            if any(corpus):
                retriever = bm25s.BM25()
                retriever.index(corpus, show_progress=False)
                retriever.save(folder / "bm25", show_progress=False)
                vocab = retriever.vocab_dict
            nonempty = sum(1 for tokens in corpus if tokens)
            (folder / "ids.json").write_text(
                json.dumps({"chunk_ids": chunk_ids, "doc_ids": doc_ids, "nonempty": nonempty}),
                "utf-8",
            )
            indexes[lang] = _LangIndex(chunk_ids, np.array(doc_ids), retriever, vocab, nonempty)
        (tmp / "generation.json").write_text(
            json.dumps({"generation": generation, "format": FORMAT}), "utf-8"
        )
        old = self._dir.with_name("keyword.old")
        shutil.rmtree(old, ignore_errors=True)
        if self._dir.exists():
            self._dir.rename(old)
        tmp.rename(self._dir)
        shutil.rmtree(old, ignore_errors=True)
        self._indexes, self._generation = indexes, generation
        log.info("keyword index rebuilt at generation %d", generation)
