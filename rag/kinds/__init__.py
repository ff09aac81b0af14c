"""What a question asks for, and whether a passage gives it.

A question that asks for a specific detail (a time limit, a number, a place, a date, a person or
body, a list of named things, the purpose a document states for itself) is answered only when a
cited sentence contains a span of that kind; a passage on the topic without one is a near miss,
and the honest answer says the detail is not stated. Questions are classified by their wording
in both languages; spans are found by patterns in English and by patterns plus `jieba.posseg`
tags (numerals, place, person and organisation names) in Chinese. The span tests are
deliberately generous: they decide only that a detail of the right kind is present, never that
it is the right one.

The package reads both sides: `questions` what a question asks (its `parts` read clause by
clause), `spans` whether a passage gives it, over the `vocabulary` they share.
"""

from rag.kinds.parts import asking_clauses, asking_part, question_parts
from rag.kinds.questions import (
    ANYTHING,
    Asked,
    asks_commencement,
    asks_fine,
    asks_sanction,
    question_kind,
)
from rag.kinds.spans import delegates, has_span, is_quantity, states_commencement
from rag.kinds.vocabulary import MISSING, Kind

__all__ = [
    "ANYTHING",
    "MISSING",
    "Asked",
    "Kind",
    "asking_clauses",
    "asking_part",
    "asks_commencement",
    "asks_fine",
    "asks_sanction",
    "delegates",
    "has_span",
    "is_quantity",
    "question_kind",
    "question_parts",
    "states_commencement",
]
