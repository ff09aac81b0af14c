"""The documents a question names: 《劳动合同法》, 根据劳动合同法…, "under the Law on …".

A document is named by its title, or by its title without the state's name (中华人民共和国 /
"of the People's Republic of China" / "PRC"), written whole:
- in book-title marks, 《…》, it is a name wherever it stands;
- without them, a Chinese title counts only at a word boundary: at the start, after a character
  that is not Chinese, or after a word that introduces a law (根据, 依照, 违反, 适用 …). So
  军人保险法 does not name 保险法, nor 劳动合同法 合同法; and a title followed by 律 (劳动法律)
  is not one. An English title counts between word boundaries.
A longer title found at the same place wins over a shorter one inside it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from rag.text import has_cjk, normalize
from rag.types import Document

_STATE_ZH = "中华人民共和国"
_STATE_EN = re.compile(r"\b(?:of the people's republic of china|the prc|prc)\b")
# Words that may stand right before a law's name written without 《》.
_INTRODUCERS = (
    "根据",
    "依据",
    "按照",
    "依照",
    "参照",
    "遵照",
    "违反",
    "适用",
    "关于",
    "对于",
    "按",
    "依",
    "据",
    "在",
    "和",
    "与",
    "及",
    "或",
    "同",
    "跟",
    "、",
)
_BOOK_TITLE = re.compile(r"《([^《》]{2,80})》")
_MIN_ZH = 3  # a shorter title ("应用") is a word, not a name
_MIN_EN_WORDS = 2


def _matching(text: str) -> str:
    return re.sub(r"\s+", " ", normalize(text).replace("’", "'").lower()).strip()


@dataclass(frozen=True)
class Titles:
    """Every way the library's documents can be named, longest first, with their documents."""

    forms: tuple[tuple[str, frozenset[str]], ...]

    @classmethod
    def of(cls, documents: Mapping[str, Document]) -> Titles:
        found: dict[str, set[str]] = {}
        for doc_id, document in documents.items():
            for form in _forms(document):
                found.setdefault(form, set()).add(doc_id)
        ordered = sorted(found.items(), key=lambda item: (-len(item[0]), item[0]))
        return cls(tuple((form, frozenset(ids)) for form, ids in ordered))

    def named(self, question: str) -> set[str]:
        """The ids of the documents the question names."""
        text = _matching(question)
        bracketed = {_matching(t) for t in _BOOK_TITLE.findall(text)}
        named: set[str] = set()
        taken: list[tuple[int, int]] = []
        for form, doc_ids in self.forms:
            if form in bracketed or form.removeprefix(_STATE_ZH) in bracketed:
                named |= doc_ids
                continue
            start = text.find(form)
            while start >= 0:
                end = start + len(form)
                inside = any(s <= start and end <= e for s, e in taken)  # a longer title's
                if not inside and _standalone(text, start, end, form):
                    named |= doc_ids
                    taken.append((start, end))
                start = text.find(form, start + 1)
        return named


def _forms(document: Document) -> set[str]:
    forms = set()
    zh = _matching(document.meta.title_zh)
    for title in (zh, zh.removeprefix(_STATE_ZH)):
        if len(title) >= _MIN_ZH and has_cjk(title):
            forms.add(title)
    en = _matching(document.meta.title_en)
    for title in (en, re.sub(r"\s+", " ", _STATE_EN.sub(" ", en)).strip()):
        if len(title.split()) >= _MIN_EN_WORDS and not has_cjk(title):
            forms.add(title)
    return forms


def _standalone(text: str, start: int, end: int, form: str) -> bool:
    """Whether a title found without 《》 at text[start:end] stands as a name there."""
    if not has_cjk(form):
        before = text[start - 1] if start else " "
        after = text[end] if end < len(text) else " "
        return not before.isalnum() and not after.isalnum()
    if end < len(text) and text[end] == "律":
        return False
    if start == 0 or not has_cjk(text[start - 1]):
        return True
    return text[:start].endswith(_INTRODUCERS)
