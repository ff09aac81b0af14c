"""Answer, say what the documents leave out, or decline.

Two questions are decided in turn:
1. **Is the topic addressed?** A logistic model over evidence from the top sources, most of it at
   sentence level: how much of the question's content (its words less the question frame, each
   weighted by how rare it is in the index) one sentence of a top unit covers, in either
   language and with the unit's headings (an item of a list with the sentence that introduces
   it, `rag.sentences.lead_in`); the same for the top unit and the top three as a
   whole; the share of the question's words the index has never seen; the weight of the
   heaviest question word the top units lack (a question about adoption shares its other words
   with a passage on something else); the best keyword score;
   whether dense and keyword rankings agree; the dense similarity and its lift over the
   background; and, for a top unit without text in the question's language (an English question
   on a Chinese-only statute, where words cannot match), the dense evidence in its own regime;
   and, from the sentence vectors stored at ingest, how close the closest sentence of the top
   units (and of the first) is to the question, and how far it stands above their average; and
   how far the best fused retrieval score stands above the second and the fifth (before the
   named-document and kind preferences, whatever the number of sources asked for).
   An English word of a question with no Chinese counts as covered by the Chinese words
   retrieval searched for it (`rag.bridge`, `Retrieval.translations`), and is weighed by how
   rare they are; one the dictionary translates into nothing the index holds is unseen there.
   The heaviest word lacking is measured apart for such bridged words (`bridged_missing`): a
   dictionary's rendering can miss the statute's term.
   No: `not_addressed`.
2. **Is what was asked stated?** A question that asks for a specific detail (`rag.kinds`) is
   answered only when one of the sentences that carry the topic (the best covering ones, and
   the nearest by meaning), read with the provisos and sanctions that follow it
   (`rag.sentences.rule_text`) or in its `Context` (an item's whole introducing sentence, when
   that holds a question word the item does not; the later paragraphs of its article that refer
   back to its own), contains a span of that kind and holds the question's anchor, and does not
   only leave its matter to another instrument or body (……由国务院规定, `stating`); an open question
   carried only by such sentences is not stated either; a question asked in several sentences
   or clauses, when that finds none, part by part (`read_parts`); otherwise `not_stated`,
   citing them.
The model's weights and threshold are fitted by `python -m eval.calibrate` on development sets
and reported on held-out corpora (leave one corpus out); they are stored per embedder in
`decision.json`, with a model on the embedder-free features for embedders without their own.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from importlib import resources
from typing import Any, Protocol

import numpy as np

from rag.keyword import american, chinese_words, tokenize
from rag.kinds import (
    Asked,
    Kind,
    asking_clauses,
    asks_commencement,
    asks_sanction,
    delegates,
    is_quantity,
    question_parts,
    states_commencement,
)
from rag.labels import article_number
from rag.references import violated_articles
from rag.retrieval import Retrieval
from rag.sentences import (
    UnitSentence,
    introduction,
    lead_in,
    paragraph_numbers,
    referred_paragraphs,
    rule_text,
    unit_sentences,
)
from rag.text import answer_language, has_cjk, normalize, one_line
from rag.types import LANGS, Lang, Outcome, Source, Unit

FEATURE_VERSION = 9
FEATURES = (
    "sentence",
    "sentence1",
    "unit",
    "top3",
    "unseen",
    "missing",
    "bridged_missing",
    "keyword",
    "agree",
    "top",
    "lift",
    "xl",
    "xl_top",
    "xl_lift",
    "dense_sentence",
    "dense_sentence1",
    "dense_sentence_lift",
    "lead",
    "lead5",
)
# Features that do not depend on the embedder's similarity scale.
LEXICAL = tuple(
    "sentence sentence1 unit top3 unseen missing bridged_missing keyword agree xl".split()
)
TOP_UNITS = 3  # the sources whose sentences are read (those there are, when fewer were asked for)
# A sentence carries the topic when it covers at least a share of what the best one covers, or is
# among the few closest to the question by meaning; the share and the number are fitted with the
# model (`evidence_share`, `evidence_nearest` in decision.json) from these.
EVIDENCE_SHARES = (0.5, 0.6, 0.7, 0.8, 0.9, 1.0)
EVIDENCE_NEAREST = (0, 1, 2)
EVIDENCE_CHOICES = tuple((share, n) for share in EVIDENCE_SHARES for n in EVIDENCE_NEAREST)

# Stemmed as by the keyword tokenizer: "What does the opinion say about ...", "文件中对...怎么说".
_FRAME = set(
    "say said state mention opinion document text provision provide stipulate article item "
    "paragraph law laws regulation rule rules long many much old soon "
    "意见 文件 条文 条款 内容 提到 说 法律 规定 法 条例 多久 多长 哪里 哪儿 哪些 哪个 "
    "何时 何地 何处 什么 怎么 怎样 如何 是否 能否 可否 什么时候 "
    "应当 应该 必须 可以 需要 要 能".split()
)

# English verbs that say a thing is had, needed or wanted, not what it is, and the support verbs
# whose object names the act (make a decision, take a deposit, give notice): they anchor nothing
# (on a Chinese-only statute "required" → 必要 held a sentence on something else as the anchor,
# "taking the deposit" → 领取 one on collecting a vehicle's papers). Measured on 35 sets for
# make, take and give: one answerable question answered (n24-12), no other answer changed.
_LIGHT = set(
    "have has had having get gets got getting need needs needed require requires required "
    "want wants wanted make makes made making take takes took taken taking give gives gave "
    "giving".split()
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
_SLOT = set(
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


@dataclass(frozen=True)
class Evidence:
    """One sentence of a top source: how much of the question's words it covers, how close its
    stored vector is to the question's (0 when either is unknown), and the rule it belongs to:
    the sentence with the provisos and consequences that follow it (`rule_text`), where a detail
    asked for may stand (责令限期办理；逾期不办理的，处……罚款)."""

    source: Source
    lang: Lang
    text: str
    rule: str
    coverage: float
    similarity: float = 0.0
    # question words its rule, its list's introduction and its headings hold, if in part (a
    # lead-in takes its best item's coverage, not its words: a detail is stated in the item)
    holds: frozenset[str] = frozenset()
    # the texts outside its rule where what is asked of it may be stated (`_asked_context`)
    context: tuple[str, ...] = ()
    # its coverage with the question's words its document's title holds counted as its own,
    # when it holds one the title does not (`topic_evidence` chooses among a document's
    # sentences by it; the features read `coverage`)
    standing: float = 0.0

    def states(self, asked: Asked) -> bool:
        """Whether its rule, or its context, gives what is asked."""
        return any(asked.given_by(text, self.lang) for text in (self.rule, *self.context))


@dataclass(frozen=True)
class DecisionModel:
    weights: dict[str, float]
    bias: float
    threshold: float
    evidence_share: float
    evidence_nearest: int

    def probability(self, features: dict[str, float]) -> float:
        z = self.bias + sum(self.weights.get(name, 0.0) * features[name] for name in FEATURES)
        return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))


@dataclass(frozen=True)
class Decision:
    outcome: Outcome
    asked: Asked
    probability: float
    features: dict[str, float]
    # answered: the sentences that state what is asked (`stating`); not stated: those that
    # carry the topic, best first
    evidence: tuple[Evidence, ...]


class DecisionModelError(RuntimeError):
    pass


@cache
def _models() -> dict[str, DecisionModel]:
    return stored_models(json.loads((resources.files("rag") / "decision.json").read_text("utf-8")))


def stored_models(data: dict[str, Any]) -> dict[str, DecisionModel]:
    """The models of a decision.json, when they were fitted on the features the code computes."""
    version, names = data.get("feature_version"), data.get("features")
    if version != FEATURE_VERSION or names is None or set(names) != set(FEATURES):
        if names is None:
            fitted = f"features version {version}, naming no features,"
        elif set(names) == set(FEATURES):
            fitted = f"features version {version}"
        else:
            missing = [f for f in FEATURES if f not in names]
            extra = [f for f in names if f not in FEATURES]
            differences = [
                *([f"without {', '.join(missing)}"] if missing else []),
                *([f"with {', '.join(extra)}, which the code no longer computes"] if extra else []),
            ]
            fitted = f"other features ({'; '.join(differences)})"
        raise DecisionModelError(
            f"rag/decision.json was fitted on {fitted} but the code computes version "
            f"{FEATURE_VERSION}: refit with `make refit`"
        )
    if not data.get("models"):
        raise DecisionModelError("rag/decision.json holds no model: refit with `make refit`")
    return {
        name: DecisionModel(
            m["weights"], m["bias"], m["threshold"], m["evidence_share"], m["evidence_nearest"]
        )
        for name, m in data["models"].items()
    }


def decision_model(embedder: str) -> DecisionModel:
    models = _models()
    return models.get(embedder) or models["default"]


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


def _language_share(word: str, keywords: IndexStatistics) -> float:
    """How far a word's absence says something: the share of the index with text in its
    language (an English word unseen in an index that is mostly Chinese-only statutes says
    little about the topic)."""
    return keywords.keyword_coverage("zh" if has_cjk(word) else "en")


def _bridged_share(word: str, keywords: IndexStatistics, translated: Translations) -> float:
    """As `_language_share`, for an English word the bridge translated, on the side only its
    translations can see: the share of the index without English, as retrieval weighs the
    bridge's keywords (0 for any other word)."""
    return 1.0 - keywords.keyword_coverage("en") if word in translated else 0.0


