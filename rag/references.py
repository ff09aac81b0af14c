"""The articles of its own document whose breach a text sanctions: "违反本法第四十三条、第四十八
条规定的", "Where employer units violate articles 43 and 48 of this Law". A statute states a
duty in one article and the fine for breaching it in another, in its chapter on legal
liability, which names the first by number; the words of a question on the fine ("经营者贿赂交易
相对方的工作人员，会被罚多少钱") are the duty's, and the fine's article shares few of them.

Only a breach is read (违反, 未依照, "violates", "fails to comply with"): an article that applies
another's rule (依照本法第六条的规定计算, 按本法第五十六条规定的罚款数额的二倍) states no
sanction of its duty. Only the document's own articles count (本法, 本条例, "this Law", "these
Regulations"): another law's (《刑法》第二百六十六条, "Article 266 of the Criminal Law") may not
be in the library, and has the number of one that is."""

from __future__ import annotations

import re
from collections.abc import Iterable

from rag.numerals import ZH_NUM, chinese_to_int
from rag.text import normalize

# 第七条, and after 至 also 十二条 (第十条至十二条)
_ZH_ARTICLE = rf"第?[{ZH_NUM}0-9]+条"
# 本法第四十三条、第四十八条; 本条例第十条至第十二条; 本法第二十六条第一款; 第三十条之一第二款
# (as normalised: ， is ,)
_ZH_OWN = re.compile(
    rf"(?:违反|未依照|不依照|未按照|不按照|未遵守|不遵守|未履行|不履行)"
    rf"本(?:法|条例|规定|办法|细则|决定|解释|准则|规则)"
    rf"(第(?:{_ZH_ARTICLE}(?:之[{ZH_NUM}]+)?(?:第[{ZH_NUM}0-9]+[款项])*[、,和及与或者至到]*)+)"
)
_ZH_NUMBER = re.compile(rf"(至|到)?第?([{ZH_NUM}0-9]+)条(?!之)")
# an article's number, not an inserted article's (Article 120-1)
_NUMBER = r"\d+(?![\d-])(?:\s*\(\d+\))*"
_EN_AND = r"\s*(?:,\s*and|,\s*or|,|and|or|to|through|–)\s*"
_EN_LIST = rf"articles?\s+({_NUMBER}(?:{_EN_AND}(?:articles?\s+)?{_NUMBER})*)"
_EN_ITSELF = (
    r"\s+of\s+(?:this|these|the present)\s+"
    r"(?:law|code|regulations?|measures|provisions|rules|interpretation|decision)\b"
)
# "violates articles 43 and 48 of this Law", "in violation of Article 12, paragraph 2, of …"
_EN_OWN = re.compile(
    r"(?:\bviolat\w*|\bbreach\w*|\bcontraven\w*|\bfail\w* to comply with"
    r"|\bnot comply(?:ing)? with|\bfail\w* to perform|\bnot perform(?:ing)?)(?:\s+of)?\s+"
    r"(?:the\s+(?:provisions?|requirements?|obligations?)\s+(?:of|in|under)\s+)?"
    r"(?:(?:paragraph|item|clause|subparagraph)s?\s+[\w()]+\s+of\s+)?"
    rf"\b{_EN_LIST}"
    r"(?:,?\s*(?:paragraph|item|clause|subparagraph)s?\s+[\w()]+(?:\s*(?:,|and|or)\s*[\w()]+)*,?)?"
    rf"{_EN_ITSELF}",
    re.I,
)
# "Where article 26 of this Law is violated"
_EN_VIOLATED = re.compile(
    rf"\b{_EN_LIST}{_EN_ITSELF}"
    r"\s+(?:is|are|has been|have been|was|were)\s+(?:violated|breached|contravened)\b",
    re.I,
)
_EN_NUMBER = re.compile(r"(to|through|–)?\s*(?:articles?\s+)?(\d+)(?![\d-])(?:\s*\(\d+\))*", re.I)
# a range wider than this is a chapter's span, not a list of duties ("第十条至第六十条")
_RANGE = 20


def violated_articles(text: str) -> frozenset[int]:
    """The numbers of the articles of its own document whose breach a text names (an inserted
    article, 第一百二十条之一, is not one of them: its number is not its parent's)."""
    found: set[int] = set()
    text = normalize(text)
    for match in _ZH_OWN.finditer(text):
        _add(found, ((bool(to), chinese_to_int(n)) for to, n in _ZH_NUMBER.findall(match[1])))
    for match in (*_EN_OWN.finditer(text), *_EN_VIOLATED.finditer(text)):
        _add(found, ((bool(to), int(n)) for to, n in _EN_NUMBER.findall(match[1])))
    return frozenset(found)


def _add(found: set[int], numbers: Iterable[tuple[bool, int]]) -> None:
    """Each number, and those between a number and the end of a range it opens (至 / to)."""
    previous = None
    for is_range_end, number in numbers:
        if is_range_end and previous is not None and 0 < number - previous <= _RANGE:
            found.update(range(previous + 1, number + 1))
        else:
            found.add(number)
        previous = number
