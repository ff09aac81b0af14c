"""The sample Westlaw China delivery, pinned exactly."""

import hashlib

import pytest

from ingest.parse import ParsedDocument, parse_text
from ingest.readers import read_source
from tests.helpers import SAMPLE

SOURCE = SAMPLE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def sample() -> ParsedDocument:
    documents = parse_text(SOURCE)
    assert len(documents) == 1
    return documents[0]


def test_eighteen_bilingual_units(sample: ParsedDocument) -> None:
    assert [u.label for u in sample.units] == ["preamble"] + [str(i) for i in range(1, 18)]
    assert all(u.text_zh and u.text_en for u in sample.units)
    assert sample.pairs == 18
    assert sample.warnings == []


def test_metadata(sample: ParsedDocument) -> None:
    meta = sample.meta
    assert meta.title_zh == "最高人民法院关于人民法院服务保障进一步扩大对外开放的指导意见"
    assert meta.title_en == (
        "Guiding Opinions of the Supreme People's Court on the People's Courts Serving and "
        "Guaranteeing the Further Opening Up to the Outside World"
    )
    assert (meta.doc_number_zh, meta.doc_number_en) == ("法发[2020]37号", "Fa Fa [2020] No. 37")
    assert (meta.issuer_zh, meta.issuer_en) == ("最高人民法院", "Supreme People's Court")
    assert (meta.promulgated, meta.effective) == ("2020-09-25", "2020-09-25")
    assert (meta.validity_zh, meta.validity_en) == ("有效", "Valid")


def test_source_metadata() -> None:
    source = read_source(SAMPLE, 50 * 2**20)
    assert source.encoding == "utf-8"
    assert source.content_hash == hashlib.sha256(SAMPLE.read_bytes()).hexdigest()


def test_delivery_header_is_not_unit_text(sample: ParsedDocument) -> None:
    for unit in sample.units:
        for text in (unit.text_zh, unit.text_en, unit.heading_zh, unit.heading_en):
            assert "Thomson Reuters" not in text
            assert "Request made" not in text
            assert "Promulgating Institution" not in text


def test_displays_and_headings(sample: ParsedDocument) -> None:
    item6 = sample.units[6]
    assert (item6.display_zh, item6.display_en) == ("6.", "(6)")
    assert item6.heading_zh == "三、深入推进涉外商事海事审判体系现代化建设,服务贸易投资自由化便利化"
    assert item6.heading_en == (
        "3. Further improving the modernization of the foreign-related commercial and maritime "
        "trial system and serving the liberalization and facilitation of trade and investment"
    )
    assert sample.units[0].display_zh == "序言"
    assert sample.units[0].display_en == "Preamble"
    assert sample.units[17].heading_zh.startswith("六、深化国际司法协助")


def test_item_6_intact(sample: ParsedDocument) -> None:
    zh_line = next(line for line in SOURCE.splitlines() if line.startswith("6.推动完善"))
    en_line = next(line for line in SOURCE.splitlines() if line.startswith("- (6) Pushing"))
    item6 = sample.units[6]
    assert item6.text_zh == zh_line.removeprefix("6.")
    assert item6.text_en == en_line.removeprefix("- (6) ")
    assert item6.text_zh.startswith("推动完善涉外法律适用规则体系建设。")
    assert item6.text_zh.endswith("提高人民法院在涉外案件中查明和适用域外法的能力")


@pytest.mark.parametrize(
    ("label", "lang", "joined"),
    [
        ("9", "zh", "鼓励并尊重当事人将国际商事纠纷协议选择国际商事法庭管辖"),
        ("7", "en", "Exploration shall be made in the mechanism for specialized trial"),
        ("9", "en", "Hong Kong legal practitioners and Macao practicing lawyers"),
        ("11", "en", "shall be refined and the protection of intellectual property rights in key"),
        ("13", "en", "identifying and controlling major case risks"),
        ("15", "en", "civil and commercial affairs and foreign arbitration awards"),
    ],
)
def test_page_broken_paragraphs_are_joined(
    sample: ParsedDocument, label: str, lang: str, joined: str
) -> None:
    unit = next(u for u in sample.units if u.label == label)
    text = unit.text_zh if lang == "zh" else unit.text_en
    assert joined in text
    assert "\n" not in text  # one paragraph, not two


def test_spans_point_into_the_source(sample: ParsedDocument) -> None:
    for unit in sample.units:
        for spans, text in ((unit.spans_zh, unit.text_zh), (unit.spans_en, unit.text_en)):
            assert spans
            for start, end in spans:
                assert SOURCE[start:end] in text
    item6 = sample.units[6]
    start, _ = item6.spans_zh[0]
    assert SOURCE[start - 2 : start] == "6."
