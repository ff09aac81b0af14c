"""The one sentence splitter, on real legal text where it has it (the assembly law's English side,
the Basic Law PDF, the sample, LawRefBook) and on legal sentences written for the abbreviations
the real texts lack; the quotes it makes (a rule with its exception) and the ones it refuses."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest

from ingest.footnotes import footnote_markers
from ingest.lines import ends_sentence
from ingest.parse import ParsedDocument, parse_text
from ingest.readers import read_source
from rag.citations import answer_sentences, verify_citations
from rag.extractive import ExtractiveAnswerer, Quote
from rag.kinds import Asked
from rag.sentences import (
    introduction,
    is_consequence,
    is_proviso,
    lead_in,
    paragraph_numbers,
    referred_paragraphs,
    rule_text,
    sentence_spans,
    split_sentences,
    unit_sentences,
    with_qualifiers,
)
from rag.settings import AnswerSettings
from rag.types import Document, DocumentMeta, Hit, Lang, Source, Unit
from tests.helpers import SAMPLE, shared
from ui.render import CardView, card_html

MAX = 50 * 2**20
ARTICLE24_EN = (
    "The time for holding an assembly， a procession or a demonstration shall be limited to "
    "6 a.m. - 10 p.m.， with the exception of those held by decision or approval of the local "
    "people's governments."
)
ARTICLE24_ZH = "举行集会、游行、示威的时间限于早六时至晚十时，经当地人民政府决定或者批准的除外。"


def _parse(path: Path) -> list[ParsedDocument]:
    source = read_source(path, MAX)
    return parse_text(source.text, wrapped=source.wrapped)


@pytest.fixture(scope="module")
def assembly() -> ParsedDocument:
    (document,) = _parse(shared("bilingual/assembly_law_zh_then_en.md"))
    return document


@pytest.fixture(scope="module")
def basic_law() -> ParsedDocument:
    _constitution, basic_law = _parse(shared("bilingual/constitution_basic_law_en.pdf"))
    return basic_law


@pytest.fixture(scope="module")
def sample() -> ParsedDocument:
    (document,) = parse_text(SAMPLE.read_text(encoding="utf-8"))
    return document


def _unit(document: ParsedDocument, label: str) -> Unit:
    return next(u for u in document.units if u.label == label)


def _after(sentences: list[str], start: str) -> str:
    return next(s for s in sentences if s.startswith(start))


# ------------------------------------------------------------------ real texts


def test_a_m_and_p_m_do_not_cut_the_hours_rule(assembly: ParsedDocument) -> None:
    article = _unit(assembly, "24")
    assert article.text_en == ARTICLE24_EN
    assert split_sentences(article.text_en, "en") == [ARTICLE24_EN]
    assert split_sentences(article.text_zh, "zh") == [ARTICLE24_ZH]


def test_every_assembly_law_sentence_ends_at_a_sentence_mark(assembly: ParsedDocument) -> None:
    paragraphs = [p for unit in assembly.units for p in unit.text_en.split("\n")]
    for paragraph in paragraphs:
        for sentence in split_sentences(paragraph, "en")[:-1]:
            assert sentence.rstrip("”’\"')）").endswith((".", ";", "；", "?", "!")), sentence
            assert not sentence.endswith(("a.m.", "p.m.", "etc.")), sentence


def test_etc_ends_a_sentence_only_when_one_begins(sample: ParsedDocument) -> None:
    item7 = split_sentences(_unit(sample, "7").text_en, "en")
    assert _after(item7, "They shall promptly").endswith("marine ecosystem conservation, etc..")
    assert _after(item7, "It is imperative").count("etc.,") == 1  # "etc.," mid-sentence
    item8 = split_sentences(_unit(sample, "8").text_en, "en")
    assert any("online court hearing, etc. of foreign-related cases shall be" in s for s in item8)
    for label in ("9", "12", "16"):
        sentences = split_sentences(_unit(sample, label).text_en, "en")
        assert any("etc. shall be" in s for s in sentences), label


def test_document_numbers_and_labels_stay_in_their_sentence(
    sample: ParsedDocument, basic_law: ParsedDocument
) -> None:
    line = next(x for x in SAMPLE.read_text(encoding="utf-8").split("\n") if "No. 37" in x)
    assert split_sentences(line, "en") == [line.strip()]
    assert sample.meta.doc_number_en == "Fa Fa [2020] No. 37"
    annex = split_sentences(_unit(basic_law, "annex-1").text_en, "en")
    assert (
        "** See Order of the State Council of the People’s Republic of China No. 221 "
        "(see Instrument 13)" in annex
    )
    assert any(s.startswith("II. The following national law is deleted") for s in annex)
    assert not any(s in ("I.", "II.", "1.", "2.") for s in annex)


def test_decimals_and_seconds_marks_do_not_end_sentences(basic_law: ParsedDocument) -> None:
    annex = split_sentences(_unit(basic_law, "annex-1").text_en, "en")
    first = _after(annex, "1. The boundary starts at the eastern corner")
    assert first.endswith(
        "(“Point 1”, Latitude 22˚32'37.21\" North, Longitude 114˚13'34.85\" East)."
    )
    second = _after(annex, "It then follows the centre line of the ditch")
    assert second.endswith("Longitude 114˚13'32.40\" East).")


def test_chinese_keeps_the_dan_shu_and_the_exception_with_the_rule() -> None:
    cases = {
        "诉讼与非诉讼程序法/行政诉讼法(2017-06-27).md": "第九十八条 ",
        "行政法/城市房地产管理法(2019-08-26).md": "第三条 ",
        "民法典/侵权责任编.md": "第一千一百七十六条 ",
    }
    for relative, head in cases.items():
        text = shared(f"lawrefbook/{relative}").read_text(encoding="utf-8")
        article = next(x for x in text.split("\n") if x.startswith(head))[len(head) :]
        assert split_sentences(article, "zh") == [article], relative


def test_a_quoted_amendment_is_one_sentence() -> None:
    text = shared("lawrefbook/刑法/刑法修正案（七）.md").read_text(encoding="utf-8")
    item = next(x for x in text.split("\n") if x.startswith("一、将刑法第一百五十一条"))
    assert item.endswith("。”") and "；" in item  # sentence marks inside the quote
    assert split_sentences(item, "zh") == [item]


def test_spans_locate_each_sentence_exactly(
    assembly: ParsedDocument, basic_law: ParsedDocument
) -> None:
    for unit in [*assembly.units, *basic_law.units]:
        for text, lang in ((unit.text_zh, "zh"), (unit.text_en, "en")):
            spans = sentence_spans(text, lang)
            assert [text[a:b] for a, b in spans] == split_sentences(text, lang)
            assert all(a < b <= c for (a, b), (c, _) in pairwise(spans))
            covered = "".join(text[a:b] for a, b in spans)
            assert "".join(covered.split()) == "".join(text.split())


# ------------------------------------------------------------------ every listed abbreviation

ONE_SENTENCE = [
    "The assembly shall end by 10 p.m. on the same day.",
    "See the Opinions (Fa Fa [2020] No. 37) for details.",
    "Under Art. 5 and Arts. 7 to 9 of the Law, the court may act.",
    "As stated in Para. 2 and Sec. 12, the notice shall be served.",
    "Beijing ABC Co. Ltd. and XYZ Inc. shall jointly bear the costs.",
    "Foreign courts, e.g. those of the U.S. or the U.K., may be asked, i.e. by letter.",
    "Documents, seals, etc. shall be returned to the P.R.C. authorities.",
    "Mr. Wang, Ms. Li and Dr. Zhang met at St. Paul's on Jan. 5, 2021.",
    "The case of Smith vs. Jones was decided on Dec. 1 by J. K. Rowling as arbitrator.",
    "The rate shall be 3.5 per cent of the amount in dispute.",
    "The U.S. Supreme Court has no jurisdiction.",
    "The sessions run from Feb. 1 to Mar. 31, Apr. 1 to Jun. 30, Jul. 1 to Sep. 30 and Oct. 1 "
    "to Nov. 30.",
]


@pytest.mark.parametrize("sentence", ONE_SENTENCE)
def test_abbreviations_do_not_end_a_sentence(sentence: str) -> None:
    assert split_sentences(sentence, "en") == [sentence]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The meeting shall close at 10 p.m. The chair shall sign the record.",
            ["The meeting shall close at 10 p.m.", "The chair shall sign the record."],
        ),
        (
            "The goods were sold to Apple Inc. This sale is valid.",
            ["The goods were sold to Apple Inc.", "This sale is valid."],
        ),
        (
            "It applies to courts of the P.R.C. The Law enters into force today.",
            ["It applies to courts of the P.R.C.", "The Law enters into force today."],
        ),
        (
            "Fees, costs, etc. The court decides the rest.",
            ["Fees, costs, etc.", "The court decides the rest."],
        ),
        (
            "It is listed in Annex I. The Chief Executive shall act.",
            ["It is listed in Annex I.", "The Chief Executive shall act."],
        ),
    ],
)
def test_an_abbreviation_ends_a_sentence_when_one_begins(text: str, expected: list[str]) -> None:
    assert split_sentences(text, "en") == expected


def test_enumeration_clauses_end_at_semicolons_but_keep_their_provisos() -> None:
    text = "The court shall: (1) hear the case; (2) decide the matter; and (3) give reasons."
    assert split_sentences(text, "en") == [
        "The court shall: (1) hear the case;",
        "(2) decide the matter;",
        "and (3) give reasons.",
    ]
    proviso = "Fees shall be paid within 15 days; provided that the court may extend the time."
    assert split_sentences(proviso, "en") == [proviso]


def test_chinese_quotes_and_half_quotes() -> None:
    text = "他说：「我不同意。你们走吧！」然后离开。本法所称“集会”，是指聚集于露天公共场所。"
    assert split_sentences(text, "zh") == [
        "他说：「我不同意。你们走吧！」",
        "然后离开。",
        "本法所称“集会”，是指聚集于露天公共场所。",
    ]


def test_a_line_break_always_ends_a_sentence() -> None:
    text = "第一款规定的期限\n可以延长"
    assert sentence_spans(text, "zh") == [(0, 8), (9, 13)]


# ------------------------------------------------------------------ a rule with its exception


def test_with_qualifiers_takes_the_following_exceptions(basic_law: ParsedDocument) -> None:
    text = _unit(basic_law, "158").text_en
    spans = sentence_spans(text, "en")
    i = next(i for i, (a, _) in enumerate(spans) if text[a:].startswith("When the Standing"))
    start, end = with_qualifiers(spans, i, text)
    assert text[start:end].endswith(
        "shall follow the interpretation of the Standing Committee. However, judgments previously "
        "rendered shall not be affected."
    )
    article67 = _unit(basic_law, "67").text_en
    spans = sentence_spans(article67, "en")
    assert with_qualifiers(spans, 0, article67) == (0, len(article67))
    assert article67.endswith("does not exceed 20 percent of the total membership of the Council.")


def test_with_qualifiers_stops_at_the_next_rule() -> None:
    text = (
        "当事人应当在十日内提出。除有正当理由外，逾期不予受理。法律另有规定的，依照其规定。\n"
        "人民法院应当及时审查。"
    )
    spans = sentence_spans(text, "zh")
    assert [text[a:b] for a, b in spans] == [
        "当事人应当在十日内提出。",
        "除有正当理由外，逾期不予受理。",
        "法律另有规定的，依照其规定。",
        "人民法院应当及时审查。",
    ]
    assert with_qualifiers(spans, 0, text) == (spans[0][0], spans[1][1])
    assert with_qualifiers(spans, 2, text) == spans[2]
    english = "Appeals lie within 10 days. Unless the court orders otherwise. Costs follow."
    spans = sentence_spans(english, "en")
    assert english[slice(*with_qualifiers(spans, 0, english))] == (
        "Appeals lie within 10 days. Unless the court orders otherwise."
    )
    assert is_proviso("This shall not apply to foreigners.")
    assert is_proviso("Except as otherwise provided by law.")
    assert is_proviso("但是，法律另有规定的除外。") and is_proviso("法律另有规定的除外。")
    assert not is_proviso("Exceptional circumstances require approval.")
    assert not is_proviso("但凡申请的，应当登记。")


class _FirstSentenceScorer:
    """Prefers the sentence about time limits (the answerer's ranking is not under test here)."""

    def scores(self, question: str, vector: object, quotes: list[Quote]) -> list[float]:
        return [1.0 if "days" in q.text or "十日" in q.text else 0.0 for q in quotes]


def _source(n: int, unit: Unit) -> Source:
    document = Document("d1", DocumentMeta(title_en="Test Law"), (unit,), "/tmp/x.md", "h")
    return Source(n, Hit("d1", unit.label, 0.1), document, unit)


def test_the_extractive_answer_quotes_a_rule_with_its_exception() -> None:
    unit = Unit(
        "3",
        "第3条",
        "Article 3",
        text_zh="当事人应当在十日内提出异议。但是，有正当理由的除外。\n人民法院应当及时审查。",
        text_en=(
            "An objection shall be raised within 10 days.\n"
            "However, this time limit does not apply where there is a justified reason. "
            "The court shall examine it promptly."
        ),
    )
    answerer = ExtractiveAnswerer(_FirstSentenceScorer(), AnswerSettings())
    answer = answerer.answer("How long?", (_source(1, unit),), "en")
    assert answer.split("\n")[1] == (
        "An objection shall be raised within 10 days. However, this time limit does not apply "
        "where there is a justified reason. [1]"
    )
    answer = answerer.answer("期限？", (_source(1, unit),), "zh")
    assert answer.split("\n")[1] == "当事人应当在十日内提出异议。但是，有正当理由的除外。 [1]"


class _PenaltyScorer:
    """Scores a quote by whether it names the penalty, as a question on penalties would."""

    def scores(self, question: str, vector: object, quotes: list[Quote]) -> list[float]:
        return [1.0 if "penalty" in q.text else 0.0 for q in quotes]


def test_an_open_question_quotes_its_first_source_beside_the_sentence_on_its_topic() -> None:
    duty = Unit("5", text_en="A trader shall not sell counterfeit goods.")
    penalty = Unit(
        "9", text_en="The penalty for selling counterfeit goods is a fine of 5,000 yuan."
    )
    sources = (_source(1, duty), _source(2, penalty))
    answerer = ExtractiveAnswerer(_PenaltyScorer(), AnswerSettings())
    # the sentence carrying the topic is the second source's; the first is quoted as well
    question = "What does the law say about counterfeit goods?"
    answer = answerer.answer(question, sources, "en", Asked.of(question), (penalty.text_en,))
    assert answer.split("\n")[1:] == [
        "A trader shall not sell counterfeit goods. [1]",
        "The penalty for selling counterfeit goods is a fine of 5,000 yuan. [2]",
    ]
    # a question asking for a detail is answered where the detail is stated, and only there
    question = "How much is the fine for counterfeit goods?"
    answer = answerer.answer(question, sources, "en", Asked.of(question), (penalty.text_en,))
    assert answer.split("\n")[1:] == [
        "The penalty for selling counterfeit goods is a fine of 5,000 yuan. [2]"
    ]


# ------------------------------------------------------------------ quotes cut short


def test_a_quote_that_stops_inside_a_sentence_is_not_verified(assembly: ParsedDocument) -> None:
    sources = (_source(1, _unit(assembly, "24")),)

    def verified(answer: str) -> list[bool]:
        return [c.verified for c in verify_citations(answer, sources).citations]

    assert verified("Assemblies are “limited to 6 a.m.” [1].") == [False]
    assert verified(
        "“The time for holding an assembly, a procession or a demonstration shall be limited to "
        "6 a.m. - 10 p.m.” [1]"
    ) == [False]
    assert verified(f"“{ARTICLE24_EN}” [1]") == [True]
    assert verified(f"It says “{ARTICLE24_EN[:-1]}” [1].") == [True]  # the full stop left out
    assert verified("Assemblies are “limited to 6 a.m. - 10 p.m. …” [1].") == [True]
    assert verified("Assemblies are “limited to 6 a.m. - 10 p.m.”… [1]") == [True]
    assert verified("时间“限于早六时至晚十时”[1]。") == [False]
    assert verified(f"“{ARTICLE24_ZH}”[1]") == [True]


def test_a_chinese_rule_quoted_without_its_exception_is_not_verified() -> None:
    text = shared("lawrefbook/诉讼与非诉讼程序法/行政诉讼法(2017-06-27).md").read_text(
        encoding="utf-8"
    )
    article = next(x for x in text.split("\n") if x.startswith("第九十八条 "))[6:]
    sources = (_source(1, Unit("98", "第98条", "", text_zh=article)),)
    cut = verify_citations(
        "“外国人、无国籍人、外国组织在中华人民共和国进行行政诉讼，适用本法。”[1]", sources
    )
    assert [c.verified for c in cut.citations] == [False]
    whole = verify_citations(f"“{article}”[1]", sources)
    assert [c.verified for c in whole.citations] == [True]


def test_an_extractive_line_is_one_answer_sentence() -> None:
    line = f"“{ARTICLE24_EN}” [1]"
    assert answer_sentences(f"Per the documents:\n{line}") == ["Per the documents:", line]


# ------------------------------------------------------------------ footnote markers


def test_footnote_markers_are_gone_from_the_assembly_law(assembly: ParsedDocument) -> None:
    assert any(
        w.startswith("47 footnote markers glued to words removed") for w in assembly.warnings
    )
    for unit in assembly.units:
        assert footnote_markers(unit.text_en) == [], unit.label
        assert footnote_markers(unit.heading_en) == [], unit.label
    assert "held in compliance with law" in _unit(assembly, "18").text_en
    assert "applied for" in _unit(assembly, "9").text_en
    assert "Chapter V Supplementary Provisions" in {u.heading_en for u in assembly.units}


def test_spans_skip_the_removed_markers_exactly(assembly: ParsedDocument) -> None:
    source = read_source(shared("bilingual/assembly_law_zh_then_en.md"), MAX).text
    article18 = _unit(assembly, "18")  # "held in compliance28 with law"
    pieces = [source[a:b] for a, b in article18.spans_en]
    assert "".join(pieces) == article18.text_en
    assert any(source[b - 10 : b + 2] == "compliance28" for _, b in article18.spans_en)
    for unit in assembly.units:
        for a, b in (*unit.spans_zh, *unit.spans_en):
            assert source[a:b] in (unit.text_zh + unit.text_en)


def test_names_numbers_and_references_are_not_footnotes() -> None:
    text = (
        "WGS84 GB18030 ISO9001 iPhone12 Article5 www.site123.com 3.5 COVID-19 H7N9 utf8 "
        "file_name2 A4 No12 section3 (see Annex1) md5 mp3 x86 Fa Fa [2020] No. 37"
    )
    assert footnote_markers(text) == []
    glued = "held in compliance28 with law"
    assert [glued[a:b] for a, b in footnote_markers(glued)] == ["28"]


def test_a_wrapped_line_after_an_abbreviation_carries_on() -> None:
    assert not ends_sentence("shall be limited to 6 a.m.", "- 10 p.m.， with the exception")
    assert not ends_sentence("see the Opinions (Fa Fa [2020] No.", "37) on the matter")
    assert ends_sentence("the meeting closes at 10 p.m.", "The chair signs the record.")
    assert ends_sentence("the Law applies.", "Article 2")


def test_a_card_marks_a_rule_with_its_proviso_across_a_paragraph_break() -> None:
    unit = Unit(
        "3", "第3条", "Article 3", text_en="Fees are due in 10 days.\nHowever, not on Sundays."
    )
    document = Document("d1", DocumentMeta(title_en="Test Law"), (unit,), "/tmp/x.md", "h")
    view = CardView(1, document, unit, ("Fees are due in 10 days. However, not on Sundays.",), True)
    assert (
        '<span class="lq-quote">Fees are due in 10 days.\nHowever, not on Sundays.</span>'
        in card_html(view, message_id=1, show="en")
    )


@pytest.mark.parametrize(
    ("text", "lang", "rules"),
    [
        (
            "单位不办理缴存登记的，由管理中心责令限期办理；逾期不办理的，处1万元以上5万元以下的罚款。"
            "当事人应当在十日内提出；逾期不予受理。",
            "zh",
            {
                0: "单位不办理缴存登记的，由管理中心责令限期办理；"
                "逾期不办理的，处1万元以上5万元以下的罚款。",
                2: "当事人应当在十日内提出；",
            },
        ),
        (
            "The unit shall be ordered to register within a time limit;\n"
            "if it fails to do so, a fine of not less than 10,000 yuan shall be imposed. Costs "
            "follow.",
            "en",
            {
                0: "The unit shall be ordered to register within a time limit; if it fails to do "
                "so, a fine of not less than 10,000 yuan shall be imposed.",
                2: "Costs follow.",
            },
        ),
    ],
)
def test_an_order_travels_with_its_sanction(text: str, lang: Lang, rules: dict[int, str]) -> None:
    spans = sentence_spans(text, lang)
    assert {i: rule_text(text, spans, i) for i in rules} == rules


def test_what_follows_an_order_is_told_by_its_own_words() -> None:
    assert is_consequence("拒不改正的，处五日以下拘留。")
    assert is_consequence("逾期仍未缴纳的，加处罚款。")
    assert is_consequence(
        "If the party fails to make corrections within the time limit, it shall pay."
    )
    assert is_consequence("where they still refuse to rectify, the licence shall be revoked.")
    assert not is_consequence("逾期不予受理。")
    assert not is_consequence("不办理登记的，不得开业。")
    assert not is_consequence("If a contract is void, it has no effect.")
    assert not is_consequence("Where an employer fails to pay wages, the employee may sue.")
    assert not is_consequence("If the goods are delivered within the time limit, the buyer pays.")
    assert not is_consequence("If they do not reach agreement, either party may bring an action.")


def test_a_sanction_keeps_its_further_cases_after_a_semicolon() -> None:
    text = (
        "未经许可提供认证服务的，责令停止违法行为；有违法所得的，没收违法所得；"
        "没有违法所得的，处十万元以上三十万元以下的罚款。\n"
        "（一）未按规定登记的；\n（二）情节严重的，处罚款。"
    )
    spans = sentence_spans(text, "zh")
    assert rule_text(text, spans, 0) == (
        "未经许可提供认证服务的，责令停止违法行为；有违法所得的，没收违法所得；"
        "没有违法所得的，处十万元以上三十万元以下的罚款。"
    )
    # an item of a list is a rule of its own, whatever it says
    assert rule_text(text, spans, 3) == "（一）未按规定登记的；"
    # the measure of the fine before its verb (以……的标准处以罚款); a further rule that fines
    # nothing is no case of the sanction
    measured = (
        "用工单位违反本条例有关劳务派遣规定的，由劳动行政部门责令改正；情节严重的，以每位被派遣"
        "劳动者1000元以上5000元以下的标准处以罚款；用工单位应当按照国家规定办理登记的，依照有关"
        "规定执行。"
    )
    spans = sentence_spans(measured, "zh")
    assert rule_text(measured, spans, 0) == measured.rsplit("；", 1)[0] + "；"
    # a measure is no sanction when what follows only handles the matter (依照有关规定处理)
    handled = "用工单位违反本条例规定的，由劳动行政部门责令改正；情节严重的，依照有关规定处理。"
    spans = sentence_spans(handled, "zh")
    assert rule_text(handled, spans, 0) == handled.split("；")[0] + "；"


@pytest.mark.parametrize(
    ("text", "lang", "leads"),
    [
        (
            "有下列情形之一的，处五日以下拘留：\n（一）扰乱公共秩序的；\n（二）殴打他人的。",
            "zh",
            [None, 0, 0],
        ),
        (
            "A person shall be fined where it:\n(a) fails to register; or\n(b) lies.",
            "en",
            [None, 0, 0],
        ),
        # a list nested in an item: its items go to that item; the next outer item passes them
        (
            "有下列行为之一的，处罚款：\n（一）有下列情形之一的：\n(1) 甲；\n(2) 乙；\n"
            "（二）拒不改正的。",
            "zh",
            [None, 0, 1, 1, 0],
        ),
        # a list that begins on its lead-in's own line
        (
            "符合下列条件的，可以申请：（一）年满十八周岁；（二）具有完全民事行为能力。",
            "zh",
            [None, 0],
        ),
        # an ordinance's lead-in ends with a dash
        (
            "A person commits an offence if he—\n(a) fails to register; or\n(b) lies.",
            "en",
            [None, 0, 0],
        ),
        # items with no lead-in, and a rule that merely follows a list
        ("一、总体要求\n二、主要措施\n本意见自发布之日起施行。", "zh", [None, None, None]),
        (
            "Applicants shall submit:\n1. an application;\n2. proof of identity.\nLate ones fail.",
            "en",
            [None, 0, 0, None],
        ),
        # a Chinese item's "1." stays with its item, with or without a space after it
        (
            "申请人应当提交下列材料：\n1. 申请书；\n2.身份证明。\n逾期提交的，不予受理。",
            "zh",
            [None, 0, 0, None],
        ),
    ],
)
def test_an_item_is_introduced_by_the_lead_in_before_its_list(
    text: str, lang: Lang, leads: list[int | None]
) -> None:
    sentences = [s.text for s in unit_sentences(text, lang)]
    assert [lead_in(sentences, i) for i in range(len(sentences))] == leads


@pytest.mark.parametrize(
    ("text", "lang", "first"),
    [
        # the fine all items share is stated in a clause before the lead-in's own
        (
            "本条例第五条规定适用于本条。\n"
            "有下列情形之一的，由劳动行政部门责令限期改正；逾期不改正的，处5万元以上10万元以下"
            "的罚款；情节严重的，吊销资质证书：\n（一）未开设专用账户；\n（二）未存储保证金。",
            "zh",
            1,
        ),
        (
            "Where an employer does any of the following, it shall be ordered to rectify; if it "
            "fails to do so, it shall be fined; if the case is serious, its licence is revoked:\n"
            "(1) it opens no account;\n(2) it deposits no guarantee.",
            "en",
            0,
        ),
        # a lead-in that is a whole sentence is its own introduction; an item before it ends it
        ("经营者有下列情形之一的，应当退货：\n（一）商品有缺陷。", "zh", 0),
        ("甲可以申请：\n（一）乙；\n丙应当提交下列材料：\n1. 申请书。", "zh", 2),
    ],
)
def test_a_list_is_introduced_by_the_whole_sentence_its_lead_in_closes(
    text: str, lang: Lang, first: int
) -> None:
    sentences = [s.text for s in unit_sentences(text, lang)]
    last = lead_in(sentences, len(sentences) - 1)
    assert last is not None
    assert introduction(sentences, last) == first


def test_an_items_paragraph_is_the_one_introducing_its_list() -> None:
    text = "有下列情形之一的，处罚款：\n（一）甲；\n（二）乙。\n有前款第一项行为的，没收。"
    assert paragraph_numbers(text, unit_sentences(text, "zh")) == [1, 1, 1, 2]
    # a label line begins no paragraph
    text = "Article 12\nThe creditor may apply.\nThe right in paragraph 1 of this Article lapses."
    assert paragraph_numbers(text, unit_sentences(text, "en")) == [1, 1, 2]


@pytest.mark.parametrize(
    ("sentence", "paragraph", "lang", "referred"),
    [
        ("本条第一款规定的申请权，自债权人知道之日起一年内不行使的，归于消灭。", 3, "zh", {1}),
        ("人民法院依照前款规定撤销信托的，不影响善意受益人的利益。", 2, "zh", {1}),
        ("违反前两款规定的，处五千元罚款。", 3, "zh", {1, 2}),
        ("依照第一款规定申请的，应当提交证明。", 3, "zh", {1}),
        ("本条第一款、第二款规定的期限，可以延长。", 3, "zh", {1, 2}),
        # another article's paragraph, and a paragraph not before the sentence's own
        ("依照本法第十条第一款的规定办理。", 3, "zh", set()),
        ("依照本条第三款的规定办理。", 2, "zh", set()),
        ("The right provided in paragraph 1 of this Article lapses after one year.", 3, "en", {1}),
        ("Any violation of the preceding two paragraphs shall be fined.", 3, "en", {1, 2}),
        ("The first paragraph of this Article does not apply to minors.", 2, "en", {1}),
        ("This Article applies to all persons.", 2, "en", set()),
        # another article's paragraphs, however many; a range of this article's
        ("依照本法第十条第一款、第二款规定的程序办理。", 3, "zh", set()),
        ("第十条第一款和第二款不适用于本条。", 3, "zh", set()),
        ("本条第一款至第三款规定的期限，可以延长。", 4, "zh", {1, 2, 3}),
        ("Paragraphs 1 to 3 of this Article apply mutatis mutandis.", 4, "en", {1, 2, 3}),
        ("The previous paragraph does not apply to minors.", 2, "en", {1}),
    ],
)
def test_a_paragraph_refers_back_to_earlier_paragraphs_of_its_own_article(
    sentence: str, paragraph: int, lang: Lang, referred: set[int]
) -> None:
    assert referred_paragraphs(sentence, paragraph, lang) == referred


def test_every_sentence_stating_a_detail_asked_is_quoted_up_to_the_limit() -> None:
    first = Unit(
        "7",
        text_en=(
            "The objection is raised within 10 days. The court decides within 30 days. "
            "The fee is 50 yuan. The appeal is lodged within 15 days."
        ),
    )
    second = Unit("8", text_en="A late objection is heard within 60 days.")
    sources = (_source(1, first), _source(2, second))
    stating = tuple(s for unit in (first, second) for s in unit.text_en.split(". "))
    answerer = ExtractiveAnswerer(_FirstSentenceScorer(), AnswerSettings(max_sentences=3))
    # two parts, a period and a fee: the sentences stating either are quoted whatever their
    # likeness, each source's best first, then the next best while there is room (three in all:
    # the fee, which the scorer ranks below the periods, is left out), in the unit's order
    question = "How long do I have to object, and what is the fee?"
    answer = answerer.answer(question, sources, "en", Asked.of(question), stating)
    assert answer.split("\n")[1:] == [
        "The objection is raised within 10 days. [1]",
        "The court decides within 30 days. [1]",
        "A late objection is heard within 60 days. [2]",
    ]
    # an open question quotes each source's best, as before
    question = "What does the law say about objections?"
    answer = answerer.answer(question, sources, "en", Asked.of(question), stating)
    assert answer.split("\n")[1:] == [
        "The objection is raised within 10 days. [1]",
        "A late objection is heard within 60 days. [2]",
    ]
