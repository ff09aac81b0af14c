"""Parsing real documents of several layouts from the shared data."""

import re
from pathlib import Path

import pytest

from ingest.parse import parse_pair, parse_text
from ingest.readers import IngestError, read_source
from tests.helpers import shared

MAX = 50 * 2**20
_ARTICLE_LINE = re.compile(
    r"^第[一二三四五六七八九十百千零〇两]+条(之[一二三四五六七八九十]+)?[\s\u3000]"
)


def _parse(path: Path):  # type: ignore[no-untyped-def]
    source = read_source(path, MAX)
    return parse_text(source.text, wrapped=source.wrapped)


def test_block_layout_assembly_law() -> None:
    (document,) = _parse(shared("bilingual/assembly_law_zh_then_en.md"))
    articles = [u for u in document.units if u.label != "preamble"]
    assert [u.label for u in articles] == [str(i) for i in range(1, 37)]
    assert all(u.bilingual for u in articles)
    assert document.layout == "block"
    article2 = document.units[2]
    assert article2.text_zh.startswith("在中华人民共和国境内举行集会、游行、示威，均适用本法。")
    assert article2.text_en.startswith("This Law shall apply to assemblies")
    assert (article2.heading_zh, article2.heading_en) == (
        "第一章 总则",
        "Chapter I General Provisions",
    )
    assert document.meta.title_zh == "中华人民共和国集会游行示威法"
    assert document.meta.promulgated == "1989-10-31"


def test_version_mismatch_is_never_paired() -> None:
    documents = _parse(shared("bilingual/womens_rights_law_version_mismatch.md"))
    assert len(documents) == 2
    zh, en = documents
    assert sum(u.bilingual for d in documents for u in d.units) == 0
    assert [u.label for u in zh.units] == [str(i) for i in range(1, 62)]
    assert [u.label for u in en.units] == [str(i) for i in range(1, 87)]
    assert all(u.text_zh and not u.text_en for u in zh.units)
    assert all(u.text_en and not u.text_zh for u in en.units)
    for document in documents:
        assert any("versions do not correspond" in w for w in document.warnings)


@pytest.mark.slow
def test_lawrefbook_units_match_article_lines() -> None:
    folder = shared("lawrefbook")
    files = sorted(p for p in folder.rglob("*.md") if p.name != "_index.md")
    checked = 0
    for path in files:
        text = path.read_text(encoding="utf-8")
        expected = sum(1 for line in text.split("\n") if _ARTICLE_LINE.match(line))
        if not expected:
            continue
        documents = parse_text(text)
        labels = [
            u.label
            for d in documents
            for u in d.units
            if u.label != "preamble" and not u.label.startswith("annex-")
        ]
        assert len(labels) == expected, path
        assert len(set(labels)) == len(labels), path
        checked += 1
    assert checked > 1400


def test_lawrefbook_front_matter_and_inserted_articles() -> None:
    (civil,) = _parse(shared("lawrefbook/民法典/总则.md"))
    assert civil.meta.title_zh == "中华人民共和国民法典"
    assert civil.meta.subtitle_zh == "总则"
    assert (civil.meta.promulgated, civil.meta.effective) == ("2020-05-28", "2021-01-01")
    article54 = next(u for u in civil.units if u.label == "54")
    assert (
        article54.text_zh
        == "自然人从事工商业经营，经依法登记，为个体工商户。个体工商户可以起字号。"
    )
    assert (article54.display_zh, article54.display_en) == ("第54条", "Article 54")
    assert article54.heading_zh.startswith("第二章 自然人")
    (criminal,) = _parse(shared("lawrefbook/刑法/刑法.md"))
    inserted = next(u for u in criminal.units if u.label == "120-1")
    assert inserted.display_zh == "第120条之一"
    assert inserted.text_zh.startswith("资助恐怖活动组织、实施恐怖活动的个人的，")


def test_info_end_cutting_a_sentence() -> None:
    (law,) = _parse(shared("lawrefbook/民法商法/外商投资法(2019-03-15).md"))
    assert law.units[0].label == "1"
    assert law.meta.promulgated == "2019-03-15"
    assert all("会议通过）" not in u.text_zh for u in law.units)


def test_document_without_numbered_units_is_one_preamble() -> None:
    folder = shared("lawrefbook/案例/民法典")
    path = next(p for p in sorted(folder.glob("*.md")) if p.name != "_index.md")
    (document,) = _parse(path)
    assert [u.label for u in document.units] == ["preamble"]
    assert "no numbered articles or items found" in document.warnings[0]


@pytest.mark.parametrize(
    "name", ["constitution_basic_law_zh_simplified.pdf", "constitution_basic_law_en.pdf"]
)
def test_basic_law_pdfs_parse(name: str) -> None:
    constitution, basic_law = _parse(shared(f"bilingual/{name}"))
    chinese = name.endswith("simplified.pdf")
    assert [u.label for u in constitution.units if u.label != "preamble"] == [
        str(i) for i in range(1, 144)
    ]
    assert [u.label for u in basic_law.units if u.label[0].isdigit()] == [
        str(i) for i in range(1, 161)
    ]
    capital = next(u for u in constitution.units if u.label == "143")
    hk = next(u for u in basic_law.units if u.label == "1")
    if chinese:
        assert capital.text_zh == "中華人民共和國首都是北京。"  # the text layer is Traditional
        assert hk.text_zh == "香港特別行政區是中華人民共和國不可分離的部分。"
        assert basic_law.meta.title_zh == "中華人民共和國香港特別行政區基本法"
    else:
        assert capital.text_en == "The capital of the People’s Republic of China is Beijing."
        assert hk.text_en == (
            "The Hong Kong Special Administrative Region is an inalienable part of the People’s "
            "Republic of China."
        )


def test_two_files_of_one_law_pair() -> None:
    zh = read_source(shared("bilingual/constitution_basic_law_zh_simplified.pdf"), MAX)
    en = read_source(shared("bilingual/constitution_basic_law_en.pdf"), MAX)
    constitution, basic_law = parse_pair(zh.text, en.text, wrapped=True, translation_wrapped=True)
    assert constitution.pairs == 144
    assert basic_law.pairs >= 155
    article18 = next(u for u in basic_law.units if u.label == "18")
    assert article18.text_zh.startswith("在香港特別行政區實行的法律為本法")
    assert article18.text_en.startswith("The laws in force in the Hong Kong Special")
    for start, end in article18.spans_en:
        assert en.text[start:end] in article18.text_en


def test_scanned_pdf_fails_cleanly() -> None:
    path = shared("bad_inputs/scanned_gazette_no_text_layer.pdf")
    with pytest.raises(IngestError) as caught:
        read_source(path, MAX)
    assert str(caught.value) == (
        f"{path}: PDF has no text layer (31 pages, 0 characters): scanned? run OCR first"
    )