def _unseen(weights: dict[str, float], keywords: IndexStatistics) -> float:
    """The weighted share of the question's words the index has never seen, each counted as far
    as the index has text in its language (`_language_share`)."""
    total = sum(abs(w) for w in weights.values())
    if not total:
        return 0.0
    unseen = sum(-w * _language_share(word, keywords) for word, w in weights.items() if w < 0)
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
    words. Counted as far as the index has text in the word's language, as `_unseen` does
    (`bridged`: only the English words the bridge translated, as far as the index has no
    English, `_bridged_share`). A word the index has never seen weighs most, so with one in the
    question this is `_unseen`'s share of it. Measured and not kept, left out one corpus at a
    time over eleven (refusal recall / false refusals summed, 8.78 / 1.43 as then shipped, in
    c25bb27): only words the index has seen, 8.70 / 1.46; less the words naming the detail
    (`_SLOT`), no better; those words out of every feature (as `_FRAME`), 8.56 / 1.39."""
    total = sum(abs(w) for w in weights.values())
    if not total:
        return 0.0
    matched = matching_form(text)
    return max(
        abs(w)
        * (1 - _credit(word, matched, translated.get(word, ())))
        * (
            _bridged_share(word, keywords, translated)
            if bridged
            else _language_share(word, keywords)
        )
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
    the detail asked (`_SLOT`: "days", "within" are written with the number in Chinese, 七日内)."""
    found: dict[str, tuple[str, ...]] = {}
    for phrase, chinese in retrieval.translations:
        for word in tokenize(phrase, "en"):
            if chinese or word not in _SLOT:
                found[word] = tuple(dict.fromkeys(found.get(word, ()) + chinese))
    return found


