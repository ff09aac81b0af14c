"""The parser's steps return new paragraphs with their roles; none changes what it was given."""

from ingest.lines import split_lines
from ingest.paragraphs import ParaRole, build_paragraphs, classify_metadata
from ingest.parse import parse_text
from ingest.streams import parse_language

# Titles and chapter headings in both languages, then all the Chinese, then all the English.
BLOCKS = (
    "示范法\n\nModel Law\n\n第一章 总则\n\n第一条 为了规范仲裁活动，制定本法。\n\n"
    "第二条 合同纠纷可以仲裁。\n\nChapter I General Provisions\n\n"
    "Article 1 This Law is formulated to regulate arbitration.\n\n"
    "Article 2 Contract disputes may be arbitrated.\n"
)


def test_parse_language_returns_each_paragraph_in_its_role() -> None:
    paras = build_paragraphs(split_lines(BLOCKS), wrapped=False)
    chinese = [p for p in paras if p.lang == "zh"]
    parsed = parse_language(chinese)
    assert [(p.role, p.text) for p in parsed.paras] == [
        (ParaRole.TITLE, "示范法"),
        (ParaRole.HEADING, "第一章 总则"),
        (ParaRole.TEXT, "第一条 为了规范仲裁活动，制定本法。"),
        (ParaRole.TEXT, "第二条 合同纠纷可以仲裁。"),
    ]
    assert [p.role for p in chinese] == [ParaRole.TEXT] * 4
    assert [u.label for stream in parsed.streams for u in stream.units] == ["1", "2"]


def test_the_layout_counts_text_not_titles_or_headings() -> None:
    # Counted as text, the titles and headings would interleave the two languages.
    (document,) = parse_text(BLOCKS)
    assert document.layout == "block"
    assert (document.meta.title_zh, document.meta.title_en) == ("示范法", "Model Law")


def test_classify_metadata_returns_a_new_paragraph_and_its_fields() -> None:
    (para,) = build_paragraphs(split_lines("颁布机关: 最高人民法院\n"), wrapped=False)
    meta, fields = classify_metadata(para)
    assert (meta.role, para.role) == (ParaRole.META, ParaRole.TEXT)
    assert fields == {"issuer_zh": "最高人民法院"}
    (text,) = build_paragraphs(split_lines("第一条 合同纠纷可以仲裁。\n"), wrapped=False)
    assert classify_metadata(text) == (text, {})
