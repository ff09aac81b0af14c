"""Lines → paragraphs: each with its language and the numbering marker that opens it.

Lines that a PDF wrapped or a page break cut are joined back into one paragraph (Chinese without
a space, English with one); a marker at the start of a wrapped line mid-sentence is not a marker.
"""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass, replace
from enum import StrEnum

from ingest import numbering as nb
from ingest.lines import Line, ends_sentence, open_brackets
from ingest.metadata import metadata_fields
from rag.text import join_wrapped, text_language
from rag.types import Lang, Span


class ParaRole(StrEnum):
    TEXT = "text"
    META = "meta"  # metadata fields, or a note under the title
    TITLE = "title"
    HEADING = "heading"


@dataclass(frozen=True)
class Para:
    lang: Lang | None
    text: str
    spans: tuple[Span, ...]
    gap: int = 0
    md_level: int = 0
    marker: nb.Marker | None = None
    role: ParaRole = ParaRole.TEXT
    footnotes: int = 0  # footnote markers removed from its lines

    def extended(self, line: Line) -> Para:
        """This paragraph carried on by a line a wrap or a page break cut from it."""
        return replace(
            self,
            text=join_wrapped(self.text, line.text),
            spans=self.spans + line.spans,
            footnotes=self.footnotes + line.footnotes,
        )


def _marker(text: str, lang: Lang | None) -> nb.Marker | None:
    if lang is None:
        return nb.match_marker(text, "zh") or nb.match_marker(text, "en")
    return nb.match_marker(text, lang)


def _display_width(text: str) -> int:
    return sum(2 if ord(c) > 0x2E80 else 1 for c in text)


def build_paragraphs(lines: list[Line], wrapped: bool) -> list[Para]:
    lines = [line for line in lines if not line.noise and not line.info_end]
    if wrapped:
        lines = _drop_running_headers(lines)
    full_width = _full_line_widths(lines) if wrapped else {}
    paras: list[Para] = []
    previous_line: Line | None = None
    for line in lines:
        lang = text_language(line.text)
        marker = _marker(line.text, lang)
        last = _last_of_lang(paras, lang)
        adjacent = last == len(paras) - 1
        if (
            wrapped
            and marker is not None
            and marker.family != nb.ARTICLE
            and _mid_sentence(previous_line, line, paras, lang, full_width)
        ):
            marker = None  # a wrapped line that happens to start with "Annex I," or "(2)"
        if (
            last is not None
            and marker is None
            and _continues(paras[last], line, lang, wrapped, previous_line, full_width, adjacent)
        ):
            paras[last] = paras[last].extended(line)
        else:
            paras.append(
                Para(
                    lang,
                    line.text,
                    line.spans,
                    gap=line.gap,
                    md_level=line.md_level,
                    marker=marker,
                    footnotes=line.footnotes,
                )
            )
        previous_line = line
    return paras


def _last_of_lang(paras: list[Para], lang: Lang | None) -> int | None:
    """The index of the paragraph a line in `lang` may continue."""
    for index in range(len(paras) - 1, -1, -1):
        para = paras[index]
        if para.lang == lang or lang is None:
            return index
        if para.lang is not None:
            # Another language intervened: only a page-cut paragraph may continue across it.
            continue
    return None


def _continues(
    last: Para,
    line: Line,
    lang: Lang | None,
    wrapped: bool,
    previous_line: Line | None,
    full_width: dict[str, float],
    adjacent: bool,
) -> bool:
    """Whether `line` carries on paragraph `last` (cut by a line wrap or a page break); `adjacent`:
    no paragraph came between them."""
    if line.md_level or last.md_level:
        return False
    if open_brackets(last.text) > 0 and adjacent:
        return True
    if ends_sentence(last.text, line.text) or metadata_fields(line.text) is not None:
        return False
    starts_lower = line.text[:1].islower()
    if wrapped and adjacent and previous_line is not None:
        width = full_width.get(lang or "", 0.0)
        if width and _display_width(previous_line.text) >= 0.75 * width:
            return True
        return lang == "en" and starts_lower
    is_heading = last.marker is not None and last.marker.family in (nb.PART, nb.PREAMBLE_HEAD)
    if is_heading:
        return False
    page_cut = line.gap >= 2
    return page_cut or (lang == "en" and starts_lower)


def _mid_sentence(
    previous_line: Line | None,
    line: Line,
    paras: list[Para],
    lang: Lang | None,
    full_width: dict[str, float],
) -> bool:
    if previous_line is None or not paras or ends_sentence(paras[-1].text, line.text):
        return False
    width = full_width.get(lang or "", 0.0)
    return bool(width) and _display_width(previous_line.text) >= 0.75 * width


def _full_line_widths(lines: list[Line]) -> dict[str, float]:
    widths: dict[str, list[int]] = {"zh": [], "en": []}
    for line in lines:
        line_lang = text_language(line.text)
        if line_lang:
            widths[line_lang].append(_display_width(line.text))
    result: dict[str, float] = {}
    for lang, values in widths.items():
        if len(values) >= 5:
            result[lang] = statistics.quantiles(values, n=10)[8]
    return result


def _drop_running_headers(lines: list[Line]) -> list[Line]:
    """Lines that repeat on many pages (running titles) are page furniture."""
    counts = Counter(line.text for line in lines if len(line.text) < 60)
    pages = 1 + sum(1 for line in lines if line.gap >= 2)
    repeated = {t for t, n in counts.items() if n >= 5 and n >= 0.2 * pages}
    return [line for line in lines if line.text not in repeated or _marker(line.text, None)]


def classify_metadata(para: Para) -> tuple[Para, dict[str, str]]:
    """A paragraph of metadata fields ("颁布机关: …") in the meta role, with the fields it gives;
    any other paragraph as it is, with none."""
    found = metadata_fields(para.text)
    if found is None:
        return para, {}
    return replace(para, role=ParaRole.META), found