def _credit(word: str, text: str, also: tuple[str, ...] = ()) -> float:
    """1 when the word, or one of its translations, is in the text; otherwise half the share of
    its parts found, or of one of its translations' (a Chinese compound written another way:
    外资企业 / 外商投资企业; "compensation", translated 补偿费, in 补偿标准)."""
    if word in text or any(t in text for t in also):
        return 1.0
    return 0.5 * max(_share_of_pieces(w, text) for w in (word, *also))


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
    return _share(weights, _credits(weights, matched, translated), total)


def _share(weights: Mapping[str, float], credits: Mapping[str, float], total: float) -> float:
    """The weighted share of the question's words the credits cover."""
    return sum(abs(weights[word]) * c for word, c in credits.items()) / total if total else 0.0


def _credits(
    words: Mapping[str, float], matched: str, translated: Translations
) -> dict[str, float]:
    """Each word's credit (`_credit`) in a text already in its matching form."""
    return {word: _credit(word, matched, translated.get(word, ())) for word in words}


@dataclass(frozen=True)
class Context:
    """Where a detail of a sentence's rule may be stated outside it: for an item of a list, the
    whole sentence introducing the list, its clauses before the lead-in too (有下列情形之一的，由
    ……责令限期改正；逾期不改正的，处……罚款：; `rag.sentences.introduction`); and the rules of the
    later paragraphs of its article that refer back to its own (本条第一款规定的申请权，自……一年
    内不行使的，归于消灭; `rag.sentences.referred_paragraphs`)."""

    introduction: str = ""
    references: tuple[str, ...] = ()


@dataclass(frozen=True)
class SentenceRule:
    """One sentence of a unit's side and what it is read with."""

    side: Lang
    sentence: UnitSentence
    rule: str  # the sentence with its qualifiers (`rule_text`)
    lead: str  # for an item of a list, the sentence that introduces it (`lead_in`); else ""
    context: Context


def sentences(source: Source) -> list[SentenceRule]:
    """The sentences of a unit, in both languages."""
    return [r for side in LANGS for r in _rules(source.unit.text(side), side)]


@lru_cache(maxsize=4096)
def _rules(text: str, lang: Lang) -> tuple[SentenceRule, ...]:
    """A text's sentences with their rules, lead-ins and contexts (remembered: the same units
    are read for one question after another)."""
    found = unit_sentences(text, lang)
    spans = [s.span for s in found]
    texts = [s.text for s in found]
    paragraphs = paragraph_numbers(text, found)
    referring: dict[int, list[str]] = {}
    for i, s in enumerate(found):
        for p in referred_paragraphs(s.text, paragraphs[i], s.lang):
            referring.setdefault(p, []).append(rule_text(text, spans, i))
    rules = []
    for i, s in enumerate(found):
        j = lead_in(texts, i)
        introduced = ""
        if j is not None:
            introduced = one_line(text[spans[introduction(texts, j)][0] : spans[j][1]])
        context = Context(introduced, tuple(referring.get(paragraphs[i], ())))
        lead = "" if j is None else texts[j]
        rules.append(SentenceRule(lang, s, rule_text(text, spans, i), lead, context))
    return tuple(rules)


def _unit_text(source: Source) -> str:
    unit = source.unit
    return f"{unit.heading_zh} {unit.heading_en} {unit.text_zh} {unit.text_en}"


