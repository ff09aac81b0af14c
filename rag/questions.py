"""What a question must be before anything is retrieved for it."""

from __future__ import annotations


class QuestionError(ValueError):
    """A question that is not asked: str() is the one-line reason."""


def check_question(question: str, max_chars: int) -> str:
    """The question without surrounding space, or QuestionError when it is empty or longer than
    `max_chars` (LAWQA_MAX_QUESTION_CHARS): a 20,000-character question kept a 30-document
    index busy for 93 s."""
    text = question.strip()
    if not text:
        raise QuestionError("the question is empty")
    if len(text) > max_chars:
        raise QuestionError(
            f"the question is {len(text):,} characters long; the limit is {max_chars:,} "
            "(LAWQA_MAX_QUESTION_CHARS)"
        )
    return text
