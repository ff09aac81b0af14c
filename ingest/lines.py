"""Split extracted text into clean lines that remember where they sit in the source.

Markdown heading marks and list bullets are stripped (Westlaw deliveries prefix some items with
`- `); page furniture (page numbers, table-of-contents leaders, URLs) is marked as noise. Every
line keeps the character offsets of its content, so units can point back into the source.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rag.sentences import full_stop_ends_sentence
from rag.types import Span

PAGE_BREAK = "\f"
INFO_END = "<!-- INFO END -->"

_BULLET = re.compile(r"^(?:[-*+•·▪●]\s+)+")
_MD_HEADING = re.compile(r"^(#{1,6})\s*")
_COMMENT = re.compile(r"^<!--.*-->$")
_NOISE = [
    re.compile(r"^[-–—\s]*\d{1,4}[-–—\s]*$"),  # page numbers
    re.compile(r"^(?:page|第)\s*\d+\s*(?:页|of\s+\d+)?$", re.I),
    re.compile(r"(?:\.{4,}|…{2,}|·{4,})\s*\(?\d*\)?\s*$"),  # table-of-contents leaders
    re.compile(r"^(?:目\s*录|contents|table of contents)$", re.I),
    re.compile(r"^\S{0,3}\s*https?://\S+$"),
    re.compile(r"^©.*(?:Thomson Reuters|all rights reserved)", re.I),
]
_TERMINAL = "。；！？.!?;:："
_CLOSERS = "”’」』）)】]\"'*"


@dataclass
class Line:
    start: int
    end: int
    text: str
    gap: int = 0  # blank lines before it (a page break counts as two)
    md_level: int = 0
    noise: bool = False
    info_end: bool = False
    pieces: tuple[Span, ...] = ()  # where the text comes from, when not source[start:end]
    footnotes: int = 0  # footnote markers removed from the text

    @property
    def spans(self) -> tuple[Span, ...]:
        """Source offsets of the text's characters, in order."""
        return self.pieces or ((self.start, self.end),)


def split_lines(text: str) -> list[Line]:
    lines: list[Line] = []
    gap = 0
    offset = 0
    for raw in text.split("\n"):
        start, end = offset, offset + len(raw)
        offset = end + 1
        if raw.strip() == PAGE_BREAK or (raw and not raw.replace(PAGE_BREAK, "").strip()):
            gap += 2 if PAGE_BREAK in raw else 1
            continue
        content = raw.strip()
        if not content:
            gap += 1
            continue
        start += len(raw) - len(raw.lstrip())
        end = start + len(content)
        if content == INFO_END:
            lines.append(Line(start, end, "", gap=gap, info_end=True))
            gap = 0
            continue
        if _COMMENT.match(content):
            gap += 1
            continue
        md_level = 0
        if m := _MD_HEADING.match(content):
            md_level = len(m.group(1))
            start += m.end()
            content = content[m.end() :]
        if m := _BULLET.match(content):
            start += m.end()
            content = content[m.end() :]
        if not content.strip():
            gap += 1
            continue
        noise = any(p.search(content) for p in _NOISE)
        lines.append(Line(start, end, content, gap=gap, md_level=md_level, noise=noise))
        gap = 0
    return lines


def ends_sentence(text: str, following: str | None = None) -> bool:
    """Whether a paragraph ends a sentence (ignoring closing quotes and brackets). With the text
    that follows it, a full stop after an abbreviation ("No.", "a.m.") is judged as the sentence
    splitter judges it."""
    stripped = text.rstrip().rstrip(_CLOSERS)
    if not stripped or stripped[-1] not in _TERMINAL:
        return False
    if following is None or stripped[-1] != "." or stripped != text.rstrip():
        return True
    return full_stop_ends_sentence(stripped, following)


def open_brackets(text: str) -> int:
    """How many round brackets the text leaves open."""
    return (text.count("（") + text.count("(")) - (text.count("）") + text.count(")"))