def evidence(
    weights: dict[str, float],
    sources: tuple[Source, ...],
    vector: np.ndarray | None = None,
    stored: Mapping[tuple[str, str, Lang, int], np.ndarray] | None = None,
    translated: Translations | None = None,
    sanction: bool = False,
) -> list[Evidence]:
    """Every sentence of the top sources with its coverage (its unit's headings count too) and,
    given the question's vector and the stored sentence vectors, its similarity; for a question
    asking a `sanction`, an article's sentences read the rules fining its breach as context
    (`_referring_rules`). An item of a
    list and the sentence that introduces it (`lead_in`) are read together: the item with the
    words of the whole introducing sentence (`Context.introduction`: 有下列情形之一的，……责令限期
    改正；逾期不改正的，处……罚款：, not only its last clause), the lead-in as well as its best
    item covers (经营者……七日内退货……，但下列商品除外：/（三）在线下载……), and stands as well as
    it (`Evidence.standing`, with its document's title). Only the words found somewhere in a unit
    are looked for in its sentences: long units (the Basic Law's annexes) have hundreds."""
    total = sum(abs(w) for w in weights.values())
    translated = translated or {}
    referring = _referring_rules(sources[:TOP_UNITS]) if sanction else {}
    found = []
    for source in sources[:TOP_UNITS]:
        number = article_number(source.unit.label)
        sanctions = {
            side: referring.get((source.hit.doc_id, number, side), ())
            for side in LANGS
            if number is not None
        }
        heading = f"{source.unit.heading_zh} {source.unit.heading_en}"
        meta = source.document.meta
        titled = _held_credits(f"{meta.title_zh} {meta.title_en}", weights, translated)
        in_unit = matching_form(_unit_text(source))
        present = {
            word: w
            for word, w in weights.items()
            if _credit(word, in_unit, translated.get(word, ())) > 0
        }
        read: list[tuple[SentenceRule, float, dict[str, float], float]] = []
        for r in sentences(source):
            introduced = r.context.introduction
            credits = _credits(
                present, matching_form(f"{heading} {introduced} {r.sentence.text}"), translated
            )
            share = _share(present, credits, total)
            standing = share
            if any(credit > 0 and word not in titled for word, credit in credits.items()):
                standing = _share(weights, _either(credits, titled), total)
            if r.rule != r.sentence.text:
                credits = _credits(
                    present, matching_form(f"{heading} {introduced} {r.rule}"), translated
                )
            read.append((r, share, credits, standing))
        # the question's words each introduction holds (`_asked_context`): once per list
        held_by_introduction = {
            r.context.introduction: _held(r.context.introduction, present, translated)
            for r, _, _, _ in read
            if r.context.introduction
        }
        with_items: dict[tuple[Lang, str], tuple[float, float]] = {}
        for r, share, _, standing in read:
            if r.lead:
                had_share, had_standing = with_items.get((r.side, r.lead), (0.0, 0.0))
                with_items[r.side, r.lead] = (max(had_share, share), max(had_standing, standing))
        for r, share, credits, standing in read:
            key = (source.hit.doc_id, source.unit.label, r.side, r.sentence.n)
            similarity = 0.0
            if vector is not None and stored is not None and key in stored:
                similarity = float(stored[key] @ vector)
            holds = frozenset(word for word, c in credits.items() if c > 0)
            item_share, item_standing = with_items.get((r.side, r.sentence.text), (0.0, 0.0))
            share, standing = max(share, item_share), max(standing, item_standing)
            found.append(
                Evidence(
                    source,
                    r.sentence.lang,
                    r.sentence.text,
                    r.rule,
                    share,
                    similarity,
                    holds,
                    _asked_context(
                        r.context,
                        r.rule,
                        held_by_introduction.get(r.context.introduction, ()),
                        translated,
                    )
                    + sanctions.get(r.side, ()),
                    standing,
                )
            )
    return found


def _referring_rules(sources: Sequence[Source]) -> dict[tuple[str, int, Lang], tuple[str, ...]]:
    """The rules of the sources' sentences that sanction the breach of another article of their
    document (`violated_articles`: 违反本法第七条规定贿赂他人的，……处十万元以上三百万元以下的罚
    款), with those of the sentences after them in their paragraph up to the next breach named
    ("Where employer units violate articles 43 and 48 of this Law, … ordering corrections; and
    where corrections are refused …, a fine of …"), and for an item of a list, the sentence
    introducing it (有下列行为之一的，……处五万元以上五十万元以下的罚款：/（一）违反本法第二十条规定
    ……的), by (document, the article breached, language): where the sanction of an article's
    duty is stated, as a later paragraph referring back to its own completes its rule
    (`Context.references`). Read for a question asking a sanction (`asks_sanction`) only: a
    fine is no cap on what a duty allows ("经营者向中间人支付佣金，最多能付多少钱？")."""
    found: dict[tuple[str, int, Lang], list[str]] = {}
    for source in sources:
        own = article_number(source.unit.label)
        for side in LANGS:
            text = source.unit.text(side)
            rules = _rules(text, side)
            for i, r in enumerate(rules):
                numbers = violated_articles(r.sentence.text) - {own}
                if not numbers:
                    continue
                paragraph_end = text.find("\n", r.sentence.span[0])
                following = [r.rule, r.context.introduction] if r.lead else [r.rule]
                for later in rules[i + 1 :]:
                    if 0 <= paragraph_end <= later.sentence.span[0] or violated_articles(
                        later.sentence.text
                    ):
                        break
                    following.append(later.rule)
                for number in numbers:
                    found.setdefault((source.hit.doc_id, number, side), []).extend(following)
    return {key: tuple(dict.fromkeys(rules)) for key, rules in found.items()}


