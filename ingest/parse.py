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

import re
import statistics
from collections import Counter
from dataclasses import dataclass, field
from itertools import pairwise

from ingest import numbering as nb
from ingest.align import LangUnit, align_units
from ingest.lines import Line, ends_sentence, open_brackets, split_lines
from ingest.metadata import (
    front_matter_dates,
    is_delivery_end,
    is_delivery_start,
    metadata_fields,
    parse_date,
)
from rag.text import join_wrapped, normalize, small_chinese_numeral, text_language
from rag.types import LANGS, PREAMBLE, DocumentMeta, Lang, Span, Unit

_ZH_TITLE = re.compile(
    r"^[^，。；：,;:！？]{2,60}?(?:法|法典|条例|规定|办法|决定|解释|规则|细则|意见|通知|公告|令|宪法|章程"
    r"|纲要|批复|答复|指引|准则)[*＊]?$"
)
_EN_TITLE_WORDS = re.compile(
    r"\b(?:Law|Constitution|Regulations?|Decree|Decision|Provisions|Rules|Measures|Interpretation"
    r"|Opinions?|Notice|Code|Ordinance|Guidelines|Circular|Reply)\b",
    re.I,
)
_PARENTHETICAL_NOTE = re.compile(
    r"^[（(].*(?:通过|公布|施行|修正|修订|Adopted|Promulgated).*[）)]$"
)
_HEADING_SPACES = re.compile(r"[\s\u3000\u2002\u2003\u00a0]+")
_SPACE_BETWEEN_CJK = re.compile(
    r"(?<=[\u4e00-\u9fff])[\s\u3000\u2002\u2003\u00a0]+(?=[\u4e00-\u9fff])"
)
_HEADING_LEVEL_ITEMS = 6
_HEADING_LEVEL_MARKDOWN = 8


@dataclass
class Para:
    lang: Lang | None
    text: str
    spans: list[Span]
    gap: int = 0
    md_level: int = 0
    marker: nb.Marker | None = None
    role: str = "text"  # text | meta | title | heading

    def extend(self, line: Line) -> None:
        self.text = join_wrapped(self.text, line.text)
        self.spans.append((line.start, line.end))


@dataclass
class ParsedDocument:
    meta: DocumentMeta
    units: list[Unit]
    layout: str
    warnings: list[str] = field(default_factory=list)

    @property
    def pairs(self) -> int:
        return sum(1 for u in self.units if u.bilingual)


@dataclass
class _Stream:
    """One language's paragraphs of one document segment, parsed into units."""

    title: str = ""
    subtitle: str = ""
    front: list[Para] = field(default_factory=list)
    preamble: list[Para] = field(default_factory=list)
    front_headings: list[Para] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    units: list[LangUnit] = field(default_factory=list)


def parse_text(text: str, *, wrapped: bool = False) -> list[ParsedDocument]:
    """Parse one source text into one document (or several, when it holds several laws)."""
    paras, fields, titles = _analyse(text, wrapped)
    streams = {lang: _parse_language([p for p in paras if p.lang == lang]) for lang in LANGS}
    return _assemble(streams, fields, titles, _layout(paras))


def parse_pair(
    text: str, translation: str, *, wrapped: bool = False, translation_wrapped: bool = False
) -> list[ParsedDocument]:
    """Parse a law delivered as two files, one per language; each language comes from the file
    that holds more of it, and its spans point into that file's text."""
    first, second = _analyse(text, wrapped), _analyse(translation, translation_wrapped)
    fields = {**second[1], **first[1]}
    streams = {}
    for lang in LANGS:
        ours = [p for p in first[0] if p.lang == lang]
        theirs = [p for p in second[0] if p.lang == lang]
        streams[lang] = _parse_language(ours if len(ours) >= len(theirs) else theirs)
    return _assemble(streams, fields, first[2] or second[2], "paired-files")


def _analyse(text: str, wrapped: bool) -> tuple[list[Para], dict[str, str], list[str]]:
    lines = split_lines(text)
    fields: dict[str, str] = {}
    lines, header_titles = _consume_front_matter(lines, fields)
    paras = _paragraphs(lines, wrapped)
    for para in paras:
        _classify_metadata(para, fields)
    return paras, fields, header_titles


