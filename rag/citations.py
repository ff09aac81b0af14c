"""Citation checks that hold in every answering mode.

Sources are numbered [1]…[k]. In an answer: a marker that points to no source is removed and
reported; a quoted span (“…”, "…", 「…」, 『…』) must appear verbatim (whitespace, width and
script normalised) in a unit its sentence cites; a sentence without a citation is listed as
unsupported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rag.text import normalize
from rag.types import Citation, Source

_MARKER = re.compile(r"\[\s*(\d+(?:\s*[,，、]\s*\d+)*)\s*\]|【\s*(\d+)\s*】")
_QUOTE = re.compile(r"“([^”]{2,})”|\"([^\"\n]{2,})\"|「([^」]{2,})」|『([^』]{2,})』")
# A sentence ends at 。！？!? or a period before a space, a citation or the end; closing quotes
# and brackets after the end stay with it, and so do the citation markers that follow.
_SENTENCE = re.compile(
    r".*?(?:[。！？!?]+|\.(?=[”’\"'」』)）]*(?:\s|$|\[|【)))[”’\"'」』)）]*"
    r"(?:\s*(?:\[\s*\d+(?:\s*[,，、]\s*\d+)*\s*\]|【\s*\d+\s*】))*"
    r"|.+$",
    re.S,
)
_ELLIPSIS = re.compile(r"…+|\.{3,}")


@dataclass(frozen=True)
class CheckedAnswer:
    text: str
    citations: tuple[Citation, ...]
    unsupported: tuple[str, ...]
    removed_markers: tuple[str, ...]


def citation(source: Source, quote: str | None, verified: bool) -> Citation:
    unit = source.unit
    return Citation(
        n=source.n,
        doc_id=source.document.doc_id,
        doc_title=source.document.title,
        label=unit.label,
        display_zh=unit.display_zh,
        display_en=unit.display_en,
        text_zh=unit.text_zh,
        text_en=unit.text_en,
        quote=quote,
        verified=verified,
    )


def answer_sentences(text: str) -> list[str]:
    """Sentences of an answer, each with the citation markers that follow it."""
    sentences: list[str] = []
    for line in text.split("\n"):
        sentences.extend(s.strip() for s in _SENTENCE.findall(line) if s.strip())
    return sentences


def _squash(text: str) -> str:
    """Matching form: normalized, without spaces, case-folded (a quote may start a sentence)."""
    return re.sub(r"\s+", "", normalize(text)).casefold()


def quote_parts(quote: str) -> list[str]:
    """The pieces of a quote between its ellipses ("…", "..."), without spaces and quote marks."""
    parts = (part.strip().strip('“”"「」『』') for part in _ELLIPSIS.split(quote))
    return [part for part in parts if part]


def quote_in(quote: str, text: str) -> bool:
    """Whether a quoted span appears verbatim in text; an ellipsis may skip words between parts."""
    haystack = _squash(text)
    position = 0
    for part in quote_parts(quote):
        needle = _squash(part).strip(",，、;；:：")
        if not needle:
            continue
        found = haystack.find(needle, position)
        if found < 0:
            return False
        position = found + len(needle)
    return position > 0


def _texts(source: Source) -> str:
    return f"{source.unit.text_zh}\n{source.unit.text_en}"


def verify_citations(
    text: str, sources: tuple[Source, ...], exempt: tuple[str, ...] = ()
) -> CheckedAnswer:
    """Check an answer against its numbered sources; `exempt` lines need no citation."""
    by_n = {s.n: s for s in sources}
    removed: list[str] = []

    def keep_valid(match: re.Match[str]) -> str:
        numbers = [int(n) for n in re.findall(r"\d+", match.group(0))]
        valid = [n for n in numbers if n in by_n]
        if len(valid) < len(numbers):
            removed.append(match.group(0))
        return "".join(f"[{n}]" for n in valid)

    cleaned = _MARKER.sub(keep_valid, text)
    cleaned = re.sub(r"[ \t]+([。．.,，;；!?！？])", r"\1", cleaned)
    citations: dict[tuple[int, str | None], Citation] = {}
    unsupported: list[str] = []
    for sentence in answer_sentences(cleaned):
        cited = [int(n) for n in re.findall(r"\[(\d+)\]", sentence)]
        if not cited:
            if sentence not in exempt and re.search(r"\w", sentence):
                unsupported.append(sentence)
            continue
        quotes = [next(g for g in m.groups() if g) for m in _QUOTE.finditer(sentence)]
        quoted: set[int] = set()
        for quote in quotes:
            holders = [n for n in dict.fromkeys(cited) if quote_in(quote, _texts(by_n[n]))]
            for n in holders or dict.fromkeys(cited):
                citations[(n, quote)] = citation(by_n[n], quote, bool(holders))
                quoted.add(n)
        for n in dict.fromkeys(cited):
            if n not in quoted:
                citations.setdefault((n, None), citation(by_n[n], None, True))
    ordered = sorted(citations.values(), key=lambda c: (c.n, c.quote is not None))
    return CheckedAnswer(cleaned, tuple(ordered), tuple(unsupported), tuple(removed))
