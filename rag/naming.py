"""The documents a question names: 《劳动合同法》, 根据劳动合同法…, "under the Law on …".

A document is named by its title, by its title without the state's name (中华人民共和国 /
"of the People's Republic of China" / "of the PRC") or a version note ("（2018修正）", "(2017
Amendment)"), and a title that quotes another law in full (…关于适用《中华人民共和国民法典》…)
also by the quoted law's short name. A title counts where it is written whole:
- in book-title marks, 《…》;
- without them, a Chinese title only at a word boundary: at the start, after a character that
  is not Chinese, or after a word that introduces a law (根据, 依照, 违反, 适用, 新 …), and not
  when the 法 it ends in begins a word (法定, 法人, 法院, 法律, 法规 …: 公司法定代表人 names no
  law). So 军人保险法 does not name 保险法, nor 劳动合同法 合同法. A two-character title (刑法,
  宪法) counts in 《》 or right before 第, 规定 or 的规定;
- an English title between word boundaries, at the start or after "the", "under", "of" …: the
  military insurance law names no Insurance Law.
Titles are looked for longest first; a shorter one inside a longer one found there (《劳动合同法
实施条例》 holds 劳动合同法) does not count.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property

from rag.text import has_cjk, normalize
from rag.types import Document

_STATE_ZH = "中华人民共和国"
_STATE_EN = re.compile(r"\b(?:of )?(?:the )?(?:people's republic of china|prc)\b")
_VERSION = re.compile(r"\s*[（(][^（）()]*(?:\d{4}|修正|修订|修改|amend|revis)[^（）()]*[)）]$")
# Words that may stand right before a law's name written without 《》.
_INTRODUCERS = (
    *("根据", "依据", "按照", "依照", "参照", "遵照", "违反", "适用", "关于", "对于", "现行"),
    *("按", "依", "据", "在", "和", "与", "及", "或", "同", "跟", "新", "、"),
)
# After a title ending in 法, a character that makes 法 begin a word: 法定, 法人, 法院 …
_WORD_AFTER_FA = set("定人院务官庭学律理治制")
_SHORT_FOLLOWERS = ("第", "规定", "的规定")  # what may follow a two-character title (刑法第…)
_EN_BEFORE = set("the under in of by per to and or from with see prc".split())
_BOOK_TITLE = re.compile(r"《([^《》]{1,80})》")
_NESTED = str.maketrans("〈〉", "《》")  # 《…〈…〉…》: a title quoted inside a title
_MIN_ZH = 2
_MIN_EN_WORDS = 2


def _matching(text: str) -> str:
    text = normalize(text).translate(_NESTED).replace("’", "'")
    return re.sub(r"\s+", " ", text.lower()).strip()


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

    @cached_property
    def _known(self) -> frozenset[str]:
        return frozenset(form for form, _ in self.forms)

    def unknown(self, question: str) -> list[str]:
        """The titles the question writes in 《》 that name no document of the library, as
        《title》 (its version note aside: 《公司法（2018修正）》 is 公司法)."""
        found = []
        for title in _BOOK_TITLE.findall(normalize(question).translate(_NESTED)):
            plain = _VERSION.sub("", _matching(title))
            known = plain in self._known or plain.removeprefix(_STATE_ZH) in self._known
            if not known and not self.named(title):  # 《劳动合同法第十条》 names a law
                found.append(f"《{title}》")
        return list(dict.fromkeys(found))

    def named(self, question: str) -> set[str]:
        """The ids of the documents the question names."""
        text = _matching(question)
        named: set[str] = set()
        taken: list[tuple[int, int]] = []
        for form, doc_ids in self.forms:
            start = text.find(form)
            while start >= 0:
                end = start + len(form)
                inside = any(s <= start and end <= e for s, e in taken)  # a longer title's
                if not inside and _stands_as_name(text, start, end):
                    named |= doc_ids
                    taken.append((start, end))
                start = text.find(form, start + 1)
        return named


def _forms(document: Document) -> set[str]:
    forms = set()
    zh = _matching(document.meta.title_zh)
    for title in {zh, _VERSION.sub("", zh)}:
        for form in (title, title.removeprefix(_STATE_ZH), title.replace("《" + _STATE_ZH, "《")):
            if len(form) >= _MIN_ZH and has_cjk(form):
                forms.add(form)
    en = _matching(document.meta.title_en)
    for title in {en, _VERSION.sub("", en)}:
        for form in (title, re.sub(r"\s+", " ", _STATE_EN.sub(" ", title)).strip()):
            if len(form.split()) >= _MIN_EN_WORDS and not has_cjk(form):
                forms.add(form)
    return forms


def _stands_as_name(text: str, start: int, end: int) -> bool:
    """Whether the title found at text[start:end] names its document there."""
    if text[start - 1 : start] == "《" and text[end : end + 1] == "》":
        return True
    form, before, after = text[start:end], text[:start], text[end:]
    if not has_cjk(form):
        word_before = re.search(r"([a-z0-9']+) $", before)
        return (
            not (before[-1:].isascii() and before[-1:].isalnum())
            and not (after[:1].isascii() and after[:1].isalnum())
            and (word_before is None or word_before.group(1) in _EN_BEFORE)
        )
    if form.endswith("法") and (
        after[:1] in _WORD_AFTER_FA or (after[:1] == "规" and after[1:2] != "定")
    ):
        return False  # 法定, 法人 …; 法规 but not 法规定
    if len(form) == _MIN_ZH and not after.startswith(_SHORT_FOLLOWERS):
        return False
    return not before or not has_cjk(before[-1]) or before.endswith(_INTRODUCERS)