def _asked_context(
    context: Context, rule: str, introduced: tuple[str, ...], translated: Translations
) -> tuple[str, ...]:
    """The texts of a sentence's context where a detail asked of it may stand: the paragraphs
    referring back to its own, always (a reference names the paragraph whose rule it completes:
    its time limit, its sanction; on the development sets it cost one off-topic question,
    `trust_seizure`'s k26, and a guard as the introduction's would have lost `trust_seizure`'s
    k54, whose reference holds no word its paragraph lacks); and the introduction of its list
    only when the introduction holds a question word the item does not (the sanction, the
    distance the question asks about): a fine all items share answers "what is the fine for …",
    not "what share of the price must the guarantee be" asked of the item on the guarantee."""
    texts = context.references
    if context.introduction:
        matched = matching_form(rule)
        if any(_credit(word, matched, translated.get(word, ())) == 0 for word in introduced):
            texts = (context.introduction, *texts)
    return texts


def _held_credits(
    text: str, words: Mapping[str, float], translated: Translations
) -> dict[str, float]:
    """The credits (`_credit`) of the question's words a text holds, if in part."""
    credits = _credits(words, matching_form(text), translated)
    return {word: credit for word, credit in credits.items() if credit > 0}


def _either(credits: Mapping[str, float], others: Mapping[str, float]) -> dict[str, float]:
    """Each word's better credit of the two."""
    return {w: max(credits.get(w, 0.0), others.get(w, 0.0)) for w in {*credits, *others}}


def _held(text: str, present: Mapping[str, float], translated: Translations) -> tuple[str, ...]:
    """The question's words a text holds, if in part."""
    return tuple(_held_credits(text, present, translated))


# Shares are sums of word weights: four of five equal words are 0.8 of the whole within rounding.
_ROUNDING = 1e-9


def reaches(value: float, bound: float) -> bool:
    """Whether a share reaches a bound, a share equal to it within rounding included."""
    return value >= bound - _ROUNDING


def topic_evidence(found: list[Evidence], share: float, nearest: int) -> tuple[Evidence, ...]:
    """The sentences that carry the topic, best first: those covering at least `share` of what
    the best covers, then the `nearest` closest to the question by meaning (a paraphrase that
    shares few words with its answer). When no word matches at all (a question in the other
    language), the first source's sentences, where the dense evidence points.

    The documents are those of the sentences covering the most; within each, what a sentence
    covers counts the words the document's title holds as its own (`standing`): they name the
    document, and every sentence of it is about them. In "How long must an employer keep its
    written wage payment ledger for migrant workers?", asked of 保障农民工工资支付条例, the
    sentence that restates 农民工 (用人单位向农民工支付工资时……) no longer outweighs the one
    keeping the ledger (……编制书面工资支付台账，并至少保存3年). A sentence holding no question
    word but the title's (if in part: 劳动 of 劳动合同) is not carried for the title; nor is one
    of another document: a title names its own document, and no other's sentences."""
    best = max((e.coverage for e in found), default=0.0)
    if best <= 0:
        first = found[0].source.n if found else None
        return tuple(e for e in found if e.source.n == first)
    documents = {e.source.hit.doc_id for e in found if reaches(e.coverage, share * best)}
    within = [e for e in found if e.coverage > 0 and e.source.hit.doc_id in documents]
    standing: dict[str, float] = {}
    for e in within:
        standing[e.source.hit.doc_id] = max(standing.get(e.source.hit.doc_id, 0.0), e.standing)
    chosen = sorted(
        (e for e in within if reaches(e.standing, share * standing[e.source.hit.doc_id])),
        key=lambda e: (-e.standing, e.source.n),
    )
    taken = {id(e) for e in chosen}
    closest = sorted((e for e in found if e.similarity), key=lambda e: -e.similarity)[:nearest]
    return tuple(chosen + [e for e in closest if id(e) not in taken])


def anchor_weights(
    question: str, index: IndexStatistics, translated: Translations | None = None
) -> dict[str, float]:
    """The question's words that can anchor what it asks (`stating`): words the index has seen,
    less those that name the detail asked rather than its topic (期限, "minimum", the verb of
    "how long … last": `_lasting`) and the verbs that say a thing is had or needed ("have",
    "required": `_LIGHT`) and numbers (三年, 一次, 19: a fact the question gives; 几次, 几成: the
    detail it asks; `is_quantity`), each weighted by its rarity as far as the index has text in
    its language (`_language_share`), an English word the bridge translated by its translations'
    rarity, as far as the index has no English (`_bridged_share`). On Chinese-only statutes an
    English word the dictionary does not translate weighs nothing (every English word is equally
    unknown there); a question in both languages leans to the index's language."""
    translated = translated or {}
    lasting = _lasting(question)
    return {
        word: weight * max(_language_share(word, index), _bridged_share(word, index, translated))
        for word, weight in word_weights(
            question, index, translated, rarity_of_translations=True
        ).items()
        if weight > 0
        and word not in _SLOT
        and word not in _LIGHT
        and word not in lasting
        and not is_quantity(word)
    }


# The verb a question asking how long a thing lasts asks with ("How long must the bidding period
# of an online auction last", 这个社区戒毒要持续多久): like 期限 it names the detail asked, not
# the topic ("last" anchored 最后出价 in the sentence on the last five minutes' bids). A verb
# ends its clause or comes before a conjunction or preposition ("How long does the last stage
# take?" asks of the last stage).
_LASTING = re.compile(
    r"\bhow long\b[^?,.;]*?\b(last)s?"
    r"(?=\s*(?:[?,.;!]|$)|\s+(?:and|or|if|when|once|until|after|before|for|from|in|under|without)\b)"
    r"|(持续|延续)(?=多久|多长|几)",
    re.I,
)


