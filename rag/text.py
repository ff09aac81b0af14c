"""Text primitives shared by ingest and retrieval: language, normalisation, wrapped lines.

Original characters are kept for display; `normalize` (Traditional to Simplified, full-width to
half-width, whitespace folded) is for matching only.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, reduce

import opencc

from rag.types import Lang

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LATIN = re.compile(r"[A-Za-z]")
_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
_SPACES = re.compile(r"\s+")


@cache
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def count_cjk(text: str) -> int:
    return len(_CJK.findall(text))


def has_cjk(text: str) -> bool:
    return _CJK.search(text) is not None


@dataclass(frozen=True)
class Languages:
    """Which languages a text is written in."""

    main: Lang | None  # the language that carries it; None for text with neither script
    present: tuple[Lang, ...]  # every language it has a word in, Chinese first


def detect_languages(text: str) -> Languages:
    """The one rule for the language of a paragraph, a sentence or a question.

    One ideograph carries about as much as a three-letter word, so a text is Chinese when its
    ideographs outnumber a third of its Latin letters, or when it has a Chinese sentence's worth
    of them beside Latin names, URLs or markup; else English. English is present where there is
    a Latin word of two letters or more (a lone letter is a marker such as "(a)").
    """
    cjk = count_cjk(text)
    latin = len(_LATIN.findall(text))
    main: Lang | None = None
    if cjk or latin:
        main = "zh" if cjk * 3 >= latin or (cjk >= 6 and cjk * 8 >= latin) else "en"
    present: list[Lang] = []
    if cjk:
        present.append("zh")
    if _LATIN_WORD.search(text):
        present.append("en")
    return Languages(main, tuple(present))


def text_language(text: str) -> Lang | None:
    """The language that carries a text (`detect_languages`)."""
    return detect_languages(text).main


def answer_language(question: str) -> Lang:
    """The language to answer in: the question's, English when it has neither script."""
    return text_language(question) or "en"


def to_simplified(text: str) -> str:
    return str(_t2s().convert(text)) if has_cjk(text) else text


def normalize(text: str) -> str:
    """For matching only: NFKC (full-width to half-width), Simplified Chinese, folded spaces."""
    return _SPACES.sub(" ", to_simplified(unicodedata.normalize("NFKC", text))).strip()


def as_written(fragment: str, text: str) -> str:
    """The stretch of `text` that `fragment`, a piece of its `normalize`d form, was read from
    (the user's own characters, case and punctuation: a clause of a question named back to them),
    compared character by character without spaces or case; `fragment` itself when not found."""
    kept = [(i, c) for i, ch in enumerate(text) for c in normalize(ch).lower() if not c.isspace()]
    wanted = "".join(c for c in fragment.lower() if not c.isspace())
    at = "".join(c for _, c in kept).find(wanted) if wanted else -1
    if at < 0:
        return fragment
    return text[kept[at][0] : kept[at + len(wanted) - 1][0] + 1]


def join_wrapped(left: str, right: str) -> str:
    """Join two pieces of one paragraph split by a line or page break."""
    if not left:
        return right
    if not right:
        return left
    if (
        has_cjk(left[-1])
        or has_cjk(right[0])
        or left[-1] in "，、；：（“"
        or right[0] in "，。、；：）”"
    ):
        return left.rstrip() + right.lstrip()
    if left.endswith(("-", "–", "—")):
        return left + right.lstrip()
    return left.rstrip() + " " + right.lstrip()


def one_line(text: str) -> str:
    """A passage that line or page breaks cut, as one line (`join_wrapped`)."""
    return reduce(join_wrapped, (line.strip() for line in text.split("\n")))
