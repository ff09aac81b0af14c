"""Gold units of a question and how a retrieved unit matches them.

A bare label (`"6"`, `"preamble"`) matches that label in any document; `"DOC#LABEL"` also needs
the document, matched by name after normalisation: `中华人民共和国` removed anywhere (also inside
《》), whitespace and brackets removed, a trailing version date dropped; compared with the
document's Chinese title, English title, document number and file stem.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePath

from rag.text import normalize
from rag.types import Document

_BRACKETS = re.compile(r"[《》〈〉<>()（）\[\]【】「」『』\"“”'‘’]")
_TRAILING_DATE = re.compile(
    r"[(（]?\d{4}(?:[-./年]\d{1,2}(?:[-./月]\d{1,2}日?)?|年)?(?:修正|修订|修改|版|年)?[)）]?$"
)


def normalize_name(name: str) -> str:
    """`《中华人民共和国民法典》` → `民法典`; `公司法(2018-10-26)` → `公司法`."""
    text = normalize(name).lower()
    text = re.sub(r"\s+", "", text)
    previous = None
    while previous != text:
        previous = text
        text = _TRAILING_DATE.sub("", text)
    text = text.replace("中华人民共和国", "")
    return _BRACKETS.sub("", text)


def document_names(document: Document) -> set[str]:
    meta = document.meta
    candidates = [
        meta.title_zh,
        meta.title_en,
        meta.doc_number_zh,
        meta.doc_number_en,
        PurePath(document.source_path).stem,
    ]
    return {n for n in (normalize_name(c) for c in candidates if c) if n}


@dataclass(frozen=True)
class Gold:
    doc: str | None  # normalised document name, None for a bare label
    label: str

    @classmethod
    def parse(cls, text: str) -> Gold:
        if "#" in text:
            doc, label = text.rsplit("#", 1)
            return cls(normalize_name(doc), label.strip())
        return cls(None, text.strip())

    def matches(self, label: str, names: set[str]) -> bool:
        return self.label == label and (self.doc is None or self.doc in names)
