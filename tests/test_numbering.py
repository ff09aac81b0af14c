import pytest

from ingest.numbering import (
    ARABIC_DOT,
    ARABIC_PAREN,
    ARTICLE,
    PART,
    ZH_DUN,
    ZH_PAREN,
    chinese_to_int,
    match_marker,
)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("一", 1),
        ("十", 10),
        ("十二", 12),
        ("二十", 20),
        ("一百零五", 105),
        ("一百二十", 120),
        ("一千二百六十", 1260),
        ("二〇二〇", 2020),
        ("两", 2),
        ("１３", 13),
        ("54", 54),
    ],
)
def test_chinese_numerals(text: str, value: int) -> None:
    assert chinese_to_int(text) == value


def test_not_a_numeral() -> None:
    with pytest.raises(ValueError, match="not a Chinese numeral"):
        chinese_to_int("十x")


@pytest.mark.parametrize(
    ("line", "lang", "family", "label"),
    [
        ("第五十四条 自然人从事工商业经营", "zh", ARTICLE, "54"),
        ("第一百二十条之一　在刑法", "zh", ARTICLE, "120-1"),
        ("第一條 中華人民共和國是", "zh", ARTICLE, "1"),
        ("第一条为了保障公民", "zh", ARTICLE, "1"),
        ("第一章 总则", "zh", PART, "1"),
        ("第三节　合同的效力", "zh", PART, "3"),
        ("一、提高政治站位", "zh", ZH_DUN, "1"),
        ("（十二）其他情形", "zh", ZH_PAREN, "12"),
        ("17.大力培养", "zh", ARABIC_DOT, "17"),
        ("Article 54 A natural person", "en", ARTICLE, "54"),
        ("Article 5: An assembly", "en", ARTICLE, "5"),
        ("Article 120-1 Whoever", "en", ARTICLE, "120-1"),
        ("Chapter IV Legal Responsibility", "en", PART, "4"),
        ("(17) Making great efforts", "en", ARABIC_PAREN, "17"),
        ("6. Deepening the international", "en", ARABIC_DOT, "6"),
    ],
)
def test_markers(line: str, lang: str, family: str, label: str) -> None:
    marker = match_marker(line, lang)
    assert marker is not None
    assert (marker.family, marker.label) == (family, label)


@pytest.mark.parametrize(
    ("line", "lang"),
    [
        ("第二十八条第二款规定的拘留", "zh"),  # a cross-reference, not an article
        ("第三条规定的情形", "zh"),
        ("第一，遗嘱人和见证人应在遗嘱的每一页都签名", "zh"),
        ("2020年9月25日", "zh"),
        ("Section shall apply", "en"),
        ("1.5 million yuan", "en"),
    ],
)
def test_not_markers(line: str, lang: str) -> None:
    assert match_marker(line, lang) is None