def _lasting(question: str) -> frozenset[str]:
    """The verbs of a question's "how long … last" (持续多久), as the keyword tokenizer has them."""
    return frozenset((m.group(1) or m.group(2)).lower() for m in _LASTING.finditer(question))


def question_anchors(
    question: str, retrieval: Retrieval, index: IndexStatistics
) -> dict[str, float]:
    """`anchor_weights` with the words the retrieval's bridge translated, those of the clauses
    that ask first (`asking_first`): what `decide` and the calibration both read."""
    return _anchors(question, question, index, translations(retrieval))


def _anchors(
    about: str, asking: str, index: IndexStatistics, translated: Translations
) -> dict[str, float]:
    """`anchor_weights` of what a question or part is about, the words of the clauses of
    `asking` that ask first (`asking_first`)."""
    return asking_first(
        anchor_weights(about, index, translated),
        anchor_weights(asking_clauses(asking), index, translated),
    )


def asking_first(anchors: dict[str, float], asking: Mapping[str, float]) -> dict[str, float]:
    """The anchors with the words of the clauses that ask (`asking`: `asking_clauses`) above all
    the others, each group in its own order: a detail is asked of what the asking clause names,
    the clauses or sentences before it say what happened ("一家银行出了信用危机被监管部门接管
    了，这个接管最长能持续多久？" is anchored on 接管, not on the rarer 危机 of the sentence
    allowing a takeover)."""
    top = max(anchors.values(), default=0.0)
    return {
        word: weight + top if word in asking and weight > 0 else weight
        for word, weight in anchors.items()
    }


def stating(
    asked: Asked,
    carried: Sequence[Evidence],
    anchors: Mapping[str, float],
    mates: Sequence[Evidence] = (),
) -> tuple[Evidence, ...]:
    """The sentences carrying the topic that give what is asked about the question's anchor:
    the heaviest of its `anchors` (`anchor_weights`) that one of them holds (or, holding it, one
    of their `mates`: `stated_by_parts`). When they hold none of its anchors (that weigh
    anything), the words they matched did not name its topic: only a sentence carried by meaning
    alone, with no word matched, may then state it (measured on the twenty-seven question sets of
    the README: two off-topic questions more declined, no answer lost). A time limit in a
    sentence on something else the question also names (a notice period, where the question
    asks when a payment is due) does not state the one asked. Nor does a sentence that only
    leaves its matter to another instrument or body (`delegates`: 普通签证的类别和签发办法由国
    务院规定), but to a question asking who: the body it names. A document's purpose has no
    anchor: its topic is the document; nor has an open question, which asks for no detail: every
    sentence carrying its topic answers it, and the answer quotes the closest."""

    def giving(sentences: Sequence[Evidence]) -> tuple[Evidence, ...]:
        return tuple(
            e
            for e in sentences
            if e.states(asked) and (asked.kind == Kind.PERSON or not delegates(e.text, e.lang))
        )

    given = giving(carried)
    held = [word for e in carried for word in e.holds if anchors.get(word, 0.0) > 0]
    if asked.kind in (Kind.PURPOSE, Kind.OPEN):
        return given
    if not held:
        if not any(w > 0 for w in anchors.values()):
            return given
        # the words that matched named the detail (最长, 期限), none its topic: only a sentence
        # carried by meaning alone (no word matched it: the nearest, or the first source's when
        # no word matched anywhere) may state it
        return tuple(e for e in given if e.coverage == 0)
    anchor = _heaviest(held, anchors)
    return tuple(e for e in (*given, *giving(mates)) if anchor in e.holds)


def _heaviest(words: Iterable[str], anchors: Mapping[str, float]) -> str | None:
    """The word of `words` weighing most among `anchors` (a tie by the word: one answer run after
    run), none of no words."""
    return max(words, key=lambda word: (anchors.get(word, 0.0), word), default=None)


def features(
    question: str, retrieval: Retrieval, index: IndexStatistics
) -> tuple[dict[str, float], list[Evidence]]:
    """The decision's evidence for one question, and the sentences it read."""
    sources = retrieval.sources
    if not sources:
        return dict.fromkeys(FEATURES, 0.0), []
    translated = translations(retrieval)
    weights = word_weights(question, index, translated)
    found = evidence(
        weights,
        sources,
        retrieval.vector,
        _stored(retrieval, index),
        translated,
        asks_sanction(question),
    )
    top = retrieval.top_dense
    background = retrieval.background
    base = sum(background) / len(background) if background else top
    first = sources[0].hit
    xl = float(not sources[0].unit.text(answer_language(question)))
    top3 = " ".join(_unit_text(s) for s in sources[:TOP_UNITS])
    values = {
        "sentence": max((e.coverage for e in found), default=0.0),
        "sentence1": max((e.coverage for e in found if e.source.n == sources[0].n), default=0.0),
        "unit": coverage(weights, _unit_text(sources[0]), translated),
        "top3": coverage(weights, top3, translated),
        "unseen": _unseen(weights, index),
        "missing": heaviest_missing(weights, top3, translated, index),
        "bridged_missing": heaviest_missing(weights, top3, translated, index, bridged=True),
        "keyword": max(s.hit.keyword for s in sources[:TOP_UNITS]) / (1 + len(weights)),
        "agree": float(0 < first.dense_rank <= 5 and 0 < first.keyword_rank <= 5),
        "top": top,
        "lift": top - base,
        "xl": xl,
        "xl_top": xl * top,
        "xl_lift": xl * (top - base),
        "dense_sentence": max((e.similarity for e in found), default=0.0),
        "dense_sentence1": max(
            (e.similarity for e in found if e.source.n == sources[0].n), default=0.0
        ),
        "dense_sentence_lift": _lift([e.similarity for e in found if e.similarity]),
        "lead": _lead(retrieval.leads, 1),
        "lead5": _lead(retrieval.leads, 4),
    }
    return values, found


