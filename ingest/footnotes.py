"""Footnote markers glued to words ("held in compliance28 with law", "applied16 for") are
removed from the text at parse time; the lines keep exact spans into the source.

A marker is 1–3 digits directly after a word of at least three letters written in lower case
(or capitalised), where the digits are not part of a name, a number or a reference: capitals
(WGS84, GB18030, ISO9001) and mixed spellings (iPhone12) are names; a word joined to other text by
".", "/", "_", "@" or "-" is part of an address or a code; "Article5", "No12" or "utf8" is a
reference or a code; digits followed by a decimal point, letters or a hyphen belong to the word.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ingest.lines import Line
from rag.types import Span

_GLUED = re.compile(
    r"(?<![A-Za-z0-9_./@#\\-])([A-Z][a-z]{2,}|[a-z]{3,})(\d{1,3})(?![A-Za-z0-9_]|[.,:]\d|[-/]\w)"
)
# Words whose digits are a reference or a code, not a note: "Article5", "utf8".
_NOT_NOTES = frozenset(
    "article art arts section sec chapter item annex schedule part paragraph para rule form "
    "clause appendix page table figure note level grade class type version phase step room "
    "floor block unit route line zone lot case file draft utf sha ipv base win python covid "
    "html http https tls ssl mp".split()
)


def footnote_markers(text: str) -> list[Span]:
    """Where the footnote markers glued to words are in `text` (offsets of the digits)."""
    return [
        match.span(2) for match in _GLUED.finditer(text) if match.group(1).lower() not in _NOT_NOTES
    ]


def remove_footnote_markers(lines: list[Line]) -> list[Line]:
    """New lines without the footnote markers glued to their words (each counts its own).

    A line that loses a marker keeps the source offsets of each piece that remains, so the spans
    of its text still point exactly into the source."""
    result: list[Line] = []
    for line in lines:
        markers = footnote_markers(line.text)
        if not markers:
            result.append(line)
            continue
        pieces: list[Span] = []
        kept: list[str] = []
        position = 0
        for start, end in [*markers, (len(line.text), len(line.text))]:
            if start > position:
                kept.append(line.text[position:start])
                pieces.append((line.start + position, line.start + start))
            position = end
        result.append(
            replace(line, text="".join(kept), pieces=tuple(pieces), footnotes=len(markers))
        )
    return result