# ---------------------------------------------------------------- front matter and paragraphs


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


def _marker(text: str, lang: Lang | None) -> nb.Marker | None:
    if lang is None:
        return nb.match_marker(text, "zh") or nb.match_marker(text, "en")
    return nb.match_marker(text, lang)


def _display_width(text: str) -> int:
    return sum(2 if ord(c) > 0x2E80 else 1 for c in text)


def _paragraphs(lines: list[Line], wrapped: bool) -> list[Para]:
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
        if (
            wrapped
            and marker is not None
            and marker.family != nb.ARTICLE
            and _mid_sentence(previous_line, paras, lang, full_width)
        ):
            marker = None  # a wrapped line that happens to start with "Annex I," or "(2)"
        if (
            last is not None
            and marker is None
            and _continues(last, line, lang, wrapped, previous_line, full_width, paras)
        ):
            last.extend(line)
        else:
            paras.append(
                Para(
                    lang,
                    line.text,
                    [(line.start, line.end)],
                    gap=line.gap,
                    md_level=line.md_level,
                    marker=marker,
                )
            )
        previous_line = line
    return paras


def _last_of_lang(paras: list[Para], lang: Lang | None) -> Para | None:
    for para in reversed(paras):
        if para.lang == lang or lang is None:
            return para
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
    paras: list[Para],
) -> bool:
    """Whether `line` carries on paragraph `last` (cut by a line wrap or a page break)."""
    if line.md_level or last.md_level:
        return False
    adjacent = paras[-1] is last
    if open_brackets(last.text) > 0 and adjacent:
        return True
    if ends_sentence(last.text) or metadata_fields(line.text) is not None:
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
    previous_line: Line | None, paras: list[Para], lang: Lang | None, full_width: dict[str, float]
) -> bool:
    if previous_line is None or not paras or ends_sentence(paras[-1].text):
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


def _classify_metadata(para: Para, fields: dict[str, str]) -> None:
    found = metadata_fields(para.text)
    if found is None:
        return
    para.role = "meta"
    for key, value in found.items():
        fields.setdefault(key, value)


# ---------------------------------------------------------------- one language


def _parse_language(paras: list[Para]) -> list[_Stream]:
    """Parse one language's paragraphs into one stream per document segment."""
    unit_family, heading_families = _choose_families(paras)
    unit_indices = _accepted_unit_markers(paras, unit_family)
    segments = _segment_bounds(paras, unit_indices)
    return [
        _build_stream(
            paras[start:end],
            unit_family,
            heading_families,
            {i - start for i in unit_indices if start <= i < end},
        )
        for start, end in segments
    ]


def _choose_families(paras: list[Para]) -> tuple[str | None, list[str]]:
    by_family: dict[str, list[nb.Marker]] = {}
    for para in paras:
        if para.marker and para.role == "text":
            by_family.setdefault(para.marker.family, []).append(para.marker)
    structural = {nb.PART, nb.PREAMBLE_HEAD, nb.ANNEX}
    if nb.ARTICLE in by_family:
        return nb.ARTICLE, []
    candidates = {f: m for f, m in by_family.items() if f not in structural}
    if not candidates:
        return None, []
    monotonic = {f: m for f, m in candidates.items() if _restarts(m) == 0}
    pool = monotonic or candidates
    unit_family = max(pool, key=lambda f: (len(pool[f]), -_restarts(pool[f])))
    heading_families = [
        f
        for f, markers in monotonic.items()
        if f != unit_family
        and len(markers) < len(candidates[unit_family])
        and _opens_units(paras, f, unit_family)
    ]
    return unit_family, heading_families


def _restarts(markers: list[nb.Marker]) -> int:
    return sum(1 for a, b in pairwise(markers) if b.number <= a.number)


