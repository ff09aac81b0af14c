"""Parse extracted text into documents made of numbered, bilingual units.

The approach works for the kind of input, not one file:
1. lines → paragraphs, each with its language and the numbering marker that opens it; lines that
   a PDF wrapped or a page break cut are joined back into one paragraph;
2. each language is parsed on its own: the numbering family with the most markers that never
   restarts numbers the units (articles always win), a family whose markers each open a run of
   units numbers the headings, and families that restart inside units stay in the text;
3. the two languages are paired by unit label (`align_units`), which works the same whether the
   source interleaves units, interleaves paragraphs, or puts one language after the other.
A unit numbering that restarts at 1 means the file holds several laws: each becomes a document.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise

from ingest.align import LangUnit, align_units
from ingest.footnotes import remove_footnote_markers
from ingest.lines import Line, open_brackets, split_lines
from ingest.metadata import (
    front_matter_dates,
    is_delivery_end,
    is_delivery_start,
    parse_date,
)
from ingest.paragraphs import Para, ParaRole, build_paragraphs, classify_metadata
from ingest.streams import (
    HEADING_SPACES,
    ParsedLanguage,
    Stream,
    add_paragraph,
    parse_language,
)
from rag.labels import PREAMBLE, default_display
from rag.types import LANGS, DocumentMeta, Lang, Unit

# The longest real unit in all of LawRefBook (1,586 files) is 11,040 characters, a schedule of
# injury grades in an annex; a unit twice as long has swallowed text that is not its own.
MAX_UNIT_CHARS = 20_000


@dataclass
class ParsedDocument:
    meta: DocumentMeta
    units: list[Unit]
    layout: str
    warnings: list[str] = field(default_factory=list)

    @property
    def pairs(self) -> int:
        return sum(1 for u in self.units if u.bilingual)


def parse_text(text: str, *, wrapped: bool = False) -> list[ParsedDocument]:
    """Parse one source text into one document (or several, when it holds several laws)."""
    paras, fields, titles = _analyse(text, wrapped)
    parsed = {lang: parse_language([p for p in paras if p.lang == lang]) for lang in LANGS}
    streams = {lang: parsed[lang].streams for lang in LANGS}
    layout = _layout(_in_source_order(paras, parsed))
    return _assemble(streams, fields, titles, layout, _footnotes_warnings(paras))


def _in_source_order(paras: list[Para], parsed: dict[Lang, ParsedLanguage]) -> list[Para]:
    """The source's paragraphs in their order, each in the role its language's parse found."""
    roled = {lang: iter(parsed[lang].paras) for lang in LANGS}
    return [next(roled[p.lang]) if p.lang else p for p in paras]


def parse_pair(
    text: str, translation: str, *, wrapped: bool = False, translation_wrapped: bool = False
) -> list[ParsedDocument]:
    """Parse a law delivered as two files, one per language; each language comes from the file
    that holds more of it, and its spans point into that file's text."""
    first, second = _analyse(text, wrapped), _analyse(translation, translation_wrapped)
    fields = {**second[1], **first[1]}
    streams = {}
    used: list[Para] = []
    for lang in LANGS:
        ours = [p for p in first[0] if p.lang == lang]
        theirs = [p for p in second[0] if p.lang == lang]
        chosen = ours if len(ours) >= len(theirs) else theirs
        streams[lang] = parse_language(chosen).streams
        used.extend(chosen)
    return _assemble(
        streams, fields, first[2] or second[2], "paired-files", _footnotes_warnings(used)
    )


def _footnotes_warnings(paras: list[Para]) -> list[str]:
    removed = sum(p.footnotes for p in paras)
    if not removed:
        return []
    return [
        f"{removed} footnote marker{'s' if removed > 1 else ''} glued to words removed "
        '(digits directly after a word, as in "held in compliance28 with law")'
    ]


def _analyse(text: str, wrapped: bool) -> tuple[list[Para], dict[str, str], list[str]]:
    lines = remove_footnote_markers(split_lines(text))
    fields: dict[str, str] = {}
    lines, header_titles = _consume_front_matter(lines, fields)
    paras = []
    for para in build_paragraphs(lines, wrapped):
        para, found = classify_metadata(para)
        for key, value in found.items():
            fields.setdefault(key, value)
        paras.append(para)
    return paras, fields, header_titles


# ---------------------------------------------------------------- front matter


def _consume_front_matter(
    lines: list[Line], fields: dict[str, str]
) -> tuple[list[Line], list[str]]:
    """Drop delivery headers; read LawRefBook's `# title` lines and dates before INFO END."""
    titles: list[str] = []
    if lines and is_delivery_start(lines[0].text):
        end = next((i for i, line in enumerate(lines) if is_delivery_end(line.text)), None)
        if end is not None:
            lines = lines[end + 1 :]
    info_end = next((i for i, line in enumerate(lines) if line.info_end), None)
    if info_end is None:
        return [line for line in lines if not is_delivery_end(line.text)], titles
    head, body = lines[:info_end], lines[info_end + 1 :]
    date_lines = [line.text for line in head if not line.md_level]
    titles = [line.text.strip() for line in head if line.md_level == 1]
    # The INFO END marker sometimes cuts a date line: its tail opens the body with an unmatched ")".
    while body and not body[0].md_level and open_brackets(body[0].text) < 0:
        if date_lines:
            date_lines[-1] += body[0].text
        body = body[1:]
    for key, value in front_matter_dates(date_lines).items():
        fields.setdefault(key, value)
    return body, titles


# ---------------------------------------------------------------- the document


