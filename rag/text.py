"""Text primitives shared by ingest and retrieval: language, normalisation, wrapped lines.

Original characters are kept for display; `normalize` (Traditional to Simplified, full-width to
half-width, whitespace folded) is for matching only.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

import opencc

from rag.types import Lang

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LATIN = re.compile(r"[A-Za-z]")
_SPACES = re.compile(r"\s+")


@cache
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def count_cjk(text: str) -> int:
    return len(_CJK.findall(text))


def has_cjk(text: str) -> bool:
    return _CJK.search(text) is not None


def text_language(text: str) -> Lang | None:
    """The language of one paragraph: Chinese when ideographs carry it, else English.

    One ideograph carries about as much as a three-letter word, so a paragraph is Chinese when its
    ideographs outnumber a third of its Latin letters, or when it has a Chinese sentence's worth
    of them beside Latin names, URLs or markup. Text with neither is None.
    """
    cjk = count_cjk(text)
    latin = len(_LATIN.findall(text))
    if cjk == 0 and latin == 0:
        return None
    return "zh" if cjk * 3 >= latin or (cjk >= 6 and cjk * 8 >= latin) else "en"


def question_language(text: str) -> str:
    """'zh', 'en' or 'mixed' for a question."""
    cjk = count_cjk(text)
    words = len(re.findall(r"[A-Za-z]{2,}", text))
    if cjk and words and min(cjk / 2, words) >= 2 and 0.25 <= cjk / (cjk + 2 * words) <= 0.75:
        return "mixed"
    return "zh" if cjk * 3 >= words * 2 and cjk else "en"


def answer_language(question: str) -> Lang:
    """The language to answer in: Chinese when the question is mostly Chinese, else English."""
    cjk = count_cjk(question)
    words = len(re.findall(r"[A-Za-z]{2,}", question))
    return "zh" if cjk and cjk >= 2 * words else "en"


def to_simplified(text: str) -> str:
    return str(_t2s().convert(text)) if has_cjk(text) else text


def normalize(text: str) -> str:
    """For matching only: NFKC (full-width to half-width), Simplified Chinese, folded spaces."""
    return _SPACES.sub(" ", to_simplified(unicodedata.normalize("NFKC", text))).strip()


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
