"""The one language rule, for paragraphs, questions and the keyword lists a question searches."""

import pytest

from rag.text import Languages, answer_language, as_written, detect_languages, text_language


@pytest.mark.parametrize(
    ("text", "languages"),
    [
        ("第一条 为了规范仲裁活动，制定本法。", Languages("zh", ("zh",))),
        ("Article 1 This Law is formulated.", Languages("en", ("en",))),
        ("依照《Hong Kong Basic Law》第十八条规定", Languages("zh", ("zh", "en"))),
        # a Chinese sentence's worth of ideographs beside a longer URL
        ("详情请见网址：https://www.example.com/lawsandregulations", Languages("zh", ("zh", "en"))),
        ("What does 第6条 say about arbitration?", Languages("en", ("zh", "en"))),
        ("如何承認和執行外國法院的民商事判決？", Languages("zh", ("zh",))),
        ("第（a）项", Languages("zh", ("zh",))),  # a lone letter is a marker, not English
        ("12.5 %", Languages(None, ())),
        ("", Languages(None, ())),
    ],
)
def test_detect_languages(text: str, languages: Languages) -> None:
    assert detect_languages(text) == languages
    assert text_language(text) == languages.main


def test_ideographs_outside_the_basic_block_are_chinese() -> None:
    assert detect_languages("㐀") == Languages("zh", ("zh",))  # CJK extension A


def test_a_question_without_either_script_is_answered_in_english() -> None:
    assert answer_language("？？？") == "en"
    assert answer_language("仲裁协议应当采用什么形式？") == "zh"
    assert answer_language("Can the parties agree on arbitration?") == "en"


@pytest.mark.parametrize(
    ("fragment", "text", "written"),
    [
        # full-width punctuation, as the user typed it
        (
            "经营许可向哪个部门申请,审批要多长时间",
            "注册资本最低要多少？经营许可向哪个部门申请，审批要多长时间？",
            "经营许可向哪个部门申请，审批要多长时间",
        ),
        # Traditional characters
        ("行政长官一届任期多长", "香港特區行政長官一屆任期多長？", "行政長官一屆任期多長"),
        # case and spacing
        (
            "How many points make a full score",
            "How long is a cycle, and how  many points\nmake a full score?",
            "how  many points\nmake a full score",
        ),
        # not read from the text
        ("What is the fee", "How long is a cycle?", "What is the fee"),
        ("", "How long is a cycle?", ""),
    ],
)
def test_a_normalized_fragment_is_found_as_written(fragment: str, text: str, written: str) -> None:
    assert as_written(fragment, text) == written
