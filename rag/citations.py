"""Citation checks that hold in every answering mode.

Sources are numbered [1]…[k]. In an answer: a marker that points to no source is removed and
reported; a quoted span (“…”, "…", 「…」, 『…』) must appear verbatim (whitespace, width and
script normalised) in a unit its sentence cites, and must not stop inside one of the unit's
sentences (`rag.sentences`): a prefix of a sentence is not a sentence, and "limited to 6 a.m."
is not the rule "limited to 6 a.m. - 10 p.m., with the exception of …". A quote may stop early
when the answer marks the cut with an ellipsis ("…" or "..."), at its end or right after it. A
sentence without a citation is listed as unsupported.

A verified quote is carried in both languages (`Citation.quote_zh`, `quote_en`): the span of the
cited unit it matched, in the language it was found in, and the sentences aligned with that span
in the other (`rag.alignment`), so a Chinese quote is highlighted on the English text too.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from rag.alignment import aligned_counterpart
from rag.sentences import sentence_spans
from rag.text import normalize, text_language, to_simplified
from rag.types import LANGS, Citation, Lang, Source, Span, Unit, other_language

_MARKER = re.compile(r"\[\s*(\d+(?:\s*[,，、]\s*\d+)*)\s*\]|【\s*(\d+)\s*】")
# A “…” quote may hold one level of “…” inside it (a quoted sentence that quotes a term).
_QUOTE = re.compile(r"“((?:[^“”]|“[^“”]*”){2,})”|\"([^\"\n]{2,})\"|「([^」]{2,})」|『([^』]{2,})』")
_LEADING_MARKERS = re.compile(r"^(?:\s*(?:\[\s*\d+(?:\s*[,，、]\s*\d+)*\s*\]|【\s*\d+\s*】))+")
_ELLIPSIS = re.compile(r"…+|\.{3,}")
# What may stand between a quote's last word and the end of its sentence: the full stop, a
# closing quote or bracket, a comma or semicolon the quote left out.
_SENTENCE_TAIL = re.compile(r"[.。!！?？;；,，:：、\"'”’」』)）\]】…]*")


@dataclass(frozen=True)
class CheckedAnswer:
    text: str
    citations: tuple[Citation, ...]
    unsupported: tuple[str, ...]
    removed_markers: tuple[str, ...]


def citation(
    source: Source, quote: str | None, verified: bool, cut_marked: bool = False
) -> Citation:
    unit = source.unit
    quote_zh, quote_en = (
        quote_in_both_languages(unit, quote, cut_marked) if quote and verified else (None, None)
    )
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
        quote_zh=quote_zh,
        quote_en=quote_en,
    )


def answer_sentences(text: str) -> list[str]:
    """Sentences of an answer, each with the citation markers that follow it."""
    sentences: list[str] = []
    for line in text.split("\n"):
        lang: Lang = text_language(line) or "en"
        in_line: list[str] = []
        for start, end in sentence_spans(line, lang):
            sentence = line[start:end]
            markers = _LEADING_MARKERS.match(sentence)
            if markers and in_line:  # "…选择。[1]" : the marker belongs to the sentence before
                in_line[-1] += markers.group(0).strip()
                sentence = sentence[markers.end() :].strip()
            if sentence:
                in_line.append(sentence)
        sentences.extend(in_line)
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
    return next(_quote_ends(quote, _squash(text)), None) is not None


def quote_ends_sentence(quote: str, text: str, lang: Lang) -> bool:
    """Whether a quoted span appears verbatim in text and stops where a sentence of it stops
    (give or take the closing punctuation)."""
    haystack, ends = _squashed_sentence_ends(text, lang)
    for end in _quote_ends(quote, haystack):
        tail = _SENTENCE_TAIL.match(haystack, end)
        if tail is not None and tail.end() in ends:
            return True
    return False


def quote_in_both_languages(
    unit: Unit, quote: str, cut_marked: bool = False
) -> tuple[str | None, str | None]:
    """(Chinese, English) of a quote the unit holds: the unit's own text where the quote is found
    (as `verify_citations` finds it: verbatim, and to a sentence's end unless the cut is marked),
    and in the other language the sentences aligned with it. None where neither applies."""
    found: dict[Lang, Span] = {}
    for lang in LANGS:
        text = unit.text(lang)
        if text and (span := _quote_span(quote, text, lang, cut_marked)) is not None:
            found[lang] = span
    if unit.bilingual and len(found) == 1:
        ((lang, span),) = found.items()
        other = other_language(lang)
        counterpart = aligned_counterpart(unit.text_zh, unit.text_en, span, lang)
        if counterpart is not None:
            found[other] = counterpart
    zh, en = found.get("zh"), found.get("en")
    return (
        unit.text_zh[zh[0] : zh[1]] if zh else None,
        unit.text_en[en[0] : en[1]] if en else None,
    )


def _quote_span(quote: str, text: str, lang: Lang, cut_marked: bool) -> Span | None:
    """Where in the text (its own characters) the quote is found, first part to last."""
    haystack, offsets, ends = _searchable(text, lang)
    for start, end in _quote_matches(quote, haystack):
        tail = _SENTENCE_TAIL.match(haystack, end)
        if cut_marked or (tail is not None and tail.end() in ends):
            return offsets[start], offsets[end - 1] + 1
    return None


@lru_cache(maxsize=256)
def _searchable(text: str, lang: Lang) -> tuple[str, tuple[int, ...], frozenset[int]]:
    """A unit side squashed for quote search, where each squashed character comes from, and
    where its sentences end (squashed positions): remembered, since the same units are cited
    by one question after another and a long one (an annex) takes tens of milliseconds."""
    haystack, offsets = _squash_with_offsets(text)
    ends = frozenset(bisect_left(offsets, end) for _, end in sentence_spans(text, lang))
    return haystack, tuple(offsets), ends


def _squash_with_offsets(text: str) -> tuple[str, list[int]]:
    """`_squash(text)` and, for each of its characters, the position it comes from in the text."""
    chars: list[str] = []
    offsets: list[int] = []
    for position, char in enumerate(text):
        for folded in unicodedata.normalize("NFKC", char).casefold():
            if not folded.isspace():
                chars.append(folded)
                offsets.append(position)
    squashed = "".join(chars)
    simplified = to_simplified(squashed)
    return (simplified if len(simplified) == len(squashed) else squashed), offsets


def _quote_ends(quote: str, haystack: str) -> Iterator[int]:
    """Every position in the (squashed) haystack where the quote can end, its parts in order."""
    return (end for _, end in _quote_matches(quote, haystack))


def _quote_matches(quote: str, haystack: str) -> Iterator[tuple[int, int]]:
    """(start, end) of every way the quote's parts appear in order in the (squashed) haystack:
    its first part where first found, its last part at each of its occurrences after."""
    needles = [n for n in (_squash(p).strip(",，、;；:：") for p in quote_parts(quote)) if n]
    if not needles:
        return
    position = 0
    first: int | None = None
    for needle in needles[:-1]:
        found = haystack.find(needle, position)
        if found < 0:
            return
        first = found if first is None else first
        position = found + len(needle)
    found = haystack.find(needles[-1], position)
    while found >= 0:
        yield (found if first is None else first), found + len(needles[-1])
        found = haystack.find(needles[-1], found + 1)


@lru_cache(maxsize=256)
def _squashed_sentence_ends(text: str, lang: Lang) -> tuple[str, frozenset[int]]:
    """The text squashed, and where its sentences end, counted in that form: remembered, as
    `_searchable` is (every answer checks each quote against its cited units)."""
    ends: set[int] = set()
    length = previous = 0
    for _, end in sentence_spans(text, lang):
        length += len(_squash(text[previous:end]))
        previous = end
        ends.add(length)
    return _squash(text), frozenset(ends)


def _cut_marked(quote: str, after: str) -> bool:
    """Whether the answer marks the quote as cut short: an ellipsis closing it or right after."""
    return bool(re.search(r"(?:…|\.{3})\s*$", quote) or re.match(r"\s*(?:…|\.{3})", after))


def _holds(source: Source, quote: str, cut_marked: bool) -> bool:
    """Whether the cited unit holds the quote: verbatim in either language, and (unless the
    answer marks a cut) ending where one of its sentences ends."""
    for lang in LANGS:
        text = source.unit.text(lang)
        if not text:
            continue
        if quote_in(quote, text) if cut_marked else quote_ends_sentence(quote, text, lang):
            return True
    return False


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
        quoted: set[int] = set()
        for match in _QUOTE.finditer(sentence):
            quote = next(g for g in match.groups() if g)
            cut = _cut_marked(quote, sentence[match.end() :])
            holders = [n for n in dict.fromkeys(cited) if _holds(by_n[n], quote, cut)]
            for n in holders or dict.fromkeys(cited):
                citations[(n, quote)] = citation(by_n[n], quote, bool(holders), cut)
                quoted.add(n)
        for n in dict.fromkeys(cited):
            if n not in quoted:
                citations.setdefault((n, None), citation(by_n[n], None, True))
    ordered = sorted(citations.values(), key=lambda c: (c.n, c.quote is not None))
    return CheckedAnswer(cleaned, tuple(ordered), tuple(unsupported), tuple(removed))
