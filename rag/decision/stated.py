"""Whether what a question asks is stated: its anchors (the words saying what the detail is of),
the sentences that state it, and a question asked in several parts read part by part."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from rag.decision.topic import Evidence, evidence, stored_vectors, topic_evidence
from rag.decision.words import (
    SLOT_WORDS,
    IndexStatistics,
    Translations,
    bridged_share,
    content_words,
    language_share,
    translations,
    word_weights,
)
from rag.kinds import (
    Asked,
    Kind,
    asking_clauses,
    asking_part,
    asks_fine,
    asks_sanction,
    delegates,
    is_quantity,
    question_parts,
)
from rag.retrieval import Retrieval
from rag.types import Lang

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


def anchor_weights(
    question: str, index: IndexStatistics, translated: Translations | None = None
) -> dict[str, float]:
    """The question's words that can anchor what it asks (`stating`): words the index has seen,
    less those that name the detail asked rather than its topic (期限, "minimum", the verb of
    "how long … last": `_lasting`, the fine whose amount is asked of an act: `_FINE`) and the
    verbs that say a thing is had or needed ("have", "required": `_LIGHT`) and numbers (三年,
    一次, 19: a fact the question gives; 几次, 几成: the detail it asks; `is_quantity`), each
    weighted by its rarity as far as the index has text in its language (`language_share`), an
    English word the bridge translated by its translations' rarity, as far as the index has no
    English (`bridged_share`). On Chinese-only statutes an English word the dictionary does not
    translate weighs nothing (every English word is equally unknown there); a question in both
    languages leans to the index's language."""
    translated = translated or {}
    lasting = _lasting(question)
    anchors = {
        word: weight * max(language_share(word, index), bridged_share(word, index, translated))
        for word, weight in word_weights(
            question, index, translated, rarity_of_translations=True
        ).items()
        if weight > 0
        and word not in SLOT_WORDS
        and word not in _LIGHT
        and word not in lasting
        and not is_quantity(word)
    }
    if asks_fine(question) and any(w > 0 for word, w in anchors.items() if word not in _FINE):
        return {word: w for word, w in anchors.items() if word not in _FINE}
    return anchors


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


# The fine of a question asking a number of it (`asks_fine`: "What fine can the bank be given for
# that?", 罚款多少) names the detail asked, as 期限 does, when the question names what it is for:
# "fine" anchored the sentence introducing a list of other acts fined (有下列行为之一的，……处二
# 百元以下罚款) for a bank refusing an identity card. Where the fine is all the question names
# ("What is the maximum fine?") it is the topic, as it is of a question asking another kind of
# detail ("Within how many days must the fine be paid?").
_FINE = frozenset("fine fined 罚款 罚款额 罚金 罚金额".split())


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


@dataclass(frozen=True)
class Part:
    """One part of a question asked in several sentences or clauses, read as a question of its
    own: what it asks, the sentences of the top sources with their coverage of its words, its
    anchors, and the words only the parts before it have (what it may refer back to)."""

    asked: Asked
    found: list[Evidence]
    anchors: dict[str, float]
    before: frozenset[str]
    asking: str  # what asks it (`asking_part`: its clause), as an answer names it
    # the sentences stating what it asks, per evidence choice (`stating_part`)
    given: dict[tuple[float, int], tuple[Evidence, ...]] = field(
        default_factory=dict, repr=False, compare=False
    )


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
    stored = stored_vectors(retrieval, index)
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
            asking_part(part),
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
        given = stating_part(part, share, nearest)
        if not given:
            return ()
        for e in given:  # a sentence stating two parts' details is one sentence
            stated.setdefault((e.source.n, e.lang, e.text), e)
    return tuple(stated.values())


@dataclass(frozen=True)
class PartsNotStated:
    """Of a question asked in several parts whose details are not all stated: the parts whose
    detail is not, in the question's order, and the sentences stating the others' (those asking
    a specific detail)."""

    missing: tuple[Part, ...]
    stated: tuple[Evidence, ...]


def parts_not_stated(parts: Sequence[Part], share: float, nearest: int) -> PartsNotStated | None:
    """What a not-stated answer to a question asked in several parts (`read_parts`) names as
    missing and quotes as stated (an open part, "is that true?", is given by any sentence on the
    topic: it states nothing of its own); none when it has no parts, or every part is stated."""
    missing: list[Part] = []
    stated: dict[tuple[int, Lang, str], Evidence] = {}
    for part in parts:
        given = stating_part(part, share, nearest)
        if not given:
            missing.append(part)
        elif part.asked.kind != Kind.OPEN:
            for e in given:
                stated.setdefault((e.source.n, e.lang, e.text), e)
    return PartsNotStated(tuple(missing), tuple(stated.values())) if missing else None


def stating_part(part: Part, share: float, nearest: int) -> tuple[Evidence, ...]:
    """The sentences stating what one part asks (`stated_by_parts`), read once per evidence
    choice: a question found not stated reads its parts for `stated_by_parts` and again for
    `parts_not_stated`."""
    if (share, nearest) not in part.given:
        part.given[share, nearest] = _stating_part(part, share, nearest)
    return part.given[share, nearest]


def _stating_part(part: Part, share: float, nearest: int) -> tuple[Evidence, ...]:
    carried = topic_evidence(part.found, share, nearest)
    # what it refers back to, of what the parts before named, as the carrying sentences hold it
    referred = _heaviest(
        (word for e in carried for word in e.holds if word in part.before), part.anchors
    )
    mates = tuple(
        e for e in _unit_mates(carried, part.found) if referred is None or referred in e.holds
    )
    return stating(part.asked, carried, part.anchors, mates)


def _unit_mates(carried: Sequence[Evidence], found: Sequence[Evidence]) -> tuple[Evidence, ...]:
    """The other sentences of the units, in the languages, of the sentences carried."""
    where = {(e.source.n, e.lang) for e in carried}
    taken = {id(e) for e in carried}
    return tuple(e for e in found if (e.source.n, e.lang) in where and id(e) not in taken)
