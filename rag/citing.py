"""Citation strings a lawyer can paste into a memo, in the document's own numbering."""

from __future__ import annotations

import re

from rag.labels import LabelKind, article_name, parse_label
from rag.types import Document, Unit


def _zh_number(doc_number: str) -> str:
    """法发[2020]37号 → 法发〔2020〕37号 (the form official citations use)."""
    return re.sub(r"\[(\d{4})\]", r"〔\1〕", doc_number)


def citation_zh(document: Document, unit: Unit) -> str:
    meta = document.meta
    title = meta.title_zh or meta.title_en or document.title
    head = f"《{title}》" + (f"（{_zh_number(meta.doc_number_zh)}）" if meta.doc_number_zh else "")
    return head + paragraph_zh(unit)


def paragraph_zh(unit: Unit) -> str:
    """第11条 / 第120条之一 / 序言: a unit as a Chinese citation names it."""
    label = parse_label(unit.label)
    if label is None:
        return unit.display_zh
    if label.kind == LabelKind.PREAMBLE:
        return "序言"
    if label.kind == LabelKind.ANNEX:
        return unit.display_zh or f"附件{label.number}"
    return article_name(label.number, label.sub, "zh")


def citation_en(document: Document, unit: Unit) -> str:
    meta = document.meta
    title = meta.title_en or meta.title_zh or document.title
    head = title + (f" ({meta.doc_number_en})" if meta.doc_number_en else "")
    return f"{head}, {paragraph_en(unit)}"


def paragraph_en(unit: Unit) -> str:
    """Article 11 / item (11) / Preamble: a unit as an English citation names it."""
    label = parse_label(unit.label)
    if label is not None and label.kind == LabelKind.PREAMBLE:
        return "Preamble"
    display = unit.display_en or unit.label
    if display.startswith("("):
        return f"item {display}"
    if re.fullmatch(r"[\d-]+\.?", display):
        return f"item {display.rstrip('.')}"
    return display
