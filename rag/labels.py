"""Unit labels: the one grammar of a unit's own number, written, read and shown here only.

- `"6"`: paragraph 6 of the document (article 第六条 / Article 6, or item 6. / (6));
- `"120-1"`: an inserted article (第一百二十条之一 / Article 120-1);
- `"annex-1"`: an appendix (附件一 / Annex I);
- `"preamble"`: the text before the first number;
- `"25-en"`: the English half of a pair that failed its check, kept apart from the Chinese `"25"`
  (any of the above may carry the suffix).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from rag.numerals import small_chinese_numeral
from rag.types import Lang, Unit

PREAMBLE = "preamble"
_ANNEX = "annex-"
_UNPAIRED_EN = "-en"
_NUMBERED = re.compile(r"(\d+)(?:-(\d+))?")


class LabelKind(StrEnum):
    NUMBERED = "numbered"
    ANNEX = "annex"
    PREAMBLE = "preamble"


@dataclass(frozen=True)
class Label:
    kind: LabelKind
    number: int = 0  # the paragraph's or the annex's number
    sub: int = 0  # 之一 → 1
    unpaired_en: bool = False

    def __str__(self) -> str:
        if self.kind == LabelKind.PREAMBLE:
            text = PREAMBLE
        elif self.kind == LabelKind.ANNEX:
            text = f"{_ANNEX}{self.number}"
        else:
            text = f"{self.number}-{self.sub}" if self.sub else str(self.number)
        return text + (_UNPAIRED_EN if self.unpaired_en else "")


def numbered_label(number: int, sub: int = 0) -> str:
    return str(Label(LabelKind.NUMBERED, number, sub))


def annex_label(number: int) -> str:
    return str(Label(LabelKind.ANNEX, number))


def unpaired_english_label(label: str) -> str:
    """The label of the English half of a pair that failed its check."""
    return label + _UNPAIRED_EN


def parse_label(text: str) -> Label | None:
    """The label a string names, or None for a string outside the grammar."""
    unpaired = text.endswith(_UNPAIRED_EN)
    base = text.removesuffix(_UNPAIRED_EN)
    if base == PREAMBLE:
        return Label(LabelKind.PREAMBLE, unpaired_en=unpaired)
    if base.startswith(_ANNEX) and base[len(_ANNEX) :].isdigit():
        return Label(LabelKind.ANNEX, int(base[len(_ANNEX) :]), unpaired_en=unpaired)
    if m := _NUMBERED.fullmatch(base):
        return Label(LabelKind.NUMBERED, int(m.group(1)), int(m.group(2) or 0), unpaired)
    return None


def article_number(label: str) -> int | None:
    """The number of the article or item a label names, as another article refers to it (None
    for a preamble, an annex, an inserted article: 第一百二十条之一 is not 第一百二十条)."""
    parsed = parse_label(label)
    if parsed is None or parsed.kind != LabelKind.NUMBERED or parsed.sub:
        return None
    return parsed.number


def article_name(number: int, sub: int, lang: Lang) -> str:
    """第120条之一 / Article 120-1."""
    if lang == "zh":
        return f"第{number}条" + (f"之{small_chinese_numeral(sub)}" if sub else "")
    return f"Article {numbered_label(number, sub)}"


def default_display(label: str, articles: bool, lang: Lang) -> str:
    """How to show a unit's number in a language the document does not provide: as an article
    when the document numbers articles, else as an item (`6.` in Chinese, `(6)` in English).
    The English half of a pair that failed its check has no other-language number to show."""
    parsed = parse_label(label)
    if parsed is None or parsed.unpaired_en:
        return ""
    if parsed.kind == LabelKind.PREAMBLE:
        return "序言" if lang == "zh" else "Preamble"
    if parsed.kind == LabelKind.ANNEX:
        return f"附件{parsed.number}" if lang == "zh" else f"Annex {parsed.number}"
    if articles:
        return article_name(parsed.number, parsed.sub, lang)
    return f"{label}." if lang == "zh" else f"({label})"


def displays(unit: Unit) -> str:
    """Both of a unit's own numbers, as a reader sees them: `11. / (11)`, `第54条 / Article 54`."""
    return " / ".join(x for x in (unit.display_zh, unit.display_en) if x)
