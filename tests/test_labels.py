"""The label grammar: written, read and shown by `rag.labels` alone."""

import pytest

from ingest.numbering import ARTICLE, match_marker
from rag.citing import paragraph_en, paragraph_zh
from rag.labels import (
    Label,
    LabelKind,
    annex_label,
    article_number,
    default_display,
    displays,
    numbered_label,
    parse_label,
    unpaired_english_label,
)
from rag.types import Unit


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("6", Label(LabelKind.NUMBERED, 6)),
        ("120-1", Label(LabelKind.NUMBERED, 120, 1)),
        ("annex-2", Label(LabelKind.ANNEX, 2)),
        ("preamble", Label(LabelKind.PREAMBLE)),
        ("25-en", Label(LabelKind.NUMBERED, 25, unpaired_en=True)),
        ("120-1-en", Label(LabelKind.NUMBERED, 120, 1, unpaired_en=True)),
        ("annex-1-en", Label(LabelKind.ANNEX, 1, unpaired_en=True)),
        ("preamble-en", Label(LabelKind.PREAMBLE, unpaired_en=True)),
    ],
)
def test_labels_read_and_write_back(text: str, label: Label) -> None:
    assert parse_label(text) == label
    assert str(label) == text


@pytest.mark.parametrize("text", ["", "annex-", "annex-x", "6-", "-1", "Article 6", "6.", "en"])
def test_text_outside_the_grammar_is_no_label(text: str) -> None:
    assert parse_label(text) is None


def test_the_parser_writes_labels_through_the_grammar() -> None:
    assert (numbered_label(6), numbered_label(120, 1), annex_label(3)) == ("6", "120-1", "annex-3")
    assert unpaired_english_label("25") == "25-en"
    marker = match_marker("第一百二十条之一　在刑法", "zh")
    assert marker is not None and (marker.family, marker.label) == (ARTICLE, "120-1")


@pytest.mark.parametrize(
    ("label", "articles", "zh", "en"),
    [
        ("6", True, "第6条", "Article 6"),
        ("120-1", True, "第120条之一", "Article 120-1"),
        ("6", False, "6.", "(6)"),
        ("annex-2", True, "附件2", "Annex 2"),
        ("preamble", False, "序言", "Preamble"),
        ("25-en", True, "", ""),
        ("annex-1-en", True, "", ""),
    ],
)
def test_default_display(label: str, articles: bool, zh: str, en: str) -> None:
    assert default_display(label, articles, "zh") == zh
    assert default_display(label, articles, "en") == en


@pytest.mark.parametrize(
    ("unit", "zh", "en"),
    [
        (Unit("11", display_zh="11.", display_en="(11)"), "第11条", "item (11)"),
        (Unit("54", display_zh="第54条", display_en="Article 54"), "第54条", "Article 54"),
        (Unit("120-1", display_zh="第120条之一"), "第120条之一", "item 120-1"),
        (Unit("annex-1", display_zh="附件一 名单", display_en="Annex I"), "附件一 名单", "Annex I"),
        (Unit("annex-2", display_en="Annex 2"), "附件2", "Annex 2"),
        (Unit("preamble"), "序言", "Preamble"),
        (Unit("preamble-en"), "序言", "Preamble"),
        (Unit("25-en", display_en="Article 25"), "第25条", "Article 25"),
    ],
)
def test_citations_name_a_paragraph_by_its_label(unit: Unit, zh: str, en: str) -> None:
    assert paragraph_zh(unit) == zh
    assert paragraph_en(unit) == en


def test_displays_shows_both_numbers_or_the_one_there_is() -> None:
    assert displays(Unit("11", display_zh="11.", display_en="(11)")) == "11. / (11)"
    assert displays(Unit("25-en", display_en="Article 25")) == "Article 25"
    assert displays(Unit("preamble")) == ""


@pytest.mark.parametrize(
    ("label", "number"),
    [("6", 6), ("25-en", 25), ("120-1", None), ("annex-1", None), ("preamble", None), ("x", None)],
)
def test_the_article_number_another_article_refers_to(label: str, number: int | None) -> None:
    assert article_number(label) == number
