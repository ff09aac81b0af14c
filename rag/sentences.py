"""The one sentence splitter: chunking, the extractive answerer, the citation checker and the
source cards all cut text here, so a quote, a chunk and a highlight agree on where a sentence ends.

`sentence_spans(text, lang)` gives character offsets into the text (surrounding spaces left out);
`split_sentences` is derived from it. Rules:
- A line break always ends a sentence: a paragraph never runs into the next.
- 。！？ end a sentence; so do . ! ? before a space or the end. Closing quotes and brackets, and
  citation markers such as [1], stay with the sentence they close.
- ； and ; end one too. A clause of an enumeration "(1) …; (2) …" is a unit a lawyer quotes whole,
  and Chinese statutes put a complete rule before each ；. The exception: a clause that is a proviso
  (Chinese 但/但是, English "provided that", "except", "unless", "but", "however", "save") stays
  with the clause before it.
- Nothing inside “…”, 「…」, 『…』 or a pair of straight double quotes ends a sentence; a quote that
  closes on a sentence end ends the sentence with it (他说：“……。”).
- A full stop after an abbreviation is not an end: titles (Mr. Ms. Dr. St.), e.g., i.e., vs.,
  initials (J. K. Smith), references before a number (No. 37, Art. 5, Arts. 3, Para. 2, Sec. 12,
  Jan. 5). Abbreviations that may close a sentence (a.m., p.m., etc., Co., Ltd., Inc., U.S., U.K.,
  P.R.C.) end one only when a word that opens sentences follows ("10 p.m. The …"), so "6 a.m. -
  10 p.m." and "U.S. Supreme Court" stay whole; a missed end merges two sentences, never cuts one.
  A decimal (3.5) has no space after its point; a label opening a sentence (I., 1., A.) stays with
  the text it numbers.
- Chinese 但书: a sentence that opens with 但/但是 or is only an exception (……的除外, ……不在此限)
  joins the sentence before it in the same paragraph, so a rule is never split from its exception.

`with_qualifiers` extends a chosen sentence over the provisos and consequences that follow it in
the same unit, for quotes and for the detail a sentence states: a rule travels with its exception
(但书), an order with what follows when it is not obeyed (责令限期改正；逾期不改正的，处……罚款 /
"shall be ordered to make corrections; if it fails to do so, a fine of …"), and an act with the
further cases of its sanction after a ；(有违法所得的，没收……；情节严重的，处……).

`unit_sentences` is what the index stores a vector for and what the answerer and the decision
read: the sentences of one language side of a unit, each paragraph cut by the rules of its own
language, numbered in order.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from rag.numerals import ZH_NUM, chinese_to_int
from rag.text import one_line, text_language
from rag.types import Lang, Span

_FULL_STOPS = "。！？"
_HALF_STOPS = "!?"
_CLAUSE_ENDS = ";；"
_STOPS = _FULL_STOPS + _HALF_STOPS + "."
_ENDS = _STOPS + _CLAUSE_ENDS
_NUMBERED_OPENING = re.compile(r"[(（]\d")
_WORD = re.compile(r"[A-Za-z]+")
_CLOSERS = "”’\"'」』）)]】》*"
_OPENERS = "“‘\"'(（[【「『《"
_QUOTE_PAIRS = {"“": "”", "「": "」", "『": "』"}
_MARKER = re.compile(r"\s*(?:\[\d{1,3}(?:\s*[,，、]\s*\d{1,3})*\]|【\d{1,3}】)")
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_WORD_BEFORE_STOP = re.compile(r"([A-Za-z]+(?:\.[A-Za-z]+)*)\.$")
_LABEL = re.compile(r"[IVXLC]+|[A-Za-z]|\d{1,3}")
_ROMAN_OR_NUMBER = re.compile(r"[(\[]?(?:\d|[IVXLC]+\b)")
# The markers of list items, by family (a list nested in an item numbers another way): （一）,
# (1), (a), (iv), ①, 1. / 1、, 一、; and the marks a sentence introducing a list ends with.
_ITEM_FAMILIES = (
    r"[（(][一二三四五六七八九十]+[）)]",
    r"[（(]\d{1,3}[）)]",
    r"[（(][a-zA-Z][）)]",
    r"[（(][ivxIVX]+[）)]",
    r"[①-⑳]",
    r"\d{1,3}[.、](?!\d)",
    r"[一二三四五六七八九十]+、",
)
_ITEM = re.compile(r"\s*(?:" + "|".join(f"({family})" for family in _ITEM_FAMILIES) + ")")
_ITEM_AFTER_LEAD = re.compile(r"[：:—]\s*(?:" + "|".join(_ITEM_FAMILIES) + ")")
_LEADS = ("：", ":", "—")
# References back to a paragraph (款) of the same article (`referred_paragraphs`): 前款, 前两款,
# 本条第一款、第二款, 本条第一款至第三款, a bare 第二款; never a paragraph of another article
# (本法第十条第一款、第二款), whose references are taken out first.
_ZH_NUMERAL = f"[{ZH_NUM}]+"
_ZH_PRECEDING = re.compile(f"前({_ZH_NUMERAL})?款|上款")
_ZH_PARAGRAPHS = re.compile(f"第({_ZH_NUMERAL})款(?:[、和及或]|(至))?")
_ZH_OTHER_ARTICLE = re.compile(
    f"(?<!本)第{_ZH_NUMERAL}条(?:之{_ZH_NUMERAL})?"
    f"(?:第{_ZH_NUMERAL}款(?:[、和及或至]第{_ZH_NUMERAL}款)*)?"
)
# A line that is only an article's label ("Article 12", 第十二条): it begins no paragraph.
_LABEL_LINE = re.compile(
    rf"\s*(?:article\s+\d+[a-z-]*|第{_ZH_NUMERAL}条(?:之{_ZH_NUMERAL})?)\s*[:：.]?\s*", re.I
)
_EN_PRECEDING = re.compile(
    r"\b(?:the )?(?:preceding|previous) (?:(two|three|four) )?paragraphs?\b", re.I
)
_EN_THIS_ARTICLE = re.compile(
    r"\bparagraphs? (\d{1,2}|one|two|three|four)(?:,? (?:and|or|to) (\d{1,2}))? of this article\b"
    r"|\bthe (first|second|third|fourth) paragraph of this article\b",
    re.I,
)
_EN_COUNTS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
}
_CLAUSE_MARKS = tuple(_CLAUSE_ENDS)

# Followed by a name or a phrase, never the end of a sentence.
_NEVER_ENDS = frozenset(
    "mr mrs ms messrs dr prof st hon rev gen gov sen rep vs e.g i.e cf viz approx incl".split()
)
# Followed by a number: "No. 37", "Art. 5", "Jan. 5" (otherwise an ordinary full stop).
_BEFORE_NUMBERS = frozenset(
    "no nos art arts para paras sec secs ss pp vol ch cap sch fig cl rr "
    "jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
# May close a sentence: only when a word that opens sentences follows.
_MAY_END = frozenset("a.m p.m etc co ltd inc corp bros plc llc llp jr sr esq".split())
# Words before a single capital that make it a label ("Annex I."), not an initial ("J. Smith").
_LABEL_WORDS = frozenset(
    "annex schedule part appendix form class item exhibit table chapter section article "
    "category grade level type phase plan option attachment column book title volume division "
    "paragraph clause rule figure note step list group tier zone".split()
)
# Capitalised, these words open sentences (after an abbreviation that may close one).
_SENTENCE_OPENERS = frozenset(
    "the this that these those it its a an any all each every no neither either in if where "
    "when whereas while after before upon on under for as at by from to with without unless "
    "however provided except save notwithstanding subject such there they he she we i you "
    "article chapter section paragraph item part annex both other only one what which who whose "
    "how whether but and or nor then thus accordingly moreover furthermore further also nothing "
    "none some many most following pursuant according having being since because although "
    "though our their his her".split()
)

_ZH_DAN_SHU = re.compile(r"^(?:但是|但(?!凡))")
_ZH_PROVISO = re.compile(r"^(?:但是|但(?!凡)|除[^，。；！？]{0,40}?外)")
# One clause that is only an exception: 法律另有规定的除外。
_ZH_ONLY_EXCEPTION = re.compile(r"^[^，,；;]*(?:除外|不在此限)[。！？；;!?”’」』）)\s]*$")
_EN_PROVISO = re.compile(
    r"^[\s“\"(]*(?:however\b|unless\b|provided\b|except\b|save\s+(?:that|as|where|for)\b|but\b"
    r"|other\s+than|with\s+the\s+exception|notwithstanding\s+the\s+(?:foregoing|above))",
    re.I,
)
# 逾期不改正的，… / 逾期仍未缴纳的，… / 拒不执行的，… : the sanction of the order before it.
_ZH_CONSEQUENCE = re.compile(
    r"^(?:逾期(?:仍)?(?:不|未|拒不)|拒不|仍不|仍未)[^，,。；;！？]{0,16}的[，,]"
)
# After a ；, a further case of the same act's sanction: 有违法所得的，没收违法所得；情节严重的，
# 处…罚款 / 没有违法所得的，处…罚款 / 情节严重的，以每位被派遣劳动者1000元以上5000元以下的标准
# 处以罚款 (the measure of the fine before its verb).
_ZH_SANCTION_CASE = re.compile(
    r"^[^，,。；;！？（(]{1,30}的[，,](?:由[^，,。；;]{1,20})?"
    r"(?:(?:以|按|依照)[^，,。；;]{1,40}?)?(?:并处|处(?![理置])|没收|吊销|责令|给予)"
)
# "If it fails to do so, …", "where the party still refuses to make corrections within the time
# limit, …", "if he does not do so": failing or refusing to do what was ordered.
_EN_CONSEQUENCE = re.compile(
    r"^[\s“\"(]*(?:and\s+)?(?:if|where|should)\s+(?:(?:it|he|she|they)\s+(?:still\s+)?"
    r"(?:fails?|refuses?)\b|[^,;.]{0,60}?\b(?:(?:fails?|refuses?)\s+to|(?:does|do)\s+not)\s+"
    r"(?:do\s+so|make\s+(?:the\s+)?corrections?|correct|rectify)\b)",
    re.I,
)
_EN_ONLY_EXCEPTION = re.compile(
    r"^(?:this|these|that|the\s+(?:preceding|foregoing|above|provisions?\s+of\s+the\s+preceding)"
    r"(?:\s+\w+)?)\s+(?:\w+\s+)?(?:shall|does|do)\s+not\s+apply\b",
    re.I,
)


def split_sentences(text: str, lang: Lang) -> list[str]:
    """The sentences of a text, in order, without surrounding spaces."""
    return [text[start:end] for start, end in sentence_spans(text, lang)]


def sentence_spans(text: str, lang: Lang) -> list[Span]:
    """Character offsets (start, end) of each sentence of the text, in order, spaces excluded."""
    spans: list[Span] = []
    start = 0
    for line in text.split("\n"):
        end = start + len(line)
        spans.extend(_paragraph_spans(text, start, end, lang))
        start = end + 1
    return spans


@dataclass(frozen=True)
class UnitSentence:
    """One sentence of one language side of a unit."""

    n: int  # its number in the side, from 0
    lang: Lang  # its own language: a side may hold a paragraph in the other language
    span: Span  # offsets into the side's text
    text: str


# Shorter pieces ("(1)", "一、", "第三条") carry nothing to match, embed or quote.
MIN_SENTENCE_CHARS = 4


@lru_cache(maxsize=16384)
def unit_sentences(text: str, side: Lang) -> tuple[UnitSentence, ...]:
    """The sentences of one language side of a unit, in order (remembered: units recur)."""
    found: list[UnitSentence] = []
    offset = 0
    for paragraph in text.split("\n"):
        lang = text_language(paragraph) or side
        for start, end in _paragraph_spans(paragraph, 0, len(paragraph), lang):
            if end - start >= MIN_SENTENCE_CHARS:
                span = (offset + start, offset + end)
                found.append(UnitSentence(len(found), lang, span, paragraph[start:end]))
        offset += len(paragraph) + 1
    return tuple(found)


def with_qualifiers(spans: list[Span], i: int, text: str) -> Span:
    """Sentence i extended over the sentences that follow it in the same text (a unit) and only
    qualify it: provisos (`is_proviso`), consequences of not obeying it (`is_consequence`),
    each recognised by its own words in either language, and, after a ；, the further cases of
    a Chinese sanction (……的，处……; 情节严重的，吊销……)."""
    start, end = spans[i]
    j = i + 1
    while j < len(spans) and _qualifies(
        text[spans[j][0] : spans[j][1]], after_clause=text[spans[j - 1][1] - 1] in "；;"
    ):
        end = spans[j][1]
        j += 1
    return start, end


def lead_in(sentences: Sequence[str], i: int) -> int | None:
    """The sentence that introduces sentence i when i is an item of a list (（二）专门从事……连续五年
    以上 after 符合下列条件的社会组织可以……提起诉讼：; "(b) …" after "… the following:"): what the
    item is about is said there. Going back, the items of its own list and those of lists nested
    in them are passed over, up to a sentence ending in ：, : or — that is not an item of its
    list, or one in which its list begins (……可以申请：（一）……；). None for a sentence that is
    not an item, or a list without one."""
    family = _item_family(sentences[i])
    if family is None:
        return None
    for j in range(i - 1, -1, -1):
        sentence = sentences[j].rstrip()
        its_family = _item_family(sentence)
        if (sentence.endswith(_LEADS) and its_family != family) or _ITEM_AFTER_LEAD.search(
            sentence
        ):
            return j
        if its_family is None:
            return None
    return None


def introduction(sentences: Sequence[str], j: int) -> int:
    """The first clause of the sentence that a list's lead-in (sentence j, `lead_in`) closes: a
    lead-in cut at ；/; is the last clause of the sentence that introduces the list, and a detail
    all its items share may stand in a clause before it (有下列情形之一的，由……责令限期改正；逾期
    不改正的，处5万元以上10万元以下的罚款；情节严重的，……：). Going back over sentences that end
    in ；/; and are no items."""
    k = j
    while k > 0 and sentences[k - 1].rstrip().endswith(_CLAUSE_MARKS):
        if _item_family(sentences[k - 1]) is not None:
            break
        k -= 1
    return k


def paragraph_numbers(text: str, sentences: Sequence[UnitSentence]) -> list[int]:
    """The paragraph (款) of a unit each of its sentences stands in, from 1: a new one begins
    with a line on which a sentence begins and that is no item of a list (an item belongs to
    the paragraph that introduces its list); a label line or a line too short to hold a
    sentence begins none."""
    numbers: list[int] = []
    paragraph, line = 0, -1
    its_line, counted = 0, 0  # the line of offset `counted`, read on as the sentences go
    for s in sentences:
        its_line += text.count("\n", counted, s.span[0])
        counted = s.span[0]
        if _LABEL_LINE.fullmatch(s.text):
            numbers.append(max(paragraph, 1))
            continue
        if its_line != line and (paragraph == 0 or _item_family(s.text) is None):
            paragraph += 1
        line = its_line
        numbers.append(paragraph)
    return numbers


def referred_paragraphs(sentence: str, paragraph: int, lang: Lang) -> frozenset[int]:
    """The earlier paragraphs of its own article that a sentence in `paragraph` refers back to
    (前款, 前两款, 本条第一款至第三款, 第二款; "the preceding paragraph", "paragraph 1 of this
    Article"): a time limit or a sanction stated there is one of that paragraph's rule (本条第一
    款规定的申请权，自……之日起一年内不行使的，归于消灭). Another article's paragraph (第十条第一款)
    is not."""
    found: set[int] = set()
    if lang == "zh":
        for m in _ZH_PRECEDING.finditer(sentence):
            back = chinese_to_int(m.group(1)) if m.group(1) else 1
            found.update(range(paragraph - back, paragraph))
        rest = _ZH_OTHER_ARTICLE.sub(" ", sentence)
        start = None
        for m in _ZH_PARAGRAPHS.finditer(rest):
            n = chinese_to_int(m.group(1))
            found.update(range(start, n + 1) if start is not None and start < n else (n,))
            start = n if m.group(2) else None
    else:
        for m in _EN_PRECEDING.finditer(sentence):
            back = _EN_COUNTS.get((m.group(1) or "").lower(), 1)
            found.update(range(paragraph - back, paragraph))
        for m in _EN_THIS_ARTICLE.finditer(sentence):
            numbers = [int(n) if n.isdigit() else _EN_COUNTS[n.lower()] for n in m.groups() if n]
            if " to " in m.group(0).lower() and len(numbers) == 2:
                numbers = list(range(numbers[0], numbers[1] + 1))
            found.update(numbers)
    return frozenset(p for p in found if 0 < p < paragraph)


def lists(text: str) -> bool:
    """Whether a text is an item of a list (（二）……, "(b) …"), or introduces one: it ends in ：, :
    or —, or runs on into its first item (……可以申请：（一）……)."""
    text = text.strip()
    return bool(_ITEM.match(text) or text.endswith(_LEADS) or _ITEM_AFTER_LEAD.search(text))


def _item_family(sentence: str) -> int | None:
    """Which family of list markers opens the sentence (`_ITEM_FAMILIES`), if one does."""
    found = _ITEM.match(sentence)
    return None if found is None else found.lastindex


def full_stop_ends_sentence(before: str, following: str) -> bool:
    """Whether the full stop closing `before` ends a sentence when `following` comes next: a line
    that a PDF wrapped after "No." or "a.m." carries on its sentence."""
    rest = following.lstrip()
    if not rest or _CJK.match(rest[0]):
        return True
    return _full_stop_ends(before, len(before) - len(before.rstrip(".")), rest)


def is_proviso(sentence: str) -> bool:
    """Whether a sentence qualifies the one before it rather than stating a rule of its own."""
    sentence = sentence.strip()
    return bool(
        _ZH_PROVISO.match(sentence)
        or _ZH_ONLY_EXCEPTION.match(sentence)
        or _EN_PROVISO.match(sentence)
        or _EN_ONLY_EXCEPTION.match(sentence)
    )


def rule_text(text: str, spans: list[Span], i: int) -> str:
    """Sentence i with its qualifiers (`with_qualifiers`), as one line: what it states."""
    start, end = with_qualifiers(spans, i, text)
    return one_line(text[start:end])


def is_consequence(sentence: str) -> bool:
    """Whether a sentence states what follows when the order before it is not obeyed
    (逾期不改正的，…, 拒不执行的，…, "If it fails to do so within the time limit, …"): the order
    and its sanction are one rule."""
    sentence = sentence.strip()
    return bool(_ZH_CONSEQUENCE.match(sentence) or _EN_CONSEQUENCE.match(sentence))


def _qualifies(sentence: str, after_clause: bool) -> bool:
    return (
        is_proviso(sentence)
        or is_consequence(sentence)
        or (after_clause and bool(_ZH_SANCTION_CASE.match(sentence)))
    )


# ---------------------------------------------------------------- one paragraph


def _paragraph_spans(text: str, start: int, end: int, lang: Lang) -> list[Span]:
    quotes = _quote_pairs(text, start, end)
    raw: list[tuple[int, int, bool]] = []  # (start, end, ended by a clause mark ; ；)
    sentence_start = start
    i = start
    while i < end:
        char = text[i]
        cut: int | None = None
        clause = False
        if i in quotes:
            close = quotes[i]
            inner = text[close - 1] if close - 1 > i else ""
            i = close + 1
            if inner and inner in _STOPS:
                cut = _cut_after(text, close - 1, close, end, sentence_start)
            if cut is None:
                continue
        elif char in _ENDS:
            run_end = i + 1
            while run_end < end and text[run_end] in _STOPS:
                run_end += 1
            clause = char in _CLAUSE_ENDS
            cut = _cut_after(text, i, run_end, end, sentence_start)
            i = run_end
            if cut is None:
                continue
        else:
            i += 1
            continue
        raw.append((sentence_start, cut, clause))
        sentence_start = i = cut
    raw.append((sentence_start, end, False))
    return _merge_provisos(text, [s for s in (_trim(text, a, b, c) for a, b, c in raw) if s], lang)


def _quote_pairs(text: str, start: int, end: int) -> dict[int, int]:
    """Opening quote position → its closing position, for quotes that close in the paragraph."""
    pairs: dict[int, int] = {}
    stack: list[int] = []
    straight: list[int] = []
    for i in range(start, end):
        char = text[i]
        if char in _QUOTE_PAIRS:
            stack.append(i)
        elif char in _QUOTE_PAIRS.values():
            while stack and _QUOTE_PAIRS[text[stack[-1]]] != char:
                stack.pop()
            if stack:
                opened = stack.pop()
                if not stack:
                    pairs[opened] = i
        elif char == '"' and not (i > start and text[i - 1].isdigit()):  # 34.85" is seconds
            straight.append(i)
    if len(straight) % 2 == 0:
        for opened, closed in zip(straight[::2], straight[1::2], strict=True):
            if not any(o < opened < c for o, c in pairs.items()):
                pairs[opened] = closed
    return pairs


def _cut_after(text: str, stop: int, after: int, end: int, sentence_start: int) -> int | None:
    """Where the sentence ends if the mark at `stop` (a run of marks up to `after`) ends one."""
    cut = after
    while True:
        while cut < end and text[cut] in _CLOSERS:
            cut += 1
        marker = _MARKER.match(text, cut, end)
        if marker is None:
            break
        cut = marker.end()
    char = text[stop]
    if char in _FULL_STOPS or char == "；":
        return cut
    following = text[cut] if cut < end else ""
    if following and not following.isspace() and not _CJK.match(following):
        return None  # "p.m.，", "3.5", "a.m" inside "a.m.", "www.example.com"
    if char != ".":
        return cut
    rest = text[cut:end].lstrip()
    before = text[sentence_start : stop + 1]
    if rest and after - stop == 1 and _bare_label(before):
        return None  # an item's number opening its sentence: "1. 对罚款决定不服的", "A. General"
    if not rest or _CJK.match(rest[0]):
        return cut
    return cut if _full_stop_ends(before, after - stop, rest) else None


def _bare_label(before: str) -> bool:
    """Whether the text up to a full stop is only a label: "1.", "(2.", "A.", "IV."."""
    return bool(_LABEL.fullmatch(before.strip().rstrip(".").lstrip(_OPENERS)))


def _full_stop_ends(before: str, run: int, rest: str) -> bool:
    """Whether the full stop at the end of `before` ends a sentence, `rest` following it."""
    if run >= 2:  # an ellipsis, or "etc.." closing a sentence
        return _starts_sentence(rest)
    found = _WORD_BEFORE_STOP.search(before)
    if found is None:  # after a number or a bracket: "in 2020.", "(see Article 5)."
        return not _bare_label(before) and _starts_sentence(rest)
    word = found.group(1)
    lower = word.lower()
    if before[: found.start()].strip(_OPENERS + " ") == "" and _LABEL.fullmatch(word):
        return False  # "I. The following …", "A. General": a label opening its sentence
    if len(word) == 1:
        if word.isupper():  # an initial ("J. K. Smith"), unless a label ("Annex I.")
            previous = before[: found.start()].split()
            is_label = bool(previous) and previous[-1].lower().strip(_OPENERS) in _LABEL_WORDS
            return is_label and _starts_sentence(rest)
        if word == "v":  # Smith v. Jones
            return False
        if word in "spr":  # s. 5, p. 12, r. 3
            return not _ROMAN_OR_NUMBER.match(rest) and _starts_sentence(rest)
        return _starts_sentence(rest)
    if lower in _NEVER_ENDS:
        return False
    if lower in _BEFORE_NUMBERS:
        return not _ROMAN_OR_NUMBER.match(rest) and _starts_sentence(rest)
    if lower in _MAY_END or "." in word:
        return _opens_sentence(rest)
    return _starts_sentence(rest)


def _starts_sentence(rest: str) -> bool:
    head = rest.lstrip(_OPENERS)
    return bool(head) and (head[0].isupper() or head[0].isdigit() or bool(_CJK.match(head[0])))


def _opens_sentence(rest: str) -> bool:
    """A stricter start, after an abbreviation that may end a sentence."""
    if _NUMBERED_OPENING.match(rest) or _CJK.match(rest[:1]):
        return True
    head = rest.lstrip(_OPENERS)
    word = _WORD.match(head)
    return word is not None and head[0].isupper() and word.group(0).lower() in _SENTENCE_OPENERS


def _trim(text: str, start: int, end: int, clause: bool) -> tuple[int, int, bool] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end, clause) if end > start else None


def _merge_provisos(text: str, spans: list[tuple[int, int, bool]], lang: Lang) -> list[Span]:
    """A 但书 joins its sentence; a clause that is a proviso joins the clause before it."""
    merged: list[tuple[int, int, bool]] = []
    for start, end, clause in spans:
        sentence = text[start:end]
        if merged and (
            (lang == "zh" and (_ZH_DAN_SHU.match(sentence) or _ZH_ONLY_EXCEPTION.match(sentence)))
            or (merged[-1][2] and _EN_PROVISO.match(sentence))
        ):
            merged[-1] = (merged[-1][0], end, clause)
        else:
            merged.append((start, end, clause))
    return [(start, end) for start, end, _ in merged]
