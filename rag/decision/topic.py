"""The sentences of the top sources as evidence of the topic: what each covers of the question,
read in its context (an item with the sentence introducing it, a duty with the rule fining its
breach), and the sentences that carry the topic."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from rag.decision.words import (
    IndexStatistics,
    Translations,
    credited_share,
    matching_form,
    word_credit,
    word_credits,
)
from rag.kinds import (
    Asked,
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
from rag.text import one_line
from rag.types import LANGS, Lang, Source

TOP_UNITS = 3  # the sources whose sentences are read (those there are, when fewer were asked for)


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


def unit_text(source: Source) -> str:
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
        in_unit = matching_form(unit_text(source))
        present = {
            word: w
            for word, w in weights.items()
            if word_credit(word, in_unit, translated.get(word, ())) > 0
        }
        read: list[tuple[SentenceRule, float, dict[str, float], float]] = []
        for r in sentences(source):
            introduced = r.context.introduction
            credits = word_credits(
                present, matching_form(f"{heading} {introduced} {r.sentence.text}"), translated
            )
            share = credited_share(present, credits, total)
            standing = share
            if any(credit > 0 and word not in titled for word, credit in credits.items()):
                standing = credited_share(weights, _either(credits, titled), total)
            if r.rule != r.sentence.text:
                credits = word_credits(
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
        if any(word_credit(word, matched, translated.get(word, ())) == 0 for word in introduced):
            texts = (context.introduction, *texts)
    return texts


def _held_credits(
    text: str, words: Mapping[str, float], translated: Translations
) -> dict[str, float]:
    """The credits (`word_credit`) of the question's words a text holds, if in part."""
    credits = word_credits(words, matching_form(text), translated)
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


def stored_vectors(
    retrieval: Retrieval, index: IndexStatistics
) -> dict[tuple[str, str, Lang, int], np.ndarray] | None:
    """The stored vectors of the top sources' sentences (none without the question's vector)."""
    if retrieval.vector is None:
        return None
    return index.sentence_vectors([(s.hit.doc_id, s.unit) for s in retrieval.sources[:TOP_UNITS]])
