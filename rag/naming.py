"""The documents a question names: by title (《劳动合同法》, 劳动合同法, "the Labor Contract Law" of
a document with that English title) or by document number (法发〔2020〕37号).

A name counts where it stands as a name: a Chinese title at a word boundary of the question
(jieba's words: 保险法 is not named by 社会保险法) and not inside a longer name that is also
found, an English title as whole words. The 中华人民共和国 / "People's Republic of China" part of
a title may be left out, as everyone does.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache

from rag.keyword import american, posseg
from rag.text import has_cjk, normalize
from rag.types import Document

_ZH_PREFIX = "中华人民共和国"
_EN_STATE = re.compile(
    r"\b(?:of )?the people'?s republic of china\b|\bprc\b|\bp\.r\.c\.?|\bchina's\b|^the\b"
)
_BRACKETS = str.maketrans({"〔": "[", "〕": "]", "【": "[", "】": "]", "（": "(", "）": ")"})
_MIN_ZH = 3  # 宪法 and 民法 are words of ordinary questions; 劳动法 is a name
_MIN_EN_WORDS = 2


def _zh_forms(title: str) -> set[str]:
    title = normalize(title).replace(" ", "")
    forms = {title}
    if title.startswith(_ZH_PREFIX):
        forms.add(title[len(_ZH_PREFIX) :])
    return {f for f in forms if len(f) >= _MIN_ZH}


def _en_form(title: str) -> str:
    return " ".join(american(_EN_STATE.sub(" ", normalize(title).lower())).split())


def _number_form(number: str) -> str:
    return normalize(number).translate(_BRACKETS).replace(" ", "").lower()


@lru_cache(maxsize=4096)
def _word_starts(text: str) -> frozenset[int]:
    """Where jieba's words begin in a text (remembered: one question is read once per document)."""
    starts, position = set(), 0
    for pair in posseg().cut(text):
        starts.add(position)
        position += len(pair.word)
    starts.add(position)
    return frozenset(starts)


def _zh_spans(question: str, form: str) -> list[tuple[int, int]]:
    if form not in question:
        return []
    bounds = _word_starts(question)
    return [
        (m.start(), m.end())
        for m in re.finditer(re.escape(form), question)
        if m.start() in bounds and m.end() in bounds
    ]


def named_documents(question: str, documents: Mapping[str, Document]) -> set[str]:
    """The ids of the documents the question names (none when it names none)."""
    text = normalize(question)
    lowered = american(text.lower())
    squeezed = text.translate(_BRACKETS).replace(" ", "").lower()
    found: list[tuple[int, int, str]] = []  # (start, end, doc_id), spans in `text`
    for doc_id, document in documents.items():
        meta = document.meta
        for form in _zh_forms(meta.title_zh) if has_cjk(meta.title_zh) else ():
            found += [(s, e, doc_id) for s, e in _zh_spans(text, form)]
        english = _en_form(meta.title_en) if meta.title_en else ""
        if (
            len(english.split()) >= _MIN_EN_WORDS
            and english in lowered
            and re.search(rf"\b{re.escape(english)}\b", lowered)
        ):
            found.append((-1, -1, doc_id))
        for number in (meta.doc_number_zh, meta.doc_number_en):
            if number and len(_number_form(number)) >= 4 and _number_form(number) in squeezed:
                found.append((-1, -1, doc_id))
    return {
        doc_id
        for start, end, doc_id in found
        if start < 0
        or not any(s <= start and end <= e and (s, e) != (start, end) for s, e, _ in found)
    }
