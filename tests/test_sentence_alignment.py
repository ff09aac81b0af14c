"""Sentences aligned inside bilingual units (`rag.alignment`), on the real units of the sample and
of the assembly law; every expected alignment below was checked by reading both languages."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest

from ingest.parse import parse_text
from rag.alignment import Bead, align_sentences, aligned_counterpart
from rag.sentences import sentence_spans
from rag.types import Unit
from tests.helpers import SAMPLE, shared

# Bead shapes (Chinese sentences : English sentences), unit by unit.
SAMPLE_SHAPES = {
    "preamble": "1:1",
    "1": "1:1 4:1 1:1 1:1",
    "2": "1:1 1:1 1:1 1:1",
    "3": "1:1 1:1",
    "4": "1:1 1:1",
    "5": "1:1 1:1 1:1",
    "6": "1:1 1:1 1:1 1:1 1:1 1:1 1:1 1:1",
    "7": "1:1 1:1 1:1 1:1 1:1",
    "8": "1:1 1:1 1:1 1:1 1:1 1:1",
    "9": "1:1 1:1 1:1 1:1 1:1 1:1 1:1 1:1 1:1 1:1",
    "10": "1:1 1:1 1:1",
    "11": "1:1 1:1 1:1 1:1 2:1 1:1",
    "12": "1:1 1:1 1:1 1:1 1:1 1:1 1:1",
    "13": "1:1 1:1 1:1",
    "14": "1:1 1:1 1:1 1:2 1:1 1:1",
    "15": "1:1 1:1 1:1 1:1 1:1",
    "16": "1:1 1:1 1:1 1:1 1:1",
    "17": "1:1 1:1 1:1",
}
ASSEMBLY_SHAPES = {
    "2": "1:1 1:1 1:1 1:1 1:1",
    "5": "1:2",
    "6": "1:1 1:1",
    "7": "1:1 1:1 1:2 1:1",
    "8": "1:1 1:1 1:1",
    "9": "1:1 1:1 1:1 2:1",
    "12": "1:1 1:1 1:1 1:2 1:1",
    "14": "1:1 1:1",
    "23": "1:1 1:1 1:1 1:2 1:1 1:1",
    "25": "1:1 1:1 1:1 1:1",
    "27": "1:1 1:1 1:2 1:1 1:1 1:1 1:1",
    "28": "1:1 1:1 1:2 1:1",
    "29": "1:1 1:1 1:1 1:1 1:1",
    "30": "1:1 1:1",
    "31": "1:2 1:1",
    "34": "1:1 1:1",
    "35": "1:1 1:1",
}  # the other 19 bilingual articles are one sentence in each language: "1:1"


def _units(path: Path) -> dict[str, Unit]:
    documents = parse_text(path.read_text(encoding="utf-8"))
    return {u.label: u for d in documents for u in d.units if u.bilingual}


@pytest.fixture(scope="module")
def sample() -> dict[str, Unit]:
    return _units(SAMPLE)


@pytest.fixture(scope="module")
def assembly() -> dict[str, Unit]:
    return _units(shared("bilingual/assembly_law_zh_then_en.md"))


def _shape(beads: tuple[Bead, ...]) -> str:
    return " ".join(f"{b.zh_stop - b.zh_first}:{b.en_stop - b.en_first}" for b in beads)


def _pairs(unit: Unit, beads: tuple[Bead, ...]) -> list[tuple[str, str]]:
    return [
        (
            unit.text_zh[b.zh[0] : b.zh[1]] if b.zh else "",
            unit.text_en[b.en[0] : b.en[1]] if b.en else "",
        )
        for b in beads
    ]


def test_every_bilingual_unit_of_the_sample_aligns_as_read(sample: dict[str, Unit]) -> None:
    shapes = {label: _shape(align_sentences(u.text_zh, u.text_en)) for label, u in sample.items()}
    assert shapes == SAMPLE_SHAPES


def test_every_article_of_the_assembly_law_aligns_as_read(assembly: dict[str, Unit]) -> None:
    shapes = {label: _shape(align_sentences(u.text_zh, u.text_en)) for label, u in assembly.items()}
    assert len(shapes) == 36
    assert {label: s for label, s in shapes.items() if s != "1:1"} == ASSEMBLY_SHAPES


def test_chinese_clauses_of_one_english_sentence(sample: dict[str, Unit]) -> None:
    """Item 1: four Chinese clauses (进一步扩大对外开放，是…；是…；是…；是…。) are one English
    sentence."""
    unit = sample["1"]
    zh, en = _pairs(unit, align_sentences(unit.text_zh, unit.text_en))[1]
    assert zh.startswith("进一步扩大对外开放,是全面深化改革,")
    assert zh.endswith("是支持经济全球化,构建人类命运共同体的实际行动。")
    assert en.startswith("Further opinion up is the objective requirement of comprehensively")
    assert en.endswith("building the community with a shared future for mankind.")


def test_two_chinese_sentences_one_english(sample: dict[str, Unit]) -> None:
    unit = sample["11"]
    pairs = _pairs(unit, align_sentences(unit.text_zh, unit.text_en))
    assert pairs[1] == (
        "严格落实知识产权侵权惩罚性赔偿制度,切实发挥惩罚性赔偿的威慑效应。",
        "The punitive compensation system for intellectual property infringement shall be "
        "strictly implemented to practically exert the deterrent effect of punitive compensation.",
    )
    zh, en = pairs[4]
    assert zh.startswith("完善涉外知识产权诉讼程序,") and zh.endswith(
        "开展国际区际技术交流与合作。"
    )
    assert en.startswith("It is imperative to improve the foreign-related intellectual property")
    assert pairs[5] == (
        "坚决依法惩治侵犯知识产权犯罪。",
        "Crimes of intellectual property infringement shall be punished in accordance with "
        "the law.",
    )


def test_an_english_conjunction_stays_with_its_item(assembly: dict[str, Unit]) -> None:
    """Article 7: "（1） …； and" is cut in two by the splitter; both halves go with （一）."""
    unit = assembly["7"]
    pairs = _pairs(unit, align_sentences(unit.text_zh, unit.text_en))
    assert pairs[2] == (
        "（一）国家举行或者根据国家决定举行的庆祝、纪念等活动；",
        "（1） celebrations or commemorative activities held by the state or by state decisions； "
        "and",
    )


def test_a_missing_item_is_left_unaligned_by_its_marker(assembly: dict[str, Unit]) -> None:
    """Article 12 with the English item (2) deleted: （二） has no translation, and （三） still
    goes with (3), not with (4)."""
    unit = assembly["12"]
    english = re.sub(r"（2） harming the unity[^；]*；\n", "", unit.text_en)
    assert english.count("\n") == unit.text_en.count("\n") - 1
    beads = align_sentences(unit.text_zh, english)
    pairs = _pairs(Unit(label="12", text_zh=unit.text_zh, text_en=english), beads)
    assert _shape(beads) == "1:1 1:1 1:0 1:2 1:1"
    assert pairs[2] == ("（二）危害国家统一、主权和领土完整的；", "")
    assert pairs[3] == (
        "（三）煽动民族分裂的；",
        "（3） instigation of division among the nationalities； or",
    )


def test_merged_english_sentences_take_both_chinese_ones(sample: dict[str, Unit]) -> None:
    unit = sample["15"]
    english = unit.text_en.replace(
        "civil and commercial affairs shall be improved. Further opening",
        "civil and commercial affairs shall be improved, and further opening",
    )
    assert len(sentence_spans(english, "en")) == 4
    assert _shape(align_sentences(unit.text_zh, english)) == "1:1 1:1 2:1 1:1"


def test_similarities_decide_what_lengths_cannot() -> None:
    """Two Chinese sentences of the same length, one translated: which one is for the stored
    sentence vectors to say, when there are some (lengths alone merge it with its neighbour)."""
    zh = (
        "举行集会，必须有负责人。负责人应当维持秩序。参加人应当遵守秩序。主管机关应当及时作出决定。"
    )
    en = (
        "There must be a person responsible for the holding of an assembly. The participants "
        "shall observe order. The competent authorities shall make a decision in time."
    )
    unit = Unit(label="1", text_zh=zh, text_en=en)
    assert _shape(align_sentences(zh, en)) == "2:1 1:1 1:1"
    second = np.array([[0.9, 0.1, 0.1], [0.2, 0.3, 0.1], [0.1, 0.8, 0.1], [0.1, 0.1, 0.9]])
    assert _pairs(unit, align_sentences(zh, en, second))[1:3] == [
        ("负责人应当维持秩序。", ""),
        ("参加人应当遵守秩序。", "The participants shall observe order."),
    ]
    first = second[[0, 2, 1, 3]]
    assert _pairs(unit, align_sentences(zh, en, first))[1:3] == [
        ("负责人应当维持秩序。", "The participants shall observe order."),
        ("参加人应当遵守秩序。", ""),
    ]
    with pytest.raises(ValueError, match="similarity is"):
        align_sentences(zh, en, np.zeros((1, 1)))


def test_numbers_anchor_sentences() -> None:
    """Two Chinese time limits of the same length, one translated: 十日 is the 10 days."""
    zh = (
        "举行集会，必须有负责人。负责人必须在举行日期的五日前递交书面申请。"
        "申请人应当在十日内补正材料。主管机关应当在三十日内作出决定。"
    )
    en = (
        "There must be a person responsible for the holding of an assembly. The responsible "
        "person must submit an application in writing five days prior to the date. The applicant "
        "shall supplement the materials within 10 days."
    )
    pairs = _pairs(Unit(label="8", text_zh=zh, text_en=en), align_sentences(zh, en))
    assert pairs[2:] == [
        (
            "申请人应当在十日内补正材料。",
            "The applicant shall supplement the materials within 10 days.",
        ),
        ("主管机关应当在三十日内作出决定。", ""),
    ]


def test_counterpart_of_a_quote(sample: dict[str, Unit]) -> None:
    unit = sample["11"]
    quote = "严格落实知识产权侵权惩罚性赔偿制度"
    start = unit.text_zh.index(quote)
    span = aligned_counterpart(unit.text_zh, unit.text_en, (start, start + len(quote)), "zh")
    assert span is not None
    assert unit.text_en[span[0] : span[1]] == (
        "The punitive compensation system for intellectual property infringement shall be "
        "strictly implemented to practically exert the deterrent effect of punitive compensation."
    )
    english = "Crimes of intellectual property infringement shall be punished"
    start = unit.text_en.index(english)
    span = aligned_counterpart(unit.text_zh, unit.text_en, (start, start + len(english)), "en")
    assert span is not None and unit.text_zh[span[0] : span[1]] == "坚决依法惩治侵犯知识产权犯罪。"


def test_one_language_only_has_no_alignment() -> None:
    assert align_sentences("第一条 为了规范仲裁活动，制定本法。", "") == ()
    assert aligned_counterpart("仲裁。", "", (0, 3), "zh") is None


def test_roman_item_markers_beyond_ten_align() -> None:
    zh = "（十）第十项内容。\n（十一）第十一项内容。\n（十四）第十四项内容。"
    en = "(x) The tenth item.\n(xi) The eleventh item.\n(xiv) The fourteenth item."
    beads = align_sentences(zh, en)
    assert [(b.zh_first, b.zh_stop, b.en_first, b.en_stop) for b in beads] == [
        (0, 1, 0, 1),
        (1, 2, 1, 2),
        (2, 3, 2, 3),
    ]