def _layout(paras: list[Para]) -> str:
    langs = [p.lang for p in paras if p.lang and p.role == ParaRole.TEXT]
    if not langs:
        return "empty"
    if len(set(langs)) == 1:
        return "monolingual"
    switches = sum(1 for a, b in pairwise(langs) if a != b)
    if switches <= 2:
        return "block"
    unit_paras = [p for p in paras if p.marker and p.lang]
    per_unit = sum(1 for a, b in pairwise(unit_paras) if a.lang != b.lang)
    return (
        "interleaved-paragraph"
        if per_unit >= 0.8 * max(1, len(unit_paras) - 1)
        else ("interleaved-unit")
    )


def _assemble(
    streams: dict[Lang, list[Stream]],
    fields: dict[str, str],
    header_titles: list[str],
    layout: str,
    source_warnings: list[str],
) -> list[ParsedDocument]:
    zh, en = streams["zh"], streams["en"]
    warnings = list(source_warnings)
    pairs: list[tuple[Stream, Stream]]
    if zh and en and len(zh) != len(en):
        warnings.append(
            f"the Chinese text holds {len(zh)} documents and the English {len(en)}: "
            "each language is kept as its own document"
        )
        pairs = [(z, Stream()) for z in zh] + [(Stream(), e) for e in en]
    else:
        pairs = [
            (zh[i] if i < len(zh) else Stream(), en[i] if i < len(en) else Stream())
            for i in range(max(len(zh), len(en), 1))
        ]
    documents: list[ParsedDocument] = []
    for i, (zh_stream, en_stream) in enumerate(pairs):
        first = i == 0
        documents.extend(
            _documents(
                zh_stream,
                en_stream,
                fields if first else {},
                header_titles if first else [],
                layout,
                list(warnings),
            )
        )
    return documents


def _documents(
    zh: Stream,
    en: Stream,
    fields: dict[str, str],
    header_titles: list[str],
    layout: str,
    warnings: list[str],
) -> list[ParsedDocument]:
    """One document from a pair of streams, or two when the language versions do not match."""
    for stream in (zh, en):
        front = stream.preamble
        if not stream.units:  # nothing numbered: the headings are part of the one text
            front = sorted(stream.preamble + stream.front_headings, key=lambda p: p.spans[0])
        if front:
            preamble = LangUnit(PREAMBLE, "", "")
            for para in front:
                add_paragraph(preamble, para)
            stream.units.insert(0, preamble)
    units, align_warnings = align_units(zh.units, en.units)
    warnings = warnings + align_warnings
    if units is None:
        zh_only, _ = align_units(zh.units, [])
        en_only, _ = align_units([], en.units)
        return [
            _document(zh_only or [], zh, Stream(), fields, header_titles, layout, warnings),
            _document(en_only or [], Stream(), en, fields, [], layout, warnings),
        ]
    return [_document(units, zh, en, fields, header_titles, layout, warnings)]


def _document(
    aligned: list[Unit],
    zh: Stream,
    en: Stream,
    fields: dict[str, str],
    header_titles: list[str],
    layout: str,
    warnings: list[str],
) -> ParsedDocument:
    warnings = list(warnings)
    if not any(u.label != PREAMBLE for u in aligned):
        warnings.append(
            "no numbered articles or items found: the text is kept as one preamble unit"
        )
    for key, value in front_matter_dates(zh.notes + en.notes).items():
        fields = {key: value, **fields}
    title_zh = header_titles[0] if header_titles else zh.title
    subtitle = header_titles[1] if len(header_titles) > 1 and header_titles[1] != title_zh else ""
    meta = DocumentMeta(
        title_zh=HEADING_SPACES.sub(" ", title_zh).strip(),
        title_en=en.title,
        subtitle_zh=subtitle,
        doc_number_zh=fields.get("doc_number_zh", ""),
        doc_number_en=fields.get("doc_number_en", ""),
        issuer_zh=fields.get("issuer_zh", ""),
        issuer_en=fields.get("issuer_en", ""),
        promulgated=parse_date(fields.get("promulgated", "")),
        effective=parse_date(fields.get("effective", "")),
        validity_zh=fields.get("validity_zh", ""),
        validity_en=fields.get("validity_en", ""),
    )
    articles = any(
        u.display_zh.startswith("第") or u.display_en.startswith("Article") for u in aligned
    )
    units = [
        Unit(
            label=u.label,
            display_zh=u.display_zh or default_display(u.label, articles, "zh"),
            display_en=u.display_en or default_display(u.label, articles, "en"),
            heading_zh=u.heading_zh,
            heading_en=u.heading_en,
            text_zh=u.text_zh,
            text_en=u.text_en,
            spans_zh=u.spans_zh,
            spans_en=u.spans_en,
        )
        for u in aligned
    ]
    if not zh.units or not en.units:
        layout = "monolingual" if units else "empty"
    warnings.extend(oversized_unit_warnings(units))
    return ParsedDocument(meta, units, layout, warnings)


def oversized_unit_warnings(units: list[Unit]) -> list[str]:
    """A unit longer than MAX_UNIT_CHARS in either language, named, so it is never kept
    silently: such a unit has swallowed text that is not its own (another law, say)."""
    warnings = []
    for unit in units:
        longest = max(len(unit.text_zh), len(unit.text_en))
        if longest > MAX_UNIT_CHARS:
            warnings.append(
                f"unit {unit.label} is {longest:,} characters long (more than "
                f"{MAX_UNIT_CHARS:,}): it may hold another document; check the file"
            )
    return warnings
