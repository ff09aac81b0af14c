"""Pair the Chinese and English text of each unit by its label, and never pair wrongly.

Each pair is checked on what survives translation: numbers (Arabic, or Chinese numerals with a
place value such as 三十 or 二百), Latin names written in both (WTO, UNCITRAL), and the length
ratio against the document's own median. When too many pairs fail, or the two versions number a
different set of units, the versions do not correspond (a 2018 text with a 2022 translation, say):
nothing is paired, and a warning says why. A pair that fails alone keeps both halves, unpaired.
"""

from __future__ import annotations

import math
import re
import statistics
from dataclasses import dataclass, field

from ingest.numbering import chinese_to_int
from rag.labels import PREAMBLE, unpaired_english_label
from rag.types import Span, Unit

_ZH_PLACE_NUMERAL = re.compile(
    r"[零〇一二两三四五六七八九]*[十百千][零〇一二两三四五六七八九十百千]*"
)
_DIGITS = re.compile(r"\d+(?:\.\d+)?")
_LATIN_NAME = re.compile(r"(?<![A-Za-z0-9])[A-Z][A-Z0-9]+(?![A-Za-z0-9])")
_RATIO_TOLERANCE = 5.0  # a pair whose length ratio is 5x off the document's median is suspect
_MAX_FAILED_SHARE = 0.3
_MIN_SHARED_LABELS = 0.9


@dataclass
class LangUnit:
    """A unit as one language tells it, before pairing."""

    label: str
    display: str
    heading: str
    paragraphs: list[str] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(p for p in self.paragraphs if p)


def _numbers_zh(text: str) -> set[str]:
    found = {n.lstrip("0") or "0" for n in _DIGITS.findall(text)}
    for numeral in _ZH_PLACE_NUMERAL.findall(text):
        try:
            found.add(str(chinese_to_int(numeral)))
        except ValueError:
            continue
    return found


def _numbers_en(text: str) -> set[str]:
    return {n.lstrip("0") or "0" for n in _DIGITS.findall(text)}


def pair_problem(zh: str, en: str, median_ratio: float) -> str | None:
    """Why this Chinese and English text are probably not translations of each other, or None."""
    zh_numbers, en_numbers = _numbers_zh(zh), _numbers_en(en)
    if len(zh_numbers) >= 2 and len(en_numbers) >= 2 and not zh_numbers & en_numbers:
        return "no number in common"
    zh_names, en_names = set(_LATIN_NAME.findall(zh)), set(_LATIN_NAME.findall(en))
    if zh_names and en_names and not zh_names & en_names:
        return "no name in common"
    if median_ratio > 0 and zh and en:
        ratio = len(en) / len(zh)
        if abs(math.log(ratio / median_ratio)) > math.log(_RATIO_TOLERANCE):
            return f"length ratio {ratio:.1f} against the document's {median_ratio:.1f}"
    return None


def align_units(
    zh_units: list[LangUnit], en_units: list[LangUnit]
) -> tuple[list[Unit] | None, list[str]]:
    """Merge the two languages' units by label, in document order.

    Returns None for the units when the two versions do not correspond at all.
    """
    zh_by_label = {u.label: u for u in zh_units}
    en_by_label = {u.label: u for u in en_units}
    shared = [label for label in zh_by_label if label in en_by_label]
    warnings: list[str] = []
    paired = set(shared)
    numbered_zh = {u.label for u in zh_units if u.label != PREAMBLE}
    numbered_en = {u.label for u in en_units if u.label != PREAMBLE}
    if numbered_zh and numbered_en:
        paired, warnings = _check_pairs(zh_by_label, en_by_label, shared, numbered_zh, numbered_en)
        if not paired:
            return None, warnings
    order = _merged_order([u.label for u in zh_units], [u.label for u in en_units])
    units: list[Unit] = []
    for label in order:
        zh, en = zh_by_label.get(label), en_by_label.get(label)
        if label in paired or zh is None or en is None:
            units.append(_unit(label, zh, en))
        else:
            units.append(_unit(label, zh, None))
            units.append(_unit(label, None, en))
    return _unique_labels(units), warnings


def _check_pairs(
    zh_by_label: dict[str, LangUnit],
    en_by_label: dict[str, LangUnit],
    shared: list[str],
    numbered_zh: set[str],
    numbered_en: set[str],
) -> tuple[set[str], list[str]]:
    ratios = [
        len(en_by_label[label].text) / len(zh_by_label[label].text)
        for label in shared
        if zh_by_label[label].text and en_by_label[label].text
    ]
    median = statistics.median(ratios) if ratios else 0.0
    problems = {
        label: problem
        for label in shared
        if (problem := pair_problem(zh_by_label[label].text, en_by_label[label].text, median))
    }
    share_failed = len(problems) / max(1, len(shared))
    shared_labels = len(numbered_zh & numbered_en) / max(len(numbered_zh), len(numbered_en))
    if (
        not shared
        or share_failed > _MAX_FAILED_SHARE
        or (shared_labels < _MIN_SHARED_LABELS and problems)
    ):
        return set(), [
            f"the Chinese ({len(numbered_zh)} units) and English ({len(numbered_en)} units) "
            f"versions do not correspond ({len(problems)} of {len(shared)} same-numbered pairs "
            "differ in numbers, names or length): no unit is paired, each language is its own "
            "document"
        ]
    warnings = [
        f"unit {label}: Chinese and English kept apart ({problem})"
        for label, problem in problems.items()
    ]
    return set(shared) - set(problems), warnings


def _merged_order(zh_labels: list[str], en_labels: list[str]) -> list[str]:
    order = list(zh_labels)
    position = {label: i for i, label in enumerate(order)}
    insert_at = 0
    for label in en_labels:
        if label in position:
            insert_at = order.index(label) + 1
            continue
        order.insert(insert_at, label)
        insert_at += 1
        position = {lab: i for i, lab in enumerate(order)}
    return order


def _unit(label: str, zh: LangUnit | None, en: LangUnit | None) -> Unit:
    return Unit(
        label=label,
        display_zh=zh.display if zh else "",
        display_en=en.display if en else "",
        heading_zh=zh.heading if zh else "",
        heading_en=en.heading if en else "",
        text_zh=zh.text if zh else "",
        text_en=en.text if en else "",
        spans_zh=tuple(zh.spans) if zh else (),
        spans_en=tuple(en.spans) if en else (),
    )


def _unique_labels(units: list[Unit]) -> list[Unit]:
    """Both halves of a pair that failed its check are kept; the English one under a label of its
    own (`25-en`)."""
    seen: set[str] = set()
    result = []
    for unit in units:
        if unit.label in seen:
            unit = Unit(**{**unit.__dict__, "label": unpaired_english_label(unit.label)})
        seen.add(unit.label)
        result.append(unit)
    return result