def _opens_units(paras: list[Para], family: str, unit_family: str) -> bool:
    """A heading family's markers are each followed by a unit marker, not by a sibling item."""
    marked = [p.marker for p in paras if p.marker and p.marker.family not in (nb.PART,)]
    followers = [
        marked[i + 1].family for i, m in enumerate(marked[:-1]) if m and m.family == family
    ]
    return bool(followers) and sum(f == unit_family for f in followers) >= 0.7 * len(followers)


def _accepted_unit_markers(paras: list[Para], unit_family: str | None) -> list[int]:
    """Indices of paragraphs that open a unit; cross-references and duplicates are text."""
    accepted: list[int] = []
    last: nb.Marker | None = None
    for i, para in enumerate(paras):
        marker = para.marker
        if marker is not None and marker.family == nb.ANNEX and accepted:
            break  # what follows an annex heading belongs to the annex
        if unit_family is None or marker is None or marker.family != unit_family:
            continue
        if para.role != "text":
            continue
        if (
            marker.tight
            and last is not None
            and marker.number not in (last.number, last.number + 1)
        ):
            continue  # "第二十八条第二款…" at a line start is a reference, not an article
        if para.lang == "en" and re.match(r"\s*(?:of|and|or|to)\b", para.text[marker.end :]):
            continue  # "Article 28 of this Law …"
        accepted.append(i)
        last = marker
    return accepted


def _segment_bounds(paras: list[Para], unit_indices: list[int]) -> list[tuple[int, int]]:
    """Split where the unit numbering restarts at 1: the file holds another law from there."""
    starts = [0]
    for prev, cur in pairwise(unit_indices):
        marker, before = paras[cur].marker, paras[prev].marker
        assert marker is not None and before is not None
        if marker.number == 1 and not marker.sub and before.number > 1:
            starts.append(_segment_start(paras, prev, cur))
    bounds = [(s, e) for s, e in zip(starts, [*starts[1:], len(paras)], strict=False)]
    return [b for b in bounds if b[1] > b[0]]


def _segment_start(paras: list[Para], prev_unit: int, restart: int) -> int:
    """Where the next law's front matter begins: its first title line after the last unit."""
    for i in range(prev_unit + 1, restart):
        marker = paras[i].marker
        if _is_law_title(paras[i]) or (marker is not None and marker.family == nb.PREAMBLE_HEAD):
            return i
    first_heading = restart
    while first_heading - 1 > prev_unit and _is_heading_para(paras[first_heading - 1]):
        first_heading -= 1
    return first_heading


def _is_heading_para(para: Para) -> bool:
    return bool(para.md_level) or (
        para.marker is not None and para.marker.family in (nb.PART, nb.PREAMBLE_HEAD)
    )


def _is_law_title(para: Para) -> bool:
    if para.marker is not None:
        return False
    text = para.text.strip()
    if para.lang == "zh":
        return bool(_ZH_TITLE.match(normalize(text).replace(" ", "")))
    if para.lang == "en" and len(text) <= 200 and not ends_sentence(text):
        words = re.findall(r"[A-Za-z][\w’'-]*", text)
        capitalised = sum(w[0].isupper() for w in words)
        return bool(_EN_TITLE_WORDS.search(text)) and capitalised >= 0.5 * len(words)
    return False


def _title_like(para: Para) -> bool:
    text = para.text.strip()
    if para.marker is not None or para.role != "text" or ends_sentence(text):
        return False
    if para.md_level:
        return True
    if para.lang == "zh":
        return len(text) <= 60 and "，" not in text and "。" not in text
    return len(text) <= 300 and text[:1].isupper()


