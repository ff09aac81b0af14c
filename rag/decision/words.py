"""The question's content words, each weighed by its rarity in the index, and how much of them a
text covers (an English word through the Chinese words the dictionary bridge found for it)."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from functools import cache, lru_cache
from typing import Protocol

import numpy as np

from rag.keyword import american, chinese_words, tokenize
from rag.retrieval import Retrieval
from rag.text import has_cjk, normalize
from rag.types import Lang, Unit

# Stemmed as by the keyword tokenizer: "What does the opinion say about ...", "文件中对...怎么说".
_FRAME = set(
    "say said state mention opinion document text provision provide stipulate article item "
    "paragraph law laws regulation rule rules long many much old soon "
    "意见 文件 条文 条款 内容 提到 说 法律 规定 法 条例 多久 多长 哪里 哪儿 哪些 哪个 "
    "何时 何地 何处 什么 怎么 怎样 如何 是否 能否 可否 什么时候 "
    "应当 应该 必须 可以 需要 要 能".split()
)


# Words that say how or when, not what, and are no stop words of the keyword index ("but",
# "since", "already", 已经, 一直): they name no topic, so no passage covers a question by holding
# them (`content_words`) and they anchor nothing.
_FUNCTION = set(
    "but since rather once also even just still already yet only some here very "
    "已经 早已 仍然 依然 一直 还是 甚至 刚刚 刚才 马上 立刻 到底 究竟 其实 确实 非常 只是 "
    "仅仅 一些 有些".split()
)

# Words that name the detail a question asks for, not its topic: they anchor nothing (`stating`).
SLOT_WORDS = set(
    "minimum maximum least most limit deadline period time date day week month year hour "
    "before after within amount number percentage rate age latest often frequency "
    "期限 时限 期间 时间 多长时间 几天 几年 日期 的话 最低 最高 最长 最短 最多 最少 至少 上限 下限 "
    "金额 数额 数量 比例 年龄 频率 "
    # and that the detail is wanted precisely ("Which specific documents", 具体有哪些)
    "specific specifically exact exactly particular precise precisely 具体".split()
)


class IndexStatistics(Protocol):
    """What the decision reads from the index (`rag.index.Index` provides it)."""

    def keyword_count(self, lang: Lang) -> int: ...
    def keyword_frequency(self, lang: Lang, token: str) -> int: ...
    def keyword_coverage(self, lang: Lang) -> float: ...
    def sentence_vectors(
        self, units: Sequence[tuple[str, Unit]]
    ) -> dict[tuple[str, str, Lang, int], np.ndarray]: ...


Translations = Mapping[str, tuple[str, ...]]  # an English content word → its Chinese words


@lru_cache(maxsize=4096)
def content_words(question: str) -> frozenset[str]:
    """The words the answer's paragraphs should contain: the question's own Chinese and English
    tokens, less the words that only frame a question about a document and those that name no
    topic (`_FUNCTION`; remembered: the features and the anchor read them for one question)."""
    words = set(chinese_words(question)) | set(tokenize(question, "en"))
    return frozenset(t for t in words if len(t) > 1) - _FRAME - _FUNCTION


def word_weights(
    question: str,
    keywords: IndexStatistics,
    translated: Translations | None = None,
    *,
    rarity_of_translations: bool = False,
) -> dict[str, float]:
    """Each content word weighted by its inverse document frequency in the index (a word the
    index has never seen weighs most); an unseen word's weight is negative so the caller can
    count it. An English word the index's English does not hold and the bridge found no Chinese
    for (`translations`) is unseen on the Chinese side too ("trademark", which the dictionary
    renders 商标, in statutes that never say 商标). One it found Chinese for keeps its own
    weight, or, with `rarity_of_translations`, is as rare as its commonest translation: a
    dictionary's rendering of an incidental word ("online" → 在线) may be rare where the
    statute's term is not, so only the anchor (`anchor_weights`) reads that rarity, and only to
    choose among words it holds."""
    translated = translated or {}
    weights: dict[str, float] = {}
    for word in sorted(content_words(question)):  # summed in one order, run after run
        lang: Lang = "zh" if has_cjk(word) else "en"
        total = keywords.keyword_count(lang)
        frequency = _frequency(word, lang, keywords)
        chinese = translated.get(word)
        if not frequency and chinese is not None and (rarity_of_translations or not chinese):
            total = keywords.keyword_count("zh")
            frequency = max((_frequency(c, "zh", keywords) for c in chinese), default=0)
        weight = math.log(1 + (total + 1) / (frequency + 0.5))
        weights[word] = -weight if frequency == 0 and total > 0 else weight
    return weights


def _frequency(word: str, lang: Lang, keywords: IndexStatistics) -> int:
    """How many keyword documents hold the word: its rarest token of two characters or more."""
    pieces = [t for t in tokenize(word, lang) if len(t) > 1] or [word]
    return min(keywords.keyword_frequency(lang, t) for t in pieces)


def language_share(word: str, keywords: IndexStatistics) -> float:
    """How far a word's absence says something: the share of the index with text in its
    language (an English word unseen in an index that is mostly Chinese-only statutes says
    little about the topic)."""
    return keywords.keyword_coverage("zh" if has_cjk(word) else "en")


def bridged_share(word: str, keywords: IndexStatistics, translated: Translations) -> float:
    """As `language_share`, for an English word the bridge translated, on the side only its
    translations can see: the share of the index without English, as retrieval weighs the
    bridge's keywords (0 for any other word)."""
    return 1.0 - keywords.keyword_coverage("en") if word in translated else 0.0


