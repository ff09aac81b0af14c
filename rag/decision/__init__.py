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
   citing them (and, of a question asked in parts, naming the parts not stated and holding the
   sentences that state the others: `PartsNotStated`).
The model's weights and threshold are fitted by `python -m eval.calibrate` on development sets
and reported on held-out corpora (leave one corpus out); they are stored per embedder in
`decision.json`, with a model on the embedder-free features for embedders without their own.

The package, in the order it reads: `words` (the question's words and what a text covers),
`topic` (the sentences that carry the topic), `stated` (whether the detail is stated), `model`
(the features and the fitted model) and `outcomes` (`decide`; `about_the_document` and
`carried_and_stated`, the steps the calibration reads too).
"""

from rag.decision.model import (
    EVIDENCE_CHOICES,
    FEATURE_VERSION,
    FEATURES,
    LEXICAL,
    DecisionModel,
    DecisionModelError,
    decision_model,
    features,
    stored_models,
)
from rag.decision.outcomes import Decision, about_the_document, carried_and_stated, decide
from rag.decision.stated import (
    anchor_weights,
    asking_first,
    question_anchors,
    read_parts,
    stated_by_parts,
    stating,
)
from rag.decision.topic import TOP_UNITS, Evidence, evidence, reaches, topic_evidence
from rag.decision.words import (
    IndexStatistics,
    content_words,
    coverage,
    heaviest_missing,
    translations,
    word_weights,
)

__all__ = [
    "EVIDENCE_CHOICES",
    "FEATURES",
    "FEATURE_VERSION",
    "LEXICAL",
    "TOP_UNITS",
    "Decision",
    "DecisionModel",
    "DecisionModelError",
    "Evidence",
    "IndexStatistics",
    "about_the_document",
    "anchor_weights",
    "asking_first",
    "carried_and_stated",
    "content_words",
    "coverage",
    "decide",
    "decision_model",
    "evidence",
    "features",
    "heaviest_missing",
    "question_anchors",
    "reaches",
    "read_parts",
    "stated_by_parts",
    "stating",
    "stored_models",
    "topic_evidence",
    "translations",
    "word_weights",
]
