"""Numbering schemes of Chinese and English legal texts: numerals and paragraph markers.

A `Marker` is the number that opens a line (`第五十四条`, `（三）`, `6.`, `Article 54`, `(6)`),
classified by `family` so the parser can tell which family numbers the document's units, which
numbers its headings, and which numbers sub-items inside a unit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rag.labels import numbered_label
from rag.numerals import ZH_NUM, chinese_to_int, roman_to_int

_EN_WORDS = {
    w: i
    for i, w in enumerate(
        "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
        "sixteen seventeen eighteen nineteen twenty".split(),
        start=1,
    )
}


def parse_number(text: str) -> int:
    """Any numeral a heading or marker may use: Arabic, Chinese, Roman or an English word."""
    text = text.strip()
    if text.lower() in _EN_WORDS:
        return _EN_WORDS[text.lower()]
    if re.fullmatch(r"[IVXLCDMivxlcdm]+", text):
        return roman_to_int(text)
    return chinese_to_int(text)


# Families. Articles and item families number units; part families number headings.
ARTICLE = "article"  # 第五十四条 / Article 54
ZH_DUN = "zh_dun"  # 一、
ZH_PAREN = "zh_paren"  # （一）
ARABIC_DOT = "arabic_dot"  # 1. / 1、 / 1．
ARABIC_PAREN = "arabic_paren"  # (1) / （1）
PART = "part"  # 第一编 / 第一章 / 第一节 / Part I / Chapter I / Section 1
PREAMBLE_HEAD = "preamble"  # 序言 / Preamble
ANNEX = "annex"  # 附件一 / Annex I

_PART_LEVEL_ZH = {"编": 1, "編": 1, "分编": 2, "分編": 2, "章": 3, "节": 4, "節": 4}
_PART_LEVEL_EN = {
    "part": 1,
    "subpart": 2,
    "sub-part": 2,
    "chapter": 3,
    "section": 4,
    "subsection": 5,
    "sub-section": 5,
}

_SEP = r"[\s\u3000:：.．、]"
_ZH_ARTICLE = re.compile(
    rf"^第([{ZH_NUM}\d]+)[条條](?:之([{ZH_NUM}\d]+))?(?=(?P<sep>{_SEP}|$)|(?P<tight>[^\s\u3000]))"
)
_EN_ARTICLE = re.compile(r"^Art(?:icle|\.)\s*(\d+)(?:\s*-\s*(\d+)|([a-z])\b)?(?=[\s:.．]|$)", re.I)
_ZH_PART = re.compile(
    rf"^第([{ZH_NUM}\d]+)(分编|分編|编|編|章|节|節)(?=[\s\u3000]|$|[^\s\u3000条條款项項])"
)
_EN_PART = re.compile(
    r"^(Part|Sub-?part|Chapter|Section|Sub-?section)\s+([IVXLCDM]+|\d+|[A-Za-z]+)\b[\s.:]*", re.I
)
_ZH_DUN = re.compile(rf"^([{ZH_NUM}]+)[、.．](?!\d)")
_ZH_PAREN = re.compile(rf"^[（(]([{ZH_NUM}]+)[）)]")
_ARABIC_DOT = re.compile(r"^(\d{1,3})(?:[.．、](?!\d)|\s*、)")
_ARABIC_PAREN = re.compile(r"^[（(](\d{1,3})[）)]")
_PREAMBLE = re.compile(r"^(序\s*言|前\s*言|Preamble)\s*$", re.I)
_ZH_ANNEX = re.compile(rf"^(附件|附录|附錄|附表|附(?=[:：]))\s*([{ZH_NUM}\d]*)(?=[\s\u3000:：]|$)")
_EN_ANNEX = re.compile(
    r"^(Annex|Appendix|Schedule|Attachment)\b\s*([IVXLCDM]+|\d+)?(?=\s+[A-Z“\"]|\s*[:.]?\s*$)"
)
# After an article number without a separator, these characters mean a cross-reference
# ("第二十八条第二款规定的…"), not a new article.
_REFERENCE_FOLLOWERS = set("第规規的、，,和或及至中款项項与與所同条條之前后後起")


@dataclass(frozen=True)
class Marker:
    family: str
    number: int
    sub: int = 0  # 之一 / Article 120-1
    level: int = 0  # heading level for PART markers
    end: int = 0  # where the marker ends in the line
    tight: bool = False  # no separator between the marker and the text
    raw: str = ""

    @property
    def label(self) -> str:
        return numbered_label(self.number, self.sub)


def match_marker(line: str, lang: str) -> Marker | None:
    """The numbering marker that opens `line`, if any."""
    if lang == "zh":
        return _match_zh(line)
    return _match_en(line)


def _match_zh(line: str) -> Marker | None:
    if m := _ZH_ARTICLE.match(line):
        tight = m.group("tight") is not None
        if tight and m.group("tight") in _REFERENCE_FOLLOWERS:
            return None
        sub = chinese_to_int(m.group(2)) if m.group(2) else 0
        return Marker(
            ARTICLE, chinese_to_int(m.group(1)), sub, end=m.end(), tight=tight, raw=m.group(0)
        )
    if m := _ZH_PART.match(line):
        return Marker(
            PART,
            chinese_to_int(m.group(1)),
            level=_PART_LEVEL_ZH[m.group(2)],
            end=m.end(),
            raw=m.group(0),
        )
    if m := _PREAMBLE.match(line):
        return Marker(PREAMBLE_HEAD, 0, end=m.end(), raw=m.group(0))
    if (m := _ZH_ANNEX.match(line)) and len(line) <= 60:
        return Marker(
            ANNEX, chinese_to_int(m.group(2)) if m.group(2) else 1, end=m.end(), raw=m.group(0)
        )
    return _match_items(line)


def _match_en(line: str) -> Marker | None:
    if m := _EN_ARTICLE.match(line):
        sub = int(m.group(2)) if m.group(2) else (ord(m.group(3).lower()) - 96 if m.group(3) else 0)
        return Marker(ARTICLE, int(m.group(1)), sub, end=m.end(), raw=m.group(0))
    if (m := _EN_PART.match(line)) and len(line) <= 200:
        try:
            number = parse_number(m.group(2))
        except (ValueError, KeyError):
            return None
        level = _PART_LEVEL_EN[m.group(1).lower()]
        return Marker(PART, number, level=level, end=m.end(), raw=m.group(0))
    if m := _PREAMBLE.match(line):
        return Marker(PREAMBLE_HEAD, 0, end=m.end(), raw=m.group(0))
    if (m := _EN_ANNEX.match(line)) and len(line) <= 200:
        number = parse_number(m.group(2)) if m.group(2) else 1
        return Marker(ANNEX, number, end=m.end(), raw=m.group(0))
    return _match_items(line)


def _match_items(line: str) -> Marker | None:
    for family, pattern, convert in (
        (ZH_DUN, _ZH_DUN, chinese_to_int),
        (ZH_PAREN, _ZH_PAREN, chinese_to_int),
        (ARABIC_PAREN, _ARABIC_PAREN, int),
        (ARABIC_DOT, _ARABIC_DOT, int),
    ):
        if m := pattern.match(line):
            return Marker(family, convert(m.group(1)), end=m.end(), raw=m.group(0))
    return None