def unseen_share(weights: dict[str, float], keywords: IndexStatistics) -> float:
    """The weighted share of the question's words the index has never seen, each counted as far
    as the index has text in its language (`language_share`)."""
    total = sum(abs(w) for w in weights.values())
    if not total:
        return 0.0
    unseen = sum(-w * language_share(word, keywords) for word, w in weights.items() if w < 0)
    return unseen / total


def heaviest_missing(
    weights: dict[str, float],
    text: str,
    translated: Translations,
    keywords: IndexStatistics,
    bridged: bool = False,
) -> float:
    """The weighted share of the one heaviest question word the text (the top units) does not
    hold: a question about adoption is not on the topic of a passage that shares its other
    words. Counted as far as the index has text in the word's language, as `unseen_share` does
    (`bridged`: only the English words the bridge translated, as far as the index has no
    English, `bridged_share`). A word the index has never seen weighs most, so with one in the
    question this is `unseen_share`'s share of it. Measured and not kept, left out one corpus at a
    time over eleven (refusal recall / false refusals summed, 8.78 / 1.43 as then shipped, in
    c25bb27): only words the index has seen, 8.70 / 1.46; less the words naming the detail
    (`SLOT_WORDS`), no better; those words out of every feature (as `_FRAME`), 8.56 / 1.39."""
    total = sum(abs(w) for w in weights.values())
    if not total:
        return 0.0
    matched = matching_form(text)
    return max(
        abs(w)
        * (1 - word_credit(word, matched, translated.get(word, ())))
        * (bridged_share(word, keywords, translated) if bridged else language_share(word, keywords))
        / total
        for word, w in weights.items()
    )


@cache
def _pieces(word: str) -> frozenset[str]:
    """The parts of a Chinese compound (jieba's search-mode words inside it)."""
    if not has_cjk(word):
        return frozenset()
    return frozenset(t for t in tokenize(word, "zh") if len(t) > 1 and t != word)


def translations(retrieval: Retrieval) -> dict[str, tuple[str, ...]]:
    """The Chinese words the retrieval searched for each English content word of a question with
    no Chinese (`Retrieval.translations`): a Chinese sentence holding one covers the word. A
    word the dictionary renders into nothing the index holds is kept with none, unless it names
    the detail asked (`SLOT_WORDS`: "days", "within" are written with the number in Chinese,
    七日内)."""
    found: dict[str, tuple[str, ...]] = {}
    for phrase, chinese in retrieval.translations:
        for word in tokenize(phrase, "en"):
            if chinese or word not in SLOT_WORDS:
                found[word] = tuple(dict.fromkeys(found.get(word, ()) + chinese))
    return found


def word_credit(word: str, text: str, also: tuple[str, ...] = ()) -> float:
    """1 when the word, or one of its translations, is in the text; otherwise half the share of
    its parts found, or of one of its translations' (a Chinese compound written another way:
    外资企业 / 外商投资企业; "compensation", translated 补偿费, in 补偿标准); otherwise half when
    the text spells out what it abbreviates (`abbreviates`)."""
    if word in text or any(t in text for t in also):
        return 1.0
    pieces = max(_share_of_pieces(w, text) for w in (word, *also))
    return 0.5 * (pieces or float(abbreviates(word, text)))


# What ends a stretch of text an abbreviation may be read in.
_BREAKS = frozenset("，。；：、？！（）《》“”,.;:?!()\n ")


def abbreviates(word: str, text: str) -> bool:
    """Whether a Chinese word of two to four characters is a shortening of a term of the text:
    its characters in order within a stretch at most twice its length, starting with its first
    and crossing no punctuation (停电 in 停止供电, 社保 in 社会保险, 总包 in 总承包单位). A lay
    question shortens what a statute spells out. Measured on the 36 held-out sets and the
    sample's, the shipped model: three answerable questions answered, no other outcome moved;
    two quote their gold (欠费多久他们才可以停电, 总包公司要不要负责), the third (最晚多少天内要
    去车管所办过户: 车辆管理所) a three-day time limit of the article ranked above it."""
    n = len(word)
    if not 2 <= n <= 4 or not all(has_cjk(c) for c in word):
        return False
    start = text.find(word[0])
    while start >= 0:
        found, end = 1, min(start + 2 * n, len(text))
        for c in text[start + 1 : end]:
            if c in _BREAKS:
                break
            if c == word[found]:
                found += 1
                if found == n:
                    return True
        start = text.find(word[0], start + 1)
    return False


def _share_of_pieces(word: str, text: str) -> float:
    pieces = _pieces(word)
    return sum(1 for t in pieces if t in text) / len(pieces) if pieces else 0.0


@lru_cache(maxsize=65536)
def matching_form(text: str) -> str:
    """Normalised, lower-cased and spelt American, as coverage compares the question's keyword
    tokens with it (remembered: units recur)."""
    return american(normalize(text).lower())


def coverage(weights: dict[str, float], text: str, translated: Translations | None = None) -> float:
    """The weighted share of the question's content words a text covers."""
    total = sum(abs(w) for w in weights.values())
    return _covered(weights, total, matching_form(text), translated or {}) if total else 0.0


def _covered(
    weights: Mapping[str, float], total: float, matched: str, translated: Translations
) -> float:
    return credited_share(weights, word_credits(weights, matched, translated), total)


def credited_share(
    weights: Mapping[str, float], credits: Mapping[str, float], total: float
) -> float:
    """The weighted share of the question's words the credits cover."""
    return sum(abs(weights[word]) * c for word, c in credits.items()) / total if total else 0.0


def word_credits(
    words: Mapping[str, float], matched: str, translated: Translations
) -> dict[str, float]:
    """Each word's credit (`word_credit`) in a text already in its matching form."""
    return {word: word_credit(word, matched, translated.get(word, ())) for word in words}