def _stored(
    retrieval: Retrieval, index: IndexStatistics
) -> dict[tuple[str, str, Lang, int], np.ndarray] | None:
    """The stored vectors of the top sources' sentences (none without the question's vector)."""
    if retrieval.vector is None:
        return None
    return index.sentence_vectors([(s.hit.doc_id, s.unit) for s in retrieval.sources[:TOP_UNITS]])


@dataclass(frozen=True)
class Part:
    """One part of a question asked in several sentences or clauses, read as a question of its
    own: what it asks, the sentences of the top sources with their coverage of its words, its
    anchors, and the words only the parts before it have (what it may refer back to)."""

    asked: Asked
    found: list[Evidence]
    anchors: dict[str, float]
    before: frozenset[str]


# How much the words of the sentences before a part count beside its own in choosing the
# sentences that carry it: enough to break a tie, no more.
_CONTEXT_TIE = 1e-3


def read_parts(question: str, retrieval: Retrieval, index: IndexStatistics) -> tuple[Part, ...]:
    """The parts of a question asked in several sentences or clauses (`question_parts`), each
    with the words of what it is about (its sentence or clause and those before it): its own
    words choose the sentences that carry it, those before it (which may name what it refers
    back to) break ties and anchor its detail. In "……还在医学观察期间，公司能跟我解除劳动合同吗？
    观察期间的费用谁出？" the sentence on the costs (……医学观察期间的费用，由用人单位承担) carries
    the second part, not the one on dismissal, which holds more of the first's words; in "董事能
    连任吗？任期最多多少年？" 董事 chooses the directors' term over the supervisors'. None when no
    part asks for a specific detail (the whole question's reading then says all there is)."""
    parts = question_parts(question)
    asked = [Asked.of(part) for part, _ in parts]
    if all(a.kind == Kind.OPEN for a in asked):
        return ()
    translated = translations(retrieval)
    stored = _stored(retrieval, index)
    sanction = asks_sanction(question)

    def evidence_for(text: str) -> list[Evidence]:
        weights = word_weights(text, index, translated)
        return evidence(weights, retrieval.sources, retrieval.vector, stored, translated, sanction)

    return tuple(
        Part(
            asked_part,
            [
                replace(
                    with_context,
                    coverage=own.coverage + _CONTEXT_TIE * with_context.coverage,
                    standing=own.standing + _CONTEXT_TIE * with_context.standing,
                )
                for own, with_context in zip(evidence_for(part), evidence_for(about), strict=True)
            ],
            _anchors(about, part, index, translated),
            content_words(about) - content_words(part),
        )
        for (part, about), asked_part in zip(parts, asked, strict=True)
    )


def stated_by_parts(parts: Sequence[Part], share: float, nearest: int) -> tuple[Evidence, ...]:
    """The sentences that state what each part asks (`read_parts`), none unless every part's is
    stated. Read when the whole question's reading finds nothing: in "董事每届任期最长是几年？
    任期届满后还能连任吗？" the term is asked of 每届任期, but the heaviest word a carrying
    sentence holds, 连任, is the second part's, and the sentence with the term (每届任期不得超过
    三年) holds no 连任.

    A part's detail may be stated by another sentence of an article carrying it, one holding the
    part's anchor and what it refers back to: the heaviest of the words the parts before it named
    that the carrying sentences hold. In "施工队想临时借用村里的集体土地，这种临时用地最多能用多
    久？能不能盖永久性的房子？" the sentence approving temporary use carries the first part, and
    the period (临时使用土地期限一般不超过二年) is its article's third; "任期最多多少年？" after
    "董事能连任吗？" is not stated by 监事的任期每届为三年, which holds no 董事. A later sentence
    need not repeat every word before it: "多久之内要重新拍？" after "第一次没人出价流拍了，第二
    次拍卖的起拍价最多能降多少？" is stated by 流拍后应当在三十日内……再次拍卖, which holds 流拍
    but neither 出价 nor 起拍价. Measured on the thirty question sets of the README read before
    it: three answerable questions answered, each citing its gold, two near misses answered (a
    court's level read in an item's 市级以上, an interest rate's 1年期 as a deadline); the
    heaviest word instead of every one, on thirty-five sets: two answerable questions answered,
    no other outcome moved, one of them (n27-34) with its second part stated by the wrong
    sentence of its article (a frequency, 至少每6个月核验更新一次, for how long records are kept):
    a mate holding the word referred back to may give the kind for something else."""
    stated: dict[tuple[int, Lang, str], Evidence] = {}
    for part in parts:
        carried = topic_evidence(part.found, share, nearest)
        # what it refers back to, of what the parts before named, as the carrying sentences hold it
        referred = _heaviest(
            (word for e in carried for word in e.holds if word in part.before), part.anchors
        )
        mates = tuple(
            e for e in _unit_mates(carried, part.found) if referred is None or referred in e.holds
        )
        given = stating(part.asked, carried, part.anchors, mates)
        if not given:
            return ()
        for e in given:  # a sentence stating two parts' details is one sentence
            stated.setdefault((e.source.n, e.lang, e.text), e)
    return tuple(stated.values())


