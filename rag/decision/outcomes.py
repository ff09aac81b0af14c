"""The decision: the topic model's verdict, then whether the detail asked is stated."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache

from rag.decision.model import DecisionModel, features
from rag.decision.stated import (
    Part,
    PartsNotStated,
    parts_not_stated,
    question_anchors,
    read_parts,
    stated_by_parts,
    stating,
)
from rag.decision.topic import Evidence, topic_evidence
from rag.decision.words import IndexStatistics, content_words
from rag.kinds import (
    Asked,
    Kind,
    asks_commencement,
    states_commencement,
)
from rag.retrieval import Retrieval
from rag.types import Lang, Outcome


@dataclass(frozen=True)
class Decision:
    outcome: Outcome
    asked: Asked
    probability: float
    features: dict[str, float]
    # answered: the sentences that state what is asked (`stating`); not stated: those that
    # carry the topic, best first
    evidence: tuple[Evidence, ...]
    # not stated, of a question asked in several parts: which parts are not, and what the others'
    # sentences state
    parts: PartsNotStated | None = None


# The words of a question that asks about the document itself: what it is for, how it refers to
# itself, how it was made and how it names a purpose ("本条例的立法目的是什么？", "本指导意见的
# 制定目的是什么？", "For what purpose were these guiding opinions formulated?"), and when it
# takes effect ("这部法律什么时候开始施行？", "When did this law take effect?").
# (As `content_words` leaves them: 本条例 and 本规定 go with the frame, 本办法 leaves 办法.) The
# sample's two such questions were declined with their answer first when this was written; the
# 34 development corpora now hold eight answerable questions answered this way, and no other.
_ITSELF = frozenset(
    "本法 本细则 指导 办法 解释 决定 通知 细则 制定 制订 颁布 发布 出台 设立 立法 目的 宗旨 "
    "初衷 用意 为什么 purpose aim objective intent goal guiding decision interpretation notice "
    "measures formulated issued enacted adopted promulgated made "
    "施行 生效 实施 开始 时候 这部 哪天 哪一天 effect force take took taken come came enter "
    "entered effective commencement date".split()
)


def about_the_document(
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
    if stated := about_the_document(question, asked, retrieval, found):
        return Decision(Outcome.ANSWERED, asked, probability, values, stated)
    if not retrieval.sources or probability < model.threshold:
        return Decision(Outcome.NOT_ADDRESSED, asked, probability, values, ())
    parts = cache(lambda: read_parts(question, retrieval, index))
    carried, stated = carried_and_stated(
        asked,
        found,
        question_anchors(question, retrieval, index),
        parts,
        model.evidence_share,
        model.evidence_nearest,
    )
    if stated:
        return Decision(Outcome.ANSWERED, asked, probability, values, stated)
    missing = parts_not_stated(parts(), model.evidence_share, model.evidence_nearest)
    return Decision(Outcome.NOT_STATED, asked, probability, values, carried, missing)


def carried_and_stated(
    asked: Asked,
    found: list[Evidence],
    anchors: Mapping[str, float],
    parts: Callable[[], Sequence[Part]],
    share: float,
    nearest: int,
) -> tuple[tuple[Evidence, ...], tuple[Evidence, ...]]:
    """The sentences carrying the topic (`topic_evidence` with the evidence choice `share`,
    `nearest`; a document's statement of purpose too when that is asked: the topic is the
    document), and those stating what is asked: `stating` on the whole question, else on its
    `parts` (read only then) by `stated_by_parts`. What `decide` answers on once the topic model
    holds the topic addressed, and what the calibration judges for each evidence choice."""
    carried = topic_evidence(found, share, nearest)
    if asked.kind == Kind.PURPOSE:
        carried += tuple(e for e in found if e not in carried and asked.given_by(e.rule, e.lang))
    stated = stating(asked, carried, anchors) or stated_by_parts(parts(), share, nearest)
    return carried, stated
