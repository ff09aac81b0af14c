"""Citation checks on hand-built sources, and how a source card marks the quotes."""

from rag.citations import answer_sentences, quote_in, verify_citations
from rag.types import Document, DocumentMeta, Hit, Source, Unit
from ui.render import CardView, card_html

DOC = Document("d1", DocumentMeta(title_zh="示范意见"), (), "/tmp/x.txt", "h")
UNITS = [
    Unit(
        "4",
        "4.",
        "(4)",
        text_zh="尊重当事人意思自治。充分尊重并保障中外当事人依法选择管辖法院的权利。",
        text_en="Respecting the principle of party autonomy. People's courts shall fully respect "
        "the rights of parties to choose the court with jurisdiction.",
    ),
    Unit(
        "11",
        "11.",
        "(11)",
        text_zh="严格落实知识产权侵权惩罚性赔偿制度。",
        text_en="The punitive compensation system shall be strictly implemented.",
    ),
]
SOURCES = tuple(Source(n, Hit("d1", u.label, 0.1), DOC, u) for n, u in enumerate(UNITS, start=1))


def test_valid_markers_become_citations() -> None:
    checked = verify_citations(
        "Courts respect party autonomy [1]. Punitive damages apply [2].", SOURCES
    )
    assert [(c.n, c.label, c.quote, c.verified) for c in checked.citations] == [
        (1, "4", None, True),
        (2, "11", None, True),
    ]
    assert checked.unsupported == () and checked.removed_markers == ()


def test_markers_pointing_nowhere_are_removed_and_reported() -> None:
    checked = verify_citations("Courts respect party autonomy [1][7]. It is settled [0].", SOURCES)
    assert checked.removed_markers == ("[7]", "[0]")
    assert checked.text == "Courts respect party autonomy [1]. It is settled."
    assert checked.unsupported == ("It is settled.",)
    assert [c.n for c in checked.citations] == [1]


def test_marker_lists_and_fullwidth_brackets() -> None:
    checked = verify_citations("当事人可以选择管辖法院【1】。两者都有规定[1, 2]。", SOURCES)
    assert [(c.n, c.quote) for c in checked.citations] == [(1, None), (2, None)]
    assert checked.unsupported == ()


def test_quotes_are_checked_verbatim_against_the_cited_unit() -> None:
    text = (
        "The opinion requires courts to “fully respect the rights of parties to choose the court "
        "with jurisdiction” [1]. It says the system shall be “loosely implemented” [2]. "
        "它要求“严格落实知识产权侵权惩罚性赔偿制度”[2]。"
    )
    checked = verify_citations(text, SOURCES)
    assert [(c.n, c.quote, c.verified) for c in checked.citations] == [
        (1, "fully respect the rights of parties to choose the court with jurisdiction", True),
        (2, "loosely implemented", False),
        (2, "严格落实知识产权侵权惩罚性赔偿制度", True),
    ]


def test_a_quote_from_another_source_than_the_cited_one_is_unverified() -> None:
    checked = verify_citations("它说“严格落实知识产权侵权惩罚性赔偿制度”[1]。", SOURCES)
    assert [(c.n, c.verified) for c in checked.citations] == [(1, False)]


def test_quote_matching_ignores_whitespace_width_and_script_and_allows_ellipsis() -> None:
    assert quote_in("尊重 当事人意思自治", UNITS[0].text_zh)
    assert quote_in("充分尊重並保障中外當事人", UNITS[0].text_zh)  # Traditional characters
    assert quote_in("Respecting the principle … choose the court", UNITS[0].text_en)
    assert not quote_in("choose the court … Respecting the principle", UNITS[0].text_en)
    assert quote_in("respecting the principle", UNITS[0].text_en)  # quoted mid-sentence
    assert not quote_in("respecting the principles", UNITS[0].text_en)


def test_sentences_keep_their_trailing_markers() -> None:
    assert answer_sentences("根据文件：\n当事人有权选择。[1]法院应当尊重[2]。Done [1]. Next.") == [
        "根据文件：",
        "当事人有权选择。[1]",
        "法院应当尊重[2]。",
        "Done [1].",
        "Next.",
    ]


def test_exempt_lines_are_not_unsupported() -> None:
    checked = verify_citations(
        "Per the documents:\nCourts respect autonomy. [1]", SOURCES, exempt=("Per the documents:",)
    )
    assert checked.unsupported == ()


def test_a_quote_ending_with_a_full_stop_keeps_its_marker() -> None:
    text = (
        "根据文件：\n“严格落实知识产权侵权惩罚性赔偿制度。” [2]\n"
        "“The punitive compensation system shall be strictly implemented.” [2]"
    )
    checked = verify_citations(text, SOURCES, exempt=("根据文件：",))
    assert checked.unsupported == ()
    assert [(c.quote, c.verified) for c in checked.citations] == [
        ("严格落实知识产权侵权惩罚性赔偿制度。", True),
        ("The punitive compensation system shall be strictly implemented.", True),
    ]


def test_card_marks_a_quote_whatever_its_case() -> None:
    view = CardView(1, DOC, UNITS[0], ("respecting the principle …  choose the court",), True)
    html = card_html(view, message_id=1, show="en")
    assert '<span class="lq-quote">Respecting the principle</span>' in html
    assert '<span class="lq-quote">choose the court</span>' in html


def test_a_verified_quote_is_carried_in_both_languages() -> None:
    text = (
        "“充分尊重并保障中外当事人依法选择管辖法院的权利。” [1]\n"
        "“The punitive compensation system … strictly implemented.” [2]\n"
        "“严格落实知识产权侵权惩罚性赔偿” [2]"
    )
    checked = verify_citations(text, SOURCES)
    assert [(c.n, c.quote, c.verified, c.quote_zh, c.quote_en) for c in checked.citations] == [
        (
            1,
            "充分尊重并保障中外当事人依法选择管辖法院的权利。",
            True,
            "充分尊重并保障中外当事人依法选择管辖法院的权利。",
            "People's courts shall fully respect the rights of parties to choose the court with "
            "jurisdiction.",
        ),
        (
            2,
            "The punitive compensation system … strictly implemented.",
            True,
            "严格落实知识产权侵权惩罚性赔偿制度。",
            "The punitive compensation system shall be strictly implemented.",
        ),
        (2, "严格落实知识产权侵权惩罚性赔偿", False, None, None),
    ]
    assert list(checked.citations[0].to_json())[-4:] == [
        "quote",
        "quote_zh",
        "quote_en",
        "verified",
    ]


def test_a_quote_of_a_one_language_unit_has_no_other_side() -> None:
    unit = Unit("2", "第二条", text_zh="合同纠纷可以仲裁。")
    source = Source(1, Hit("d1", "2", 0.1), DOC, unit)
    (cited,) = verify_citations("“合同纠纷可以仲裁。” [1]", (source,)).citations
    assert (cited.verified, cited.quote_zh, cited.quote_en) == (True, "合同纠纷可以仲裁。", None)