def _build_stream(
    paras: list[Para], unit_family: str | None, heading_families: list[str], unit_starts: set[int]
) -> _Stream:
    stream = _Stream()
    headings: list[tuple[int, str]] = []
    current: LangUnit | None = None
    seen: dict[str, LangUnit] = {}
    for i, para in enumerate(paras):
        marker = para.marker
        if para.role == "meta":
            continue
        if i in unit_starts and marker is not None:
            label = marker.label
            heading = " / ".join(h for _, h in headings)
            if label in seen:  # a repeated number continues the unit it names
                current = seen[label]
                _add(current, para)
                continue
            current = LangUnit(label, _display(marker, para.lang), heading)
            _add(current, para, marker.end)
            seen[label] = current
            stream.units.append(current)
            continue
        if marker is not None and marker.family == nb.ANNEX and current is not None:
            label = f"annex-{marker.number}"
            if label not in seen:
                current = LangUnit(label, _clean_heading(para.text), "")
                seen[label] = current
                stream.units.append(current)
                continue
        level = _heading_level(para, heading_families)
        title_candidate = current is None and para.marker is None and _title_like(para)
        if level is not None and not title_candidate:
            para.role = "heading"
            headings = [h for h in headings if h[0] < level]
            headings.append((level, _clean_heading(para.text, para.marker)))
            if current is None:
                stream.front_headings.append(para)
            continue
        if current is None:
            if not (para.marker is not None and para.marker.family == nb.PREAMBLE_HEAD):
                stream.front.append(para)
        else:
            _add(current, para)
    _finish_front(stream)
    return stream


_MARKER_SEPARATORS = " \u3000:：.．、\t"


def _add(unit: LangUnit, para: Para, marker_end: int = 0) -> None:
    """Add a paragraph to a unit; the unit's own number is not part of its text."""
    text, spans = para.text, list(para.spans)
    if marker_end:
        rest = text[marker_end:].lstrip(_MARKER_SEPARATORS)
        cut = len(text) - len(rest)
        text = rest
        start, end = spans[0]
        spans[0] = (min(start + cut, end), end)
    if text:
        unit.paragraphs.append(text)
        unit.spans.extend(spans)


def _heading_level(para: Para, heading_families: list[str]) -> int | None:
    marker = para.marker
    if marker is not None:
        if marker.family == nb.PART:
            return marker.level
        if marker.family == nb.PREAMBLE_HEAD:
            return None
        if marker.family in heading_families:
            return _HEADING_LEVEL_ITEMS + heading_families.index(marker.family)
        return None
    if para.md_level:
        return _HEADING_LEVEL_MARKDOWN + para.md_level
    return None


def _finish_front(stream: _Stream) -> None:
    """Text before the first unit: the title, a note that is metadata, or the preamble."""
    title = _title_run(stream.front)
    if title:
        joiner = "" if title[0].lang == "zh" else " "
        text = joiner.join(p.text.strip() for p in title)
        stream.title = _HEADING_SPACES.sub(" ", text).rstrip("*＊ ")
    for para in stream.front:
        if para in title or (stream.title and _same_text(para.text, stream.title)):
            para.role = "title"
        elif not stream.preamble and _PARENTHETICAL_NOTE.match(para.text.strip()):
            para.role = "meta"
            stream.notes.append(para.text.strip())
        else:
            stream.preamble.append(para)


_STARTS_CONNECTED = re.compile(r"^(?:of|and|on|for|to)\b", re.I)
_ENDS_CONNECTED = re.compile(r"\b(?:of|and|on|for|the|to)$", re.I)


def _title_run(paras: list[Para]) -> list[Para]:
    """The paragraphs that make the title: a law's name (not a decree), with its broken lines."""
    likes = [i for i, p in enumerate(paras) if _title_like(p)]
    if not likes:
        return []
    laws = [i for i in likes if _is_law_title(paras[i]) and not _is_decree(paras[i])]
    first = laws[0] if laws else likes[0]
    run = [first]
    previous = first - 1
    if (
        paras[first].lang == "zh"
        and previous in likes
        and len(paras[previous].text) <= 12
        and not _is_law_title(paras[previous])
    ):
        run.insert(0, previous)  # "中华人民共和国" on its own line above the name
    while (
        paras[first].lang == "en"
        and run[-1] + 1 in likes
        and (
            _STARTS_CONNECTED.search(paras[run[-1] + 1].text.strip())
            or _ENDS_CONNECTED.search(paras[run[-1]].text.strip())
        )
    ):
        run.append(run[-1] + 1)
    return [paras[i] for i in run]


