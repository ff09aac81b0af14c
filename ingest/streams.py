"""One language's paragraphs → units, per document segment.

The numbering family with the most markers that never restarts numbers the units (articles
always win); a family whose markers each open a run of units numbers the headings; families that
restart inside units stay in the text. A unit numbering that restarts at 1 starts another law,
also after an annex, which otherwise runs to the end of its law.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from itertools import pairwise

from ingest import numbering as nb
from ingest.align import LangUnit
from ingest.lines import ends_sentence
from ingest.metadata import front_matter_dates
from ingest.paragraphs import Para, ParaRole
from rag.labels import annex_label, article_name
from rag.text import normalize
from rag.types import Lang

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
HEADING_SPACES = re.compile(r"[\s\u3000\u2002\u2003\u00a0]+")
_SPACE_BETWEEN_CJK = re.compile(
    r"(?<=[\u4e00-\u9fff])[\s\u3000\u2002\u2003\u00a0]+(?=[\u4e00-\u9fff])"
)
_HEADING_LEVEL_ITEMS = 6
_HEADING_LEVEL_MARKDOWN = 8


@dataclass
class Stream:
    """One language's paragraphs of one document segment, parsed into units."""

    title: str = ""
    subtitle: str = ""
    front: list[Para] = field(default_factory=list)
    preamble: list[Para] = field(default_factory=list)
    front_headings: list[Para] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    units: list[LangUnit] = field(default_factory=list)


@dataclass(frozen=True)
class ParsedLanguage:
    """One language's paragraphs parsed: a stream per document segment, and the paragraphs as
    given, each in the role the parse found for it (heading, title, a note that is metadata)."""

    streams: list[Stream]
    paras: tuple[Para, ...]


def parse_language(paras: list[Para]) -> ParsedLanguage:
    """Parse one language's paragraphs into one stream per document segment."""
    unit_family, heading_families = _choose_families(paras)
    unit_indices = _accepted_unit_markers(paras, unit_family)
    streams: list[Stream] = []
    roled: list[Para] = []
    for start, end in _segment_bounds(paras, unit_indices):
        stream, segment = _build_stream(
            paras[start:end],
            unit_family,
            heading_families,
            {i - start for i in unit_indices if start <= i < end},
        )
        streams.append(stream)
        roled.extend(segment)
    return ParsedLanguage(streams, tuple(roled))


def _choose_families(paras: list[Para]) -> tuple[str | None, list[str]]:
    by_family: dict[str, list[nb.Marker]] = {}
    for para in paras:
        if para.marker and para.role == ParaRole.TEXT:
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
    in_annex = False
    for i, para in enumerate(paras):
        marker = para.marker
        if _is_annex(para) and accepted:
            in_annex = True  # what follows an annex heading belongs to the annex …
            continue
        if unit_family is None or marker is None or marker.family != unit_family:
            continue
        if para.role != ParaRole.TEXT:
            continue
        if in_annex:
            if not _opens_sequence(paras, i, unit_family):
                continue
            in_annex, last = False, None  # … until a new 第一条 sequence: another law
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


def _opens_sequence(paras: list[Para], index: int, unit_family: str) -> bool:
    """Whether the marker at `index` is an Article 1 followed by an Article 2: another law's
    articles. (Items restart inside annexes, lists of names in one, so only articles count.)"""
    marker = paras[index].marker
    if unit_family != nb.ARTICLE or marker is None or marker.number != 1 or marker.sub:
        return False
    following = (
        p.marker for p in paras[index + 1 :] if p.marker and p.marker.family == unit_family
    )
    after = next(following, None)
    return after is not None and after.number == 2 and not after.sub


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
    """Where the next law's front matter begins: its first title line after the last unit, or
    after an annex (whose own text may hold title-like lines), the last title line before the
    restart."""
    annex = next((i for i in range(restart - 1, prev_unit, -1) if _is_annex(paras[i])), None)
    if annex is not None:
        for i in range(restart - 1, annex, -1):
            if _is_law_title(paras[i]) or paras[i].md_level == 1:
                return i
        prev_unit = annex
    for i in range(prev_unit + 1, restart):
        marker = paras[i].marker
        if _is_law_title(paras[i]) or (marker is not None and marker.family == nb.PREAMBLE_HEAD):
            return i
    first_heading = restart
    while first_heading - 1 > prev_unit and _is_heading_para(paras[first_heading - 1]):
        first_heading -= 1
    return first_heading


