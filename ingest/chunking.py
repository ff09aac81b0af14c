"""Cut units into chunks that fit the embedder: one chunk per unit unless it is too long.

A long unit splits at paragraph, then sentence boundaries (`rag.sentences`: an abbreviation ends
no sentence, a 但书 stays with its rule), and a sentence longer than the budget at a character
boundary; both languages split into the same number of parts, balanced by size, so part n of
the Chinese roughly faces part n of the English. Every part keeps the unit's label and headings.
"""

from __future__ import annotations

from dataclasses import dataclass

from rag.sentences import split_sentences
from rag.tokens import count_tokens
from rag.types import LANGS, Chunk, Document, Lang, Unit


@dataclass(frozen=True)
class _Piece:
    text: str
    tokens: int
    new_paragraph: bool


def chunk_document(document: Document, budget: int) -> list[Chunk]:
    return [chunk for unit in document.units for chunk in chunk_unit(document.doc_id, unit, budget)]


def chunk_unit(doc_id: str, unit: Unit, budget: int) -> list[Chunk]:
    pieces = {lang: _pieces(unit.text(lang), lang, budget) for lang in LANGS}
    parts = max(_greedy_count(p, budget) for p in pieces.values())
    groups = {lang: _pack(p, parts, budget) for lang, p in pieces.items()}
    while max(len(g) for g in groups.values()) > parts:
        parts = max(len(g) for g in groups.values())
        groups = {lang: _pack(p, parts, budget) for lang, p in pieces.items()}
    count = max(len(g) for g in groups.values())
    texts = {
        lang: [_join(g, lang) for g in groups[lang]] + [""] * (count - len(groups[lang]))
        for lang in groups
    }
    return [
        Chunk(
            doc_id=doc_id,
            label=unit.label,
            part=i,
            heading_zh=unit.heading_zh,
            heading_en=unit.heading_en,
            text_zh=texts["zh"][i],
            text_en=texts["en"][i],
        )
        for i in range(count)
    ]


def _pieces(text: str, lang: Lang, budget: int) -> list[_Piece]:
    pieces: list[_Piece] = []
    for paragraph in text.split("\n"):
        if not paragraph.strip():
            continue
        tokens = count_tokens(paragraph)
        if tokens <= budget:
            pieces.append(_Piece(paragraph, tokens, True))
            continue
        first = True
        for sentence in split_sentences(paragraph, lang):
            for part in _cut(sentence, budget):
                pieces.append(_Piece(part, count_tokens(part), first))
                first = False
    return pieces


def _cut(sentence: str, budget: int) -> list[str]:
    """A sentence over the budget is cut at character boundaries (never inside a character)."""
    parts: list[str] = []
    while count_tokens(sentence) > budget:
        low, high = 1, len(sentence)
        while low < high:  # the longest prefix that fits
            mid = (low + high + 1) // 2
            if count_tokens(sentence[:mid]) <= budget:
                low = mid
            else:
                high = mid - 1
        parts.append(sentence[:low])
        sentence = sentence[low:]
    if sentence:
        parts.append(sentence)
    return parts


def _greedy_count(pieces: list[_Piece], budget: int) -> int:
    count, size = 1, 0
    for piece in pieces:
        if size and size + piece.tokens > budget:
            count, size = count + 1, 0
        size += piece.tokens
    return count


def _pack(pieces: list[_Piece], parts: int, budget: int) -> list[list[_Piece]]:
    """Contiguous groups within the budget, cut near equal shares of `parts`."""
    if not pieces:
        return []
    target = sum(p.tokens for p in pieces) / parts
    groups: list[list[_Piece]] = [[]]
    size = 0
    for piece in pieces:
        over_budget = size + piece.tokens > budget
        over_share = size >= target and len(groups) < parts
        if groups[-1] and (over_budget or over_share):
            groups.append([])
            size = 0
        groups[-1].append(piece)
        size += piece.tokens
    return groups


def _join(group: list[_Piece], lang: Lang) -> str:
    text = ""
    for piece in group:
        if not text:
            text = piece.text
        elif piece.new_paragraph:
            text += "\n" + piece.text
        else:
            text += ("" if lang == "zh" else " ") + piece.text
    return text