def _is_decree(para: Para) -> bool:
    text = para.text.strip()
    return text.endswith("令") or bool(re.match(r"(?:Decree|Order)\b", text, re.I))


def _same_text(a: str, b: str) -> bool:
    def key(s: str) -> str:
        return re.sub(r"[\s*＊#]", "", normalize(s))

    return key(a) == key(b)


def _clean_heading(text: str, marker: nb.Marker | None = None) -> str:
    """Fold odd spaces; letter-spacing inside a Chinese heading (`总 则`) goes."""
    text = text.strip()
    head = ""
    if marker is not None and marker.end:
        rest = text[marker.end :]
        spaced = rest[:1].isspace() or text[: marker.end][-1:].isspace()
        head = text[: marker.end].strip() + (" " if spaced else "")
        text = rest.strip()
    text = _SPACE_BETWEEN_CJK.sub("", text)
    return _HEADING_SPACES.sub(" ", head + text).strip()


def _display(marker: nb.Marker, lang: Lang | None) -> str:
    if marker.family == nb.ARTICLE:
        if lang == "zh":
            return f"第{marker.number}条" + (
                f"之{small_chinese_numeral(marker.sub)}" if marker.sub else ""
            )
        return f"Article {marker.label}"
    return marker.raw.strip()


def default_display(label: str, family_hint: str, lang: Lang) -> str:
    """How to cite a unit in a language the document does not provide."""
    if label == PREAMBLE:
        return "序言" if lang == "zh" else "Preamble"
    if label.startswith("annex-"):
        number = label.split("-", 1)[1]
        return f"附件{number}" if lang == "zh" else f"Annex {number}"
    number, _, sub = label.partition("-")
    if sub and not sub.isdigit():  # the English half of a pair that failed its check ("25-en")
        return ""
    if family_hint == nb.ARTICLE:
        if lang == "zh":
            return f"第{number}条" + (f"之{small_chinese_numeral(int(sub))}" if sub else "")
        return f"Article {label}"
    return f"{label}." if lang == "zh" else f"({label})"


# ---------------------------------------------------------------- the document


def _layout(paras: list[Para]) -> str:
    langs = [p.lang for p in paras if p.lang and p.role == "text"]
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
    streams: dict[Lang, list[_Stream]],
    fields: dict[str, str],
    header_titles: list[str],
    layout: str,
) -> list[ParsedDocument]:
    zh, en = streams["zh"], streams["en"]
    warnings: list[str] = []
    pairs: list[tuple[_Stream, _Stream]]
    if zh and en and len(zh) != len(en):
        warnings.append(
            f"the Chinese text holds {len(zh)} documents and the English {len(en)}: "
            "each language is kept as its own document"
        )
        pairs = [(z, _Stream()) for z in zh] + [(_Stream(), e) for e in en]
    else:
        pairs = [
            (zh[i] if i < len(zh) else _Stream(), en[i] if i < len(en) else _Stream())
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
    zh: _Stream,
    en: _Stream,
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
                _add(preamble, para)
            stream.units.insert(0, preamble)
    units, align_warnings = align_units(zh.units, en.units)
    warnings = warnings + align_warnings
    if units is None:
        zh_only, _ = align_units(zh.units, [])
        en_only, _ = align_units([], en.units)
        return [
            _document(zh_only or [], zh, _Stream(), fields, header_titles, layout, warnings),
            _document(en_only or [], _Stream(), en, fields, [], layout, warnings),
        ]
    return [_document(units, zh, en, fields, header_titles, layout, warnings)]


def _document(
    aligned: list[Unit],
    zh: _Stream,
    en: _Stream,
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
        title_zh=_HEADING_SPACES.sub(" ", title_zh).strip(),
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
    family = (
        nb.ARTICLE
        if any(u.display_zh.startswith("第") or u.display_en.startswith("Article") for u in aligned)
        else "item"
    )
    units = [
        Unit(
            label=u.label,
            display_zh=u.display_zh or default_display(u.label, family, "zh"),
            display_en=u.display_en or default_display(u.label, family, "en"),
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
    return ParsedDocument(meta, units, layout, warnings)