def _is_annex(para: Para) -> bool:
    return para.marker is not None and para.marker.family == nb.ANNEX


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
    if para.marker is not None or para.role != ParaRole.TEXT or ends_sentence(text):
        return False
    if para.md_level:
        return True
    if para.lang == "zh":
        return len(text) <= 60 and "，" not in text and "。" not in text
    return len(text) <= 300 and text[:1].isupper()


def _build_stream(
    paras: list[Para],
    unit_family: str | None,
    heading_families: list[str],
    unit_starts: set[int],
) -> tuple[Stream, list[Para]]:
    """The segment's stream, and its paragraphs each in the role found for it."""
    stream = Stream()
    roled = list(paras)
    front_at: list[int] = []
    headings: list[tuple[int, str]] = []
    current: LangUnit | None = None
    seen: dict[str, LangUnit] = {}
    for i, para in enumerate(paras):
        marker = para.marker
        if para.role == ParaRole.META:
            continue
        if i in unit_starts and marker is not None:
            label = marker.label
            heading = " / ".join(h for _, h in headings)
            if label in seen:  # a repeated number continues the unit it names
                current = seen[label]
                add_paragraph(current, para)
                continue
            current = LangUnit(label, _display(marker, para.lang), heading)
            add_paragraph(current, para, marker.end)
            seen[label] = current
            stream.units.append(current)
            continue
        if marker is not None and marker.family == nb.ANNEX and current is not None:
            label = annex_label(marker.number)
            if label not in seen:
                current = LangUnit(label, _clean_heading(para.text), "")
                seen[label] = current
                stream.units.append(current)
                continue
        level = _heading_level(para, heading_families)
        title_candidate = current is None and para.marker is None and _title_like(para)
        if level is not None and not title_candidate:
            roled[i] = replace(para, role=ParaRole.HEADING)
            headings = [h for h in headings if h[0] < level]
            headings.append((level, _clean_heading(para.text, para.marker)))
            if current is None:
                stream.front_headings.append(roled[i])
            continue
        if current is None:
            if not (para.marker is not None and para.marker.family == nb.PREAMBLE_HEAD):
                stream.front.append(para)
                front_at.append(i)
        else:
            add_paragraph(current, para)
    for i, role in zip(front_at, _finish_front(stream), strict=True):
        roled[i] = replace(roled[i], role=role)
    return stream, roled


_MARKER_SEPARATORS = " \u3000:：.．、\t"


def add_paragraph(unit: LangUnit, para: Para, marker_end: int = 0) -> None:
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


def _finish_front(stream: Stream) -> list[ParaRole]:
    """Text before the first unit: the title, a note that is metadata, or the preamble; returns
    the role of each paragraph of `stream.front`."""
    roles: list[ParaRole] = []
    title = _title_run(stream.front)
    if title:
        joiner = "" if title[0].lang == "zh" else " "
        text = joiner.join(p.text.strip() for p in title)
        stream.title = HEADING_SPACES.sub(" ", text).rstrip("*＊ ")
    for para in stream.front:
        if para in title or (stream.title and _same_text(para.text, stream.title)):
            roles.append(ParaRole.TITLE)
        elif not stream.preamble and _is_note(para.text.strip()):
            roles.append(ParaRole.META)
            stream.notes.append(para.text.strip())
        else:
            roles.append(ParaRole.TEXT)
            stream.preamble.append(para)
    return roles


def _is_note(text: str) -> bool:
    """An adoption or amendment note under a title: "（…通过）", or a LawRefBook date line
    ("1996年3月1日 第八届…会议通过") where a later law of a compendium has its front matter."""
    return bool(_PARENTHETICAL_NOTE.match(text) or front_matter_dates([text]))


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
    return HEADING_SPACES.sub(" ", head + text).strip()


def _display(marker: nb.Marker, lang: Lang | None) -> str:
    if marker.family == nb.ARTICLE:
        return article_name(marker.number, marker.sub, "zh" if lang == "zh" else "en")
    return marker.raw.strip()