def _unit_mates(carried: Sequence[Evidence], found: Sequence[Evidence]) -> tuple[Evidence, ...]:
    """The other sentences of the units, in the languages, of the sentences carried."""
    where = {(e.source.n, e.lang) for e in carried}
    taken = {id(e) for e in carried}
    return tuple(e for e in found if (e.source.n, e.lang) in where and id(e) not in taken)


def _lead(leads: tuple[float, ...], behind: int) -> float:
    """How far the best fused score stands above the one `behind` places after it (the last
    there is, when fewer units were scored; 0 for one or none)."""
    return leads[0] - leads[min(behind, len(leads) - 1)] if leads else 0.0


def _lift(similarities: list[float]) -> float:
    """How far the closest sentence stands above the average sentence of the top units."""
    return max(similarities) - sum(similarities) / len(similarities) if similarities else 0.0


# The words of a question that asks about the document itself: what it is for, how it refers to
# itself, how it was made and how it names a purpose ("本条例的立法目的是什么？", "本指导意见的
# 制定目的是什么？", "For what purpose were these guiding opinions formulated?"), and when it
# takes effect ("这部法律什么时候开始施行？", "When did this law take effect?").
# (As `content_words` leaves them: 本条例 and 本规定 go with the frame, 本办法 leaves 办法.) The
# sample's two such questions were declined with their answer first; no set measured more.
_ITSELF = frozenset(
    "本法 本细则 指导 办法 解释 决定 通知 细则 制定 制订 颁布 发布 出台 设立 立法 目的 宗旨 "
    "初衷 用意 为什么 purpose aim objective intent goal guiding decision interpretation notice "
    "measures formulated issued enacted adopted promulgated made "
    "施行 生效 实施 开始 时候 这部 哪天 哪一天 effect force take took taken come came enter "
    "entered effective commencement date".split()
)


def _about_the_document(
    question: str, asked: Asked, retrieval: Retrieval, found: list[Evidence]
) -> tuple[Evidence, ...]:
    """For a question asking what a document is for or when it takes effect, about one it names
    or the document itself (its words are only `_ITSELF`), whose statement of purpose or
    commencement clause the retrieval put first: that statement's sentences. The topic is then
    the document, so no score of the question's words decides whether it is addressed (the
    words of "产品质量法设立的初衷是什么" are nowhere in "为了加强对产品质量的监督管理……，制定本
    法", those of "涉外民事关系法律适用法是从哪一天开始施行的" only 施行 in "本法自2011年4月1日起
    施行"); a commencement "from the date of promulgation" answers when, with no date."""
    if not retrieval.sources:
        return ()
    states: Callable[[str, Lang], bool]
    if asked.kind == Kind.PURPOSE:
        states = asked.given_by
    elif asks_commencement(question):
        states = states_commencement
    else:
        return ()
    first = retrieval.sources[0]
    if first.hit.doc_id not in retrieval.names and not content_words(question) <= _ITSELF:
        return ()
    return tuple(e for e in found if e.source.n == first.n and states(e.rule, e.lang))


def decide(
    question: str, retrieval: Retrieval, index: IndexStatistics, model: DecisionModel
) -> Decision:
    asked = Asked.of(question)
    values, found = features(question, retrieval, index)
    probability = model.probability(values)
    if stated := _about_the_document(question, asked, retrieval, found):
        return Decision(Outcome.ANSWERED, asked, probability, values, stated)
    if not retrieval.sources or probability < model.threshold:
        return Decision(Outcome.NOT_ADDRESSED, asked, probability, values, ())
    carried = topic_evidence(found, model.evidence_share, model.evidence_nearest)
    if asked.kind == Kind.PURPOSE:  # the topic is the document: its statement of purpose counts
        carried += tuple(e for e in found if e not in carried and asked.given_by(e.rule, e.lang))
    stated = stating(asked, carried, question_anchors(question, retrieval, index))
    share, nearest = model.evidence_share, model.evidence_nearest
    if stated or (
        stated := stated_by_parts(read_parts(question, retrieval, index), share, nearest)
    ):
        return Decision(Outcome.ANSWERED, asked, probability, values, stated)
    return Decision(Outcome.NOT_STATED, asked, probability, values, carried)
