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

A document the library has in Chinese only is also named by an English rendering of its title:
a capitalised name ending in the kind of instrument it is ("China's Data Security Law", "the
Regulations on the Administration of Human Genetic Resources"; when the question has none, the
words right before an instrument in lower case: "under the data security law") names the title
of that kind (法, 条例 …) whose words CC-CEDICT glosses with the name's words, when three
quarters of the title (less its kind) are so explained and three quarters of the name's words
explain something, and no other title is explained as well: 网络 安全 for "network security",
反 外国 制裁 for "Anti-Foreign Sanctions". A rendering that is not word for word ("Civil
Procedure" for 民事诉讼) names nothing.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache, cached_property

from rag.bridge import english_words, meanings
from rag.keyword import search_spans
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
# English names of instruments, with the Chinese titles' endings they render.
_EN_KINDS: dict[str, tuple[str, ...]] = {
    "Law": ("法",),
    "Code": ("法典",),
    "Regulations": ("条例", "规定", "办法"),
    "Provisions": ("规定",),
    "Measures": ("办法",),
    "Rules": ("规则", "规定"),
    "Interpretation": ("解释",),
    "Decision": ("决定",),
    "Opinions": ("意见",),
}
_ENDINGS = frozenset(ending for endings in _EN_KINDS.values() for ending in endings)
_INSTRUMENT_WORD = rf"(?:{'|'.join(_EN_KINDS)})\b"
# a capitalised word; an instrument only inside a longer name ("the Labor Contract Law
# Implementation Regulations"), not where a name ends ("the Data Security Law and …")
_CAPITAL = rf"(?!{_INSTRUMENT_WORD}(?!\s+[A-Z]))[A-Z][\w'’-]*"
# What may follow a name's instrument and make it no name: "a Company Law firm", "law school".
_NOT_AFTER = (
    r"(?!(?i:['’]?\s*(?:firms?|schools?|students?|societ(?:y|ies)|professors?|degrees?|class(?:es)?"
    r"|courses?|journals?|reviews?|facult(?:y|ies)|departments?|librar(?:y|ies)|clinics?"
    r"|practi(?:ce|tioners?)|graduates?|enforcement|makers?|suits?)\b))"
)
# A name: capitalised words (with "of", "and" … between them, not "the": "Explain the Data
# Security Law" names the Data Security Law), then the instrument, then perhaps "on/of/for …"
# and more of them.
_EN_NAME = re.compile(
    rf"((?:{_CAPITAL}\s+(?:(?:of|on|for|and|in|to|against|concerning)\s+)*)*)"
    rf"\b({'|'.join(_EN_KINDS)})\b{_NOT_AFTER}"
    rf"((?:\s+(?:of|on|for|concerning)\s+(?:the\s+)?{_CAPITAL}"
    rf"(?:\s+(?:(?:of|on|for|the|in|to|against|concerning|and(?!\s+the\b))\s+)*{_CAPITAL})*)?)"
)
# A name written in lower case ("under the data security law"): the words right before the
# instrument, none of them a word that begins or links a phrase.
_LOWER_BREAKS = (
    "the|a|an|under|of|on|in|by|per|to|for|from|with|about|what|which|does|do|did|is|are|was|"
    "were|be|can|could|may|must|shall|should|will|would|how|why|when|where|who|whether|if|my|"
    "our|your|their|its|his|her|this|that|these|those|any|all|and|or|not|new|old|current"
)
_EN_NAME_LOWER = re.compile(
    rf"\b((?:(?!(?:{_LOWER_BREAKS})\b)[a-z][a-z'’-]*\s+){{1,6}})"
    rf"({'|'.join(kind.lower() for kind in _EN_KINDS)})\b{_NOT_AFTER}"
)

# The share of a title a name must explain (a word counting by the share of its gloss the name
# holds: "Labor" explains half of 劳动合同, "labor contract"), and of the name's words the title.
_TITLE_EXPLAINED = 0.75
_NAME_EXPLAINED = 0.75
_JOINING_ZH = frozenset("和与及的之")  # rendered by words a name's content leaves out
# What a word counts for when it meets a gloss's word by the stem alone: stems of unrelated
# words meet (securities and secure: 证券, not 保险).
_STEM_ONLY = 0.7


@cache
def _not_title() -> frozenset[str]:
    """The stems of a name's words that are no part of a rendered title (stemmed on first use,
    not when the module is imported: the stemmer takes 40 ms to load)."""
    words = english_words("People's Republic of China PRC China's Chinese under per")
    return frozenset(stem for stem, _ in words)


def _matching(text: str) -> str:
    text = normalize(text).translate(_NESTED).replace("’", "'")
    return re.sub(r"\s+", " ", text.lower()).strip()


@dataclass(frozen=True)
class Titles:
    """Every way the library's documents can be named, longest first, with their documents."""

    forms: tuple[tuple[str, frozenset[str]], ...]
    # The short Chinese titles of the documents without an English one, with their documents.
    translatable: tuple[tuple[str, frozenset[str]], ...] = ()

    @classmethod
    def of(cls, documents: Mapping[str, Document]) -> Titles:
        found: dict[str, set[str]] = {}
        chinese_only: dict[str, set[str]] = {}
        for doc_id, document in documents.items():
            for form in _forms(document):
                found.setdefault(form, set()).add(doc_id)
            short = _VERSION.sub("", _matching(document.meta.title_zh)).removeprefix(_STATE_ZH)
            if not document.meta.title_en and short:
                chinese_only.setdefault(short, set()).add(doc_id)
        ordered = sorted(found.items(), key=lambda item: (-len(item[0]), item[0]))
        return cls(
            tuple((form, frozenset(ids)) for form, ids in ordered),
            tuple((form, frozenset(ids)) for form, ids in sorted(chinese_only.items())),
        )

    @cached_property
    def _known(self) -> frozenset[str]:
        return frozenset(form for form, _ in self.forms)

    @cached_property
    def _rendered(self) -> tuple[_Rendering, ...]:
        """The Chinese-only documents' titles, as English names may render them (built the
        first time a question holds an English name: it reads CC-CEDICT)."""
        return tuple(
            _Rendering.of(form, ending, doc_ids)
            for form, doc_ids in self.translatable
            for ending in _ENDINGS
            if form.endswith(ending) and len(form) > len(ending)
        )

    def named_in_english(self, question: str, titled: Sequence[str] = ()) -> set[str]:
        """The Chinese-only documents the question names by an English rendering of the title:
        for each name, those of the title that explains it best. A name that holds, or is
        within, one of the `titled` English titles found in the question names no other."""
        named: set[str] = set()
        text = normalize(question)
        names = [(m[0], f"{m[1]} {m[3]}", m[2]) for m in _EN_NAME.finditer(text)] or [
            (m[0], m[1], m[2].capitalize()) for m in _EN_NAME_LOWER.finditer(text.lower())
        ]
        for whole, title_words, kind in dict.fromkeys(names):
            name = _matching(whole)
            if any(title in name or name in title for title in titled):
                continue
            words: dict[str, set[str]] = {}
            for stem, word in english_words(title_words):
                if stem not in _not_title():
                    words.setdefault(stem, set()).add(word)
            endings = _EN_KINDS[kind]
            scored = [
                (score, rendering)
                for rendering in self._rendered
                if rendering.ending in endings and (score := rendering.explains(words))
            ]
            top = max((score for score, _ in scored), default=0.0)
            best = [rendering for score, rendering in scored if score == top]
            if len(best) == 1:  # two titles explaining a name alike: it names neither
                named |= best[0].doc_ids
        return named

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
        if self.translatable:
            titled = [text[s:e] for s, e in taken if not has_cjk(text[s:e])]
            named |= self.named_in_english(question, titled)
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


@dataclass(frozen=True)
class _Rendering:
    """A Chinese title as English may render it: its words (jieba's search-mode words and its
    characters) by position, each with its CC-CEDICT glosses, less its ending (法, 条例 …),
    which the name's instrument word renders. A word is explained by the share of the words of
    one of its glosses that the name holds: 劳动合同 ("labor contract") by half by "the Labor
    Law", which 劳 ("labor") explains whole."""

    ending: str
    length: int
    words: tuple[tuple[int, int, frozenset[tuple[tuple[str, str], ...]]], ...]
    doc_ids: frozenset[str]
    joining: tuple[int, ...] = ()  # where its joining characters are (和, 与 …: "and", "of")

    @cached_property
    def stems(self) -> frozenset[str]:
        """Every stem of every gloss of its words."""
        return frozenset(stem for _, _, glosses in self.words for g in glosses for stem, _ in g)

    @classmethod
    def of(cls, title: str, ending: str, doc_ids: frozenset[str]) -> _Rendering:
        core = title[: -len(ending)]
        words = [(start, end, meanings(word)) for word, start, end in search_spans(core)]
        words += [(i, i + 1, meanings(char)) for i, char in enumerate(core)]
        joining = tuple(i for i, char in enumerate(core) if char in _JOINING_ZH)
        return cls(ending, len(core), tuple(w for w in words if w[2]), doc_ids, joining)

    def explains(self, name: Mapping[str, set[str]]) -> float:
        """How well the title and the name's words (by stem, with the words as written) explain
        each other (the two shares summed), or 0 when the title's share is below
        `_TITLE_EXPLAINED` or the name's below `_NAME_EXPLAINED`. A word is explained by the
        share of one of its glosses' words the name holds, less those a word within it explains
        whole: "the Contract Law" explains 合同 in 劳动合同 ("labor contract"), not 劳动."""
        if not name or len(self.stems.intersection(name)) < _NAME_EXPLAINED * len(name):
            return 0.0
        whole: list[tuple[int, int, tuple[tuple[str, str], ...]]] = []
        partial: list[tuple[int, int, tuple[tuple[str, str], ...]]] = []
        for start, end, glosses in self.words:
            for gloss in glosses:
                if all(stem in name for stem, _ in gloss):
                    whole.append((start, end, gloss))
                elif any(stem in name for stem, _ in gloss):
                    partial.append((start, end, gloss))
        covered = [0.0] * self.length
        for i in self.joining:
            covered[i] = 1.0
        found: set[str] = set()
        for start, end, gloss in whole:
            share = self._credit(gloss, name) / len(gloss)
            covered[start:end] = [max(c, share) for c in covered[start:end]]
            found.update(stem for stem, _ in gloss)
        for start, end, gloss in partial:
            inner = frozenset(
                stem
                for s, e, g in whole
                if start <= s and e <= end and e - s < end - start
                for stem, _ in g
            )
            credit = self._credit(gloss, name, inner)
            covered[start:end] = [max(c, credit / len(gloss)) for c in covered[start:end]]
            found.update(stem for stem, _ in gloss if stem in name)
        title_share, name_share = sum(covered) / self.length, len(found) / len(name)
        if title_share < _TITLE_EXPLAINED or name_share < _NAME_EXPLAINED:
            return 0.0
        return title_share + name_share

    @staticmethod
    def _credit(
        gloss: tuple[tuple[str, str], ...],
        name: Mapping[str, set[str]],
        inner: frozenset[str] = frozenset(),
    ) -> float:
        """The gloss's words the name holds, less those in `inner`: each 1, or `_STEM_ONLY`
        when the name holds it by its stem alone."""
        return sum(
            1.0 if word in name[stem] else _STEM_ONLY
            for stem, word in gloss
            if stem in name and stem not in inner
        )
