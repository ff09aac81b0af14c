"""Several laws in one file: a law after another law's annex is its own document, with its own
title; a unit that swallowed too much text is named in a warning."""

import re

import pytest

from ingest.parse import MAX_UNIT_CHARS, parse_text
from tests.helpers import shared

FLAG = "lawrefbook/宪法相关法/国旗法(2020-10-17).md"
MARTIAL = "lawrefbook/宪法相关法/戒严法(1996-03-01).md"
# (title, articles, the annex's last line, promulgated) of each law
EXPECTED = {
    FLAG: ("中华人民共和国国旗法", 24, "国旗制法图案", "2020-10-17"),
    MARTIAL: ("中华人民共和国戒严法", 32, None, "1996-03-01"),
}


def _read(relative: str, plain: bool) -> str:
    text = shared(relative).read_text(encoding="utf-8")
    if plain:  # without LawRefBook's Markdown title mark and front-matter end marker
        text = re.sub(r"^# ", "", text, flags=re.M).replace("<!-- INFO END -->\n", "")
    return text


@pytest.mark.parametrize("plain", [False, True], ids=["lawrefbook", "plain"])
@pytest.mark.parametrize(
    "order", [(FLAG, MARTIAL), (MARTIAL, FLAG)], ids=["flag-first", "flag-last"]
)
def test_two_law_compendium_is_two_documents(order: tuple[str, str], plain: bool) -> None:
    compendium = "\n\n".join(_read(relative, plain) for relative in order)
    documents = parse_text(compendium)
    assert [d.meta.title_zh for d in documents] == [EXPECTED[r][0] for r in order]
    for document, relative in zip(documents, order, strict=True):
        title, articles, annex_end, promulgated = EXPECTED[relative]
        labels = [u.label for u in document.units]
        assert labels[:articles] == [str(i) for i in range(1, articles + 1)], title
        assert document.meta.promulgated == promulgated
        if annex_end is None:
            assert len(labels) == articles
        else:
            assert labels[articles:] == ["annex-1"]
            assert document.units[-1].text_zh.endswith(annex_end)
        assert document.warnings == []


def test_annex_keeps_articles_that_are_not_a_new_sequence() -> None:
    """An annex that quotes a lone article, or items restarting at 一、, stays the annex."""
    text = (
        "中华人民共和国示例法\n\n第一条 为了示例，制定本法。\n\n第二条 本法自公布之日起施行。\n\n"
        "附件一\n\n第一条 本附件引用的条文。\n\n一、名单\n\n二、说明\n"
    )
    (document,) = parse_text(text)
    assert [u.label for u in document.units] == ["1", "2", "annex-1"]
    assert "第一条 本附件引用的条文。" in document.units[-1].text_zh


def test_an_oversized_unit_is_named_in_a_warning() -> None:
    long_article = "本条规定的事项应当依法办理。" * (MAX_UNIT_CHARS // 14 + 1)
    text = f"示例条例\n\n第一条 为了示例，制定本条例。\n\n第二条 {long_article}\n"
    (document,) = parse_text(text)
    length = len(document.units[1].text_zh)
    assert length > MAX_UNIT_CHARS
    assert document.warnings == [
        f"unit 2 is {length:,} characters long (more than 20,000): it may hold another "
        "document; check the file"
    ]
