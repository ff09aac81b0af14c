"""The answer-or-decline decision's evidence and its calibration arithmetic."""

import json
import math
from dataclasses import replace
from importlib import resources
from typing import cast

import numpy as np
import pytest

from eval.calibrate import (
    Sample,
    _held_out,
    balanced_weights,
    best_thresholds,
    choose_threshold,
    outcomes,
    train,
)
from rag.decision import (
    EVIDENCE_CHOICES,
    FEATURE_VERSION,
    FEATURES,
    LEXICAL,
    DecisionModel,
    DecisionModelError,
    Evidence,
    IndexStatistics,
    anchor_weights,
    asking_first,
    carried_and_stated,
    content_words,
    coverage,
    decision_model,
    evidence,
    heaviest_missing,
    question_anchors,
    read_parts,
    stated_by_parts,
    stating,
    stored_models,
    topic_evidence,
    translations,
    word_weights,
)
from rag.decision.model import _models
from rag.decision.stated import Part
from rag.decision.topic import _referring_rules
from rag.decision.words import abbreviates, unseen_share, word_credit
from rag.kinds import Asked
from rag.retrieval import Retrieval
from rag.sentences import unit_sentences
from rag.settings import CalibrationSettings, RetrievalSettings
from rag.types import Document, DocumentMeta, Hit, Source, Unit


def test_content_words_leave_out_the_question_frame() -> None:
    assert content_words("What does the opinion say about the China-Europe Railway Express?") == {
        "china",
        "europe",
        "railway",
        "express",
    }
    assert content_words("A competitor stole our trade secrets.") == {
        "competitor",
        "stole",
        "trade",
        "secret",
    }
    assert content_words("意见第二十条对外资企业的税收优惠是怎么规定的？") == {
        "第二十条",
        "外资企业",
        "税收",
        "优惠",
    }


def test_content_words_leave_out_the_words_that_name_no_topic() -> None:
    assert content_words("我已经向市场监管局投诉了，他们一直不受理") == {
        "市场",
        "监管局",
        "投诉",
        "受理",
    }
    assert content_words("The employer already paid but still owes the bonus") == {
        "employer",
        "paid",
        "owe",
        "bonus",
    }


def test_coverage_weighs_rare_words_and_credits_compounds_in_part() -> None:
    weights = {"railway": 3.0, "europe": 1.0}
    assert coverage(weights, "The China-Europe Railway Express") == 1.0
    assert coverage(weights, "Trains to Europe") == 0.25
    assert coverage({"unknown": -2.0, "court": 2.0}, "the court") == 0.5
    # 外资企业 is not written whole; its parts 外资 and 企业 are: half credit for the share found
    assert coverage({"外资企业": 1.0}, "外商投资企业享受国民待遇") == pytest.approx(0.25)


def test_an_english_word_is_covered_by_the_chinese_words_retrieval_searched_for_it() -> None:
    retrieval = Retrieval(
        question="Can an employer force employees to work overtime?",
        language="en",
        sources=(),
        translations=(("force", ("强制",)), ("work overtime", ("加班",))),
    )
    translated = translations(retrieval)
    assert translated == {"force": ("强制",), "work": ("加班",), "overtime": ("加班",)}
    weights = {"overtime": 2.0, "work": 1.0, "force": 1.0}
    article = "用人单位应当严格执行劳动定额标准，不得强迫或者变相强迫劳动者加班。"
    assert coverage(weights, article) == 0.0
    assert coverage(weights, article, translated) == 0.75  # 强迫 is not 强制: force uncovered
    # a translation not written whole credits its parts as a Chinese word's do: 补偿费 (the
    # dictionary's "compensation") is not in 补偿标准, its part 补偿 is
    weights = {"compensation": 1.0}
    standard = "征收农用地的土地补偿费、安置补助费标准由省、自治区、直辖市制定公布。"
    assert coverage(weights, "按照征地补偿标准支付", {"compensation": ("补偿费",)}) == 0.5
    assert coverage(weights, standard, {"compensation": ("补偿费",)}) == 1.0
    assert coverage(weights, "按照征地补偿标准支付") == 0.0


class _Coverage:
    """Keyword statistics of an index with Chinese text in every unit and English in a tenth:
    1,000 keyword documents, each word in 10 of them but 期限 and "deadline" (in 100)."""

    def keyword_coverage(self, lang: str) -> float:
        return 1.0 if lang == "zh" else 0.1

    def keyword_count(self, lang: str) -> int:
        return 1000

    def keyword_frequency(self, lang: str, token: str) -> int:
        return 100 if token in ("期限", "deadline") else 10


def test_the_heaviest_word_the_top_units_lack_is_measured() -> None:
    weights = {"收养": 3.0, "条件": 1.0, "子女": -2.0}
    statistics = cast(IndexStatistics, _Coverage())
    text = "收养人应当同时具备下列条件"
    assert heaviest_missing(weights, text, {}, statistics) == pytest.approx(2 / 6)
    assert heaviest_missing(weights, "未成年子女的监护条件", {}, statistics) == 0.5
    # an English word counts as far as the index has English; a translation covers it
    english = {"adoption": 3.0, "conditions": 1.0}
    assert heaviest_missing(english, "下列条件", {}, statistics) == pytest.approx(0.075)
    assert heaviest_missing(english, "收养条件", {"adoption": ("收养",)}, statistics) == (
        pytest.approx(0.025)
    )


class _ChineseOnly:
    """Keyword statistics of Chinese-only statutes: 1,000 chunks, 仲裁 in 10 of them."""

    def keyword_coverage(self, lang: str) -> float:
        return 1.0 if lang == "zh" else 0.0

    def keyword_count(self, lang: str) -> int:
        return 1000 if lang == "zh" else 0

    def keyword_frequency(self, lang: str, token: str) -> int:
        return 10 if token == "仲裁" else 0


def test_an_english_word_the_bridge_translated_is_weighed_on_the_chinese_side() -> None:
    statistics = cast(IndexStatistics, _ChineseOnly())
    # "trademark" is translated by the dictionary, into nothing this index holds; "arbitration"
    # into 仲裁; "swift" not at all
    question = "Is trademark arbitration swift?"
    translated = {"trademark": (), "arbitration": ("仲裁",)}
    unseen = pytest.approx(-math.log(1 + 1001 / 0.5))
    no_english = pytest.approx(math.log(1 + 1 / 0.5))  # no English here: nothing to weigh by
    weights = word_weights(question, statistics, translated)
    assert weights == {"trademark": unseen, "arbitration": no_english, "swift": no_english}
    rare = word_weights(question, statistics, translated, rarity_of_translations=True)
    assert rare["arbitration"] == pytest.approx(math.log(1 + 1001 / 10.5))  # as rare as 仲裁
    total = sum(abs(w) for w in weights.values())
    # the heaviest word missing on the bridged side only: English itself is unknown here
    assert unseen_share(weights, statistics) == 0.0
    assert heaviest_missing(weights, "仲裁委员会", translated, statistics) == 0.0
    assert heaviest_missing(
        weights, "仲裁委员会", translated, statistics, bridged=True
    ) == pytest.approx(-weights["trademark"] / total)
    # the anchor reads the rarity of translations; a word with none weighs nothing
    anchors = anchor_weights(question, statistics, translated)
    assert anchors == {"arbitration": rare["arbitration"], "swift": 0.0}


def test_an_item_of_a_list_is_read_with_the_sentence_that_introduces_it() -> None:
    article = (
        "对污染环境、破坏生态，损害社会公共利益的行为，符合下列条件的社会组织可以向人民法院提起诉讼：\n"
        "（一）依法在设区的市级以上人民政府民政部门登记；\n"
        "（二）专门从事环境保护公益活动连续五年以上且无违法记录。\n"
        "符合前款规定的社会组织向人民法院提起诉讼，人民法院应当依法受理。"
    )
    source = Source(1, Hit("env", "58", 1.0), _document("env"), Unit("58", text_zh=article))
    found = evidence({"诉讼": 2.0, "公益": 1.0}, (source,))
    assert [(e.text[:4], e.coverage, sorted(e.holds)) for e in found] == [
        # as well as its best item; 公益 read in 公共利益, what it abbreviates, at half credit
        ("对污染环", 1.0, ["公益", "诉讼"]),
        ("（一）依", 2.5 / 3, ["公益", "诉讼"]),
        ("（二）专", 1.0, ["公益", "诉讼"]),
        ("符合前款", 2 / 3, ["诉讼"]),
    ]


def _document(doc_id: str, title_zh: str = "") -> Document:
    return Document(doc_id, DocumentMeta(title_zh=title_zh), (), f"{doc_id}.md", "")


def test_the_words_of_a_documents_title_count_for_each_of_its_sentences() -> None:
    article = (
        "用人单位应当按照工资支付周期编制书面工资支付台账，并至少保存3年。"
        "用人单位向农民工支付工资时，应当提供农民工本人的工资清单。"
    )
    ledger, payslip = (s.text for s in unit_sentences(article, "zh"))

    def carried(text: str, weights: dict[str, float], title: str) -> list[tuple[str, float, float]]:
        unit = Unit("15", text_zh=text)
        source = Source(1, Hit("wages", "15", 1.0), _document("wages", title), unit)
        found = evidence(weights, (source,))
        return [
            (e.text, round(e.coverage, 2), round(e.standing, 2))
            for e in topic_evidence(found, 1.0, 0)
        ]

    weights = {"台账": 3.0, "保存": 3.0, "农民工": 7.0}
    assert carried(article, weights, "") == [(payslip, 0.54, 0.54)]
    # 农民工 names the regulation: the sentence restating it no longer outweighs the ledger's
    assert carried(article, weights, "保障农民工工资支付条例") == [(ledger, 0.46, 1.0)]
    # the title alone carries no sentence holding none of the question's words
    arrears = "用人单位拖欠农民工工资的，应当依法予以清偿。本条例自2020年5月1日起施行。"
    repaid = next(s.text for s in unit_sentences(arrears, "zh"))
    assert carried(arrears, {"工资": 4.0}, "拖欠工资条例") == [(repaid, 1.0, 1.0)]
    # nor one holding only a piece of a word of the title (劳动 of 劳动合同)
    copies = "用人单位不得扣押劳动者的居民身份证。劳动合同文本由用人单位和劳动者各执一份。"
    contract = list(unit_sentences(copies, "zh"))[1].text
    weights = {"劳动合同": 4.0, "一式": 1.0}
    assert carried(copies, weights, "中华人民共和国劳动合同法") == [(contract, 0.8, 0.8)]


def test_a_title_chooses_among_its_own_documents_sentences_only() -> None:
    def source(n: int, doc: str, title: str, text: str) -> Source:
        return Source(n, Hit(doc, str(n), 1.0), _document(doc, title), Unit(str(n), text_zh=text))

    weights = {"农民工": 2.0, "拖欠": 1.0, "工资": 1.0, "罚款": 2.0}
    fined = "拖欠工资的，由劳动保障行政部门责令支付，并处罚款。"
    found = evidence(
        weights,
        (
            source(1, "wages", "保障农民工工资支付条例", "用人单位拖欠工资的，应当依法清偿。"),
            source(2, "inspection", "劳动保障监察条例", fined),
        ),
    )
    # 农民工 in the regulation's title stands for its own sentence, not above another document's
    assert [(e.text, e.coverage, e.standing) for e in found] == [
        ("用人单位拖欠工资的，应当依法清偿。", 2 / 6, 4 / 6),
        (fined, 4 / 6, 4 / 6),
    ]
    assert [e.text for e in topic_evidence(found, 1.0, 0)] == [fined]


def test_a_lead_in_stands_as_its_best_item() -> None:
    article = (
        "对污染环境的行为，符合下列条件的社会组织可以提起诉讼：\n"
        "（一）依法在民政部门登记；\n"
        "（二）专门从事环境保护公益活动连续五年以上。"
    )
    unit = Unit("58", text_zh=article)
    title = "环境民事公益诉讼规定"
    found = evidence(
        {"诉讼": 1.0, "公益": 2.0, "民政": 1.0},
        (Source(1, Hit("env", "58", 1.0), _document("env", title), unit),),
    )
    assert [(e.text[:4], e.coverage, e.standing) for e in found] == [
        ("对污染环", 0.75, 1.0),  # as well as its best items
        ("（一）依", 0.5, 1.0),  # 民政, a word of its own, and the title's 公益
        ("（二）专", 0.75, 0.75),  # the title's words alone
    ]
    assert [e.text[:4] for e in topic_evidence(found, 1.0, 0)] == ["对污染环", "（一）依"]


def _evidence(text: str, holds: set[str]) -> Evidence:
    return Evidence(cast(Source, None), "zh", text, text, 1.0, holds=frozenset(holds))


def test_a_detail_is_stated_only_about_the_anchor() -> None:
    asked = Asked.of("引航资格被暂停的期限是多久？")
    suspension = _evidence(
        "引航员违反本条例的，港务局可以暂停其引航资格。", {"引航", "资格", "暂停"}
    )
    report = _evidence("引航员应当在引航结束后三日内提交报告。", {"引航"})
    anchors = {"资格": 5.0, "暂停": 3.0, "引航": 1.0}
    # the three days are about the report, not the suspension the question is anchored on
    assert stating(asked, [suspension, report], anchors) == ()
    assert stating(asked, [report], anchors) == (report,)
    # with no anchor (English words on Chinese-only statutes weigh nothing), any detail counts
    assert stating(asked, [suspension, report], dict.fromkeys(anchors, 0.0)) == (report,)
    # carried by the words naming the detail alone, holding none of the anchors: not stated
    term = _evidence("延期期限最长不超过三年。", {"最长", "期限"})
    assert stating(asked, [term], anchors) == ()
    # but a sentence carried by meaning alone, no word matched, may state it
    unmatched = _evidence("引航员被停止执业的，停止时间为六个月。", set())
    unmatched = replace(unmatched, coverage=0.0)
    assert stating(asked, [term, unmatched], anchors) == (unmatched,)
    assert stating(asked, [unmatched], anchors) == (unmatched,)
    # an open question asks for no detail: every sentence carrying its topic answers it
    assert stating(Asked.of("引航资格暂停有什么规定？"), [suspension, report], anchors) == (
        suspension,
        report,
    )


def test_a_rule_leaving_its_matter_to_another_body_states_no_detail_but_who_sets_it() -> None:
    delegation = _evidence(
        "慈善组织开展慈善活动的年度支出、管理费用的标准由国务院民政部门会同财政、税务等部门制定。",
        {"年度", "支出", "管理费用"},
    )
    floor = _evidence(
        "具有公开募捐资格的基金会开展慈善活动的年度支出，不得低于上一年总收入的百分之七十。",
        {"年度", "支出"},
    )
    anchors = {"支出": 4.0, "年度": 2.0}
    open_question = Asked.of("基金会的年度支出有什么要求？")
    assert stating(open_question, [delegation], anchors) == ()
    assert stating(open_question, [delegation, floor], anchors) == (floor,)
    # a rule stated before the rest is handed on answers
    stated = _evidence("基金会的年度支出应当公开，具体办法由国务院民政部门制定。", {"年度", "支出"})
    assert stating(open_question, [stated], anchors) == (stated,)
    # who sets the standard is what the delegation says
    who = Asked.of("慈善组织年度支出的标准由哪个部门制定？")
    assert stating(who, [delegation], anchors) == (delegation,)


def test_a_detail_is_anchored_on_what_the_asking_clause_names_not_on_what_happened() -> None:
    asked = Asked.of("一家银行出了信用危机被监管部门接管了，这个接管最长能持续多久？")
    allowed = _evidence(
        "商业银行已经或者可能发生信用危机的，监管机构可以对该银行实行接管。",
        {"银行", "信用", "危机", "接管"},
    )
    term = _evidence("接管期限最长不得超过二年。", {"接管"})
    anchors = {"危机": 5.0, "信用": 3.5, "接管": 3.5, "银行": 1.5}
    # read whole, the rarest word held (危机) is what happened: the term holds none of it
    assert stating(asked, [allowed, term], anchors) == ()
    asking = {"接管": 3.5, "持续": 4.0}
    lifted = asking_first(anchors, asking)
    assert stating(asked, [allowed, term], lifted) == (term,)
    assert sorted(lifted, key=lifted.__getitem__) == ["银行", "信用", "危机", "接管"]
    # a word weighing nothing stays so
    assert asking_first({"danger": 0.0, "bank": 1.0}, {"danger": 1.0}) == {
        "danger": 0.0,
        "bank": 1.0,
    }


def test_a_question_asked_in_two_sentences_is_answered_when_each_part_is() -> None:
    statistics = cast(IndexStatistics, _Coverage())
    directors = "董事任期由公司章程规定，但每届任期不得超过三年。董事任期届满，连选可以连任。"
    term, reelection = (s.text for s in unit_sentences(directors, "zh"))

    def stated(question: str, article: str = directors, whole: bool = True) -> tuple[str, ...]:
        unit = Unit("70", text_zh=article)
        source = Source(1, Hit("company", "70", 1.0), _document("company"), unit)
        retrieval = Retrieval(question=question, language="zh", sources=(source,))
        found = evidence(word_weights(question, statistics), (source,))
        anchors = question_anchors(question, retrieval, statistics)
        read_whole = stating(Asked.of(question), topic_evidence(found, 1.0, 1), anchors)
        parts = stated_by_parts(read_parts(question, retrieval, statistics), 1.0, 1)
        return tuple(e.text for e in (read_whole if whole else ()) or parts)

    # read whole, the term is anchored on 连任, which the sentence stating it does not hold
    assert stated("董事每届任期最长是几年？任期届满后还能连任吗？") == (term, reelection)
    # every part must be stated: the article gives no age
    assert stated("董事最低年龄是多少？任期届满后还能连任吗？") == ()
    # a part that refers back is about what the parts before it name: the term stated here is
    # the supervisors', not the directors' asked about
    supervisors = "董事任期届满，连选可以连任。监事的任期每届为三年。"
    assert stated("董事能连任吗？任期最多多少年？", supervisors) == ()
    # a part's own words choose the sentence that carries it, those before it only break ties:
    # the costs are stated in the sentence on the costs, which holds fewer of the whole's words
    observation = "医学观察期间，不得解除与其订立的劳动合同。医学观察期间的费用，由用人单位承担。"
    dismissal, costs = (s.text for s in unit_sentences(observation, "zh"))
    question = "还在医学观察期间，公司能解除劳动合同吗？观察期间的费用谁出？"
    assert stated(question, observation) == (dismissal, costs)
    # a sentence that states two parts' details is quoted once
    both = "董事任期每届不得超过三年，任期届满后三十日内改选。"
    assert stated("董事任期最长几年？任期届满后多少天内要改选？", both, whole=False) == (both,)
    # two things asked in one sentence, one clause after the other
    assert stated("董事每届任期最长是几年，能否在任期届满后连任？") == (term, reelection)
    assert stated("董事最低年龄是多少，能否在任期届满后连任？") == ()
    # a part's detail may be stated by another sentence of the article that carries it, one
    # holding the part's anchor: the period of temporary use (临时), not the payment's months
    land = (
        "建设项目施工需要临时使用集体所有的土地的，由自然资源主管部门批准。临时使用土地的使用者"
        "不得修建永久性建筑物。临时使用土地期限一般不超过二年。土地补偿费应当在三个月内支付。"
    )
    _, permanent, period, _ = (s.text for s in unit_sentences(land, "zh"))
    temporary = "施工队想临时借用村里的集体土地，这种临时用地最多能用多久？能不能盖永久性的房子？"
    assert stated(temporary, land) == (period, permanent)


def test_anchors_leave_out_the_words_that_name_the_detail() -> None:
    statistics = cast(IndexStatistics, _Coverage())
    anchors = anchor_weights("引航资格被暂停的期限是多久？", statistics)
    assert set(anchors) == {"引航", "资格", "暂停"}
    english = anchor_weights("What is the deadline for renewing a pilot licence?", statistics)
    assert set(english) == {"renewing", "pilot", "license"}
    assert english["pilot"] == pytest.approx(0.1 * anchors["暂停"])
    # nor do the verbs that say a thing is had, needed or wanted
    light = anchor_weights("How long are platforms required to keep records they have?", statistics)
    assert set(light) == {"platform", "keep", "record"}
    # nor the verbs whose object names the act, nor the fine whose amount is asked: it is the
    # detail, not the topic
    support = anchor_weights("What fine can an agency get for taking a deposit?", statistics)
    assert set(support) == {"agency", "deposit"}
    refused = anchor_weights("引航员拒绝检查的，罚款多少？", statistics)
    assert set(refused) == {"引航员", "拒绝", "检查"}
    assert set(anchor_weights("引航员拒绝检查的罚款额是多少？", statistics)) == set(refused)
    # but where the fine is all the question names, it is the topic
    assert set(anchor_weights("What is the maximum fine?", statistics)) == {"fine"}
    # a fine asked of another detail is its topic
    assert "罚款" in anchor_weights("引航员的罚款要在多少天内缴纳？", statistics)
    assert "fine" in anchor_weights("Within how many days must a pilot pay a fine?", statistics)
    # nor words that say how, not what
    function = anchor_weights("But since I quit, is a pilot licence still kept?", statistics)
    assert set(function) == {"quit", "pilot", "license", "kept"}
    # nor those that say the detail is wanted precisely
    precise = anchor_weights("Which specific licences must a pilot hold?", statistics)
    assert set(precise) == {"license", "pilot", "hold"}
    assert set(anchor_weights("引航员具体要带哪些证件？", statistics)) == {"引航员", "证件"}
    # nor the verb a question asks how long a thing lasts with (a word: not in a later clause
    # either); the adjective still anchors
    lasting = anchor_weights(
        "How long must a pilot's suspension last, and who decides in the last resort?", statistics
    )
    assert set(lasting) == {"pilot", "suspension", "decide", "resort"}
    assert set(anchor_weights("How long does a pilot's suspension last?", statistics)) == {
        "pilot",
        "suspension",
    }
    assert "last" in anchor_weights("How long does the last pilot stage take?", statistics)
    assert "last" in anchor_weights("Who decides in the last resort?", statistics)
    assert set(anchor_weights("引航资格暂停要持续多久？", statistics)) == {"引航", "资格", "暂停"}
    # nor numbers, with or without their measure: facts the question gives
    given = anchor_weights("引航合同期限三年的，引航资格暂停最长多久？", statistics)
    assert "三年" not in given and {"引航", "资格", "暂停"} <= set(given)


def test_every_group_of_a_set_weighs_the_same() -> None:
    sets = np.array(["a", "a", "a", "a", "b", "b"])
    y = np.array([1, 1, 1, 0, 0, 0])
    weights = balanced_weights(sets, y)
    assert np.allclose(weights, [2 / 3, 2 / 3, 2 / 3, 2, 1, 1])
    assert np.isclose(weights.mean(), 1.0)


def test_threshold_judges_the_final_outcome_within_the_budget() -> None:
    p = np.array([0.9, 0.8, 0.7, 0.2, 0.6, 0.5, 0.1])
    answerable = np.array([True, True, True, True, False, False, False])
    detail = np.ones(len(p), dtype=bool)
    weights = np.ones(len(p))
    assert choose_threshold(p, answerable, detail, weights, budget=0.25) == pytest.approx(0.61)
    assert choose_threshold(p, answerable, detail, weights, budget=0.0) == pytest.approx(0.11)
    # an answerable question whose detail is missing is declined whatever the threshold: it is
    # not charged to the budget, and the threshold still refuses what it can
    missing = np.array([False, True, True, True, True, True, True])
    assert choose_threshold(p, answerable, missing, weights, budget=0.25) == pytest.approx(0.61)


def _sample(
    n: int,
    answerable: bool,
    score: float,
    first: bool = False,
    stated: bool = True,
    corpus: str = "c",
) -> Sample:
    """A question of a set of `corpus` whose every feature reads `score`."""
    return Sample(
        corpus=corpus,
        set=corpus,
        id=str(n),
        type="factual" if answerable else "off_topic",
        answerable=answerable,
        topic=answerable,
        detail_present={f"{share}/{nearest}": stated for share, nearest in EVIDENCE_CHOICES},
        values=dict.fromkeys(FEATURES, score),
        answered_first=first,
    )


def test_a_question_decide_answers_first_is_judged_answered_and_not_fitted() -> None:
    decided = [
        _sample(n, answerable, score)
        for n, (answerable, score) in enumerate(
            [(True, 1.0), (True, 0.9), (True, 0.5), (False, 0.4), (False, 0.1), (False, 0.0)]
        )
    ]
    # what the document is for, asked in words no passage holds: it scores as off topic, and no
    # carried sentence states a purpose; its document's statement of it answers it first
    first = _sample(9, True, 0.0, first=True, stated=False)
    model = train([*decided, first], list(FEATURES), budget=0.0, l2=1.0)
    alone = train(decided, list(FEATURES), budget=0.0, l2=1.0)
    assert (model["weights"], model["bias"]) == (alone["weights"], alone["bias"])
    assert model["threshold"] == alone["threshold"]
    assert DecisionModel(**model).probability(first.values) < model["threshold"]
    assert outcomes([*decided, first], model) == [
        "answered",
        "answered",
        "answered",
        "not_addressed",
        "not_addressed",
        "not_addressed",
        "answered",
    ]
    # left out, its corpus is judged as the product reads it, and so is the best threshold
    left_out = [
        _sample(9, True, 0.0, first=True, stated=False, corpus="d"),
        _sample(10, True, 1.0, corpus="d"),
        _sample(11, False, 0.0, corpus="d"),
    ]
    report = _held_out([*decided, *left_out], "d", list(FEATURES), CalibrationSettings())
    assert (report["false_refusal_rate"], report["refusal_recall"]) == (0.0, 1.0)
    assert report["best_thresholds"] == {
        "refusal_recall_within_budget": 1.0,
        "false_refusals_for_target_recall": 0.0,
    }


def test_best_thresholds_keep_what_is_answered_first_at_any_threshold() -> None:
    p = np.array([np.inf, 0.2, 0.3, 0.9])
    answerable = np.array([False, False, True, True])
    detail = np.ones(len(p), dtype=bool)
    # an unanswerable question answered first stays answered however high the threshold: one of
    # two unanswerable questions answered, 0.85 is out of reach
    assert best_thresholds(p, answerable, detail, 0.05, target_recall=0.85) == {
        "refusal_recall_within_budget": 0.5,
        "false_refusals_for_target_recall": None,
    }
    assert best_thresholds(p, answerable, detail, 0.05, target_recall=0.5) == {
        "refusal_recall_within_budget": 0.5,
        "false_refusals_for_target_recall": 0.0,
    }


def test_the_detail_is_read_on_the_parts_only_when_the_whole_question_states_none() -> None:
    def source(n: int, text: str) -> Source:
        return Source(n, Hit("law", str(n), 1.0), _document("law"), Unit(str(n), text_zh=text))

    stated = "申请人应当在收到决定之日起十五日内提出复核。"
    found = evidence({"复核": 3.0}, (source(1, stated),))
    asked = Asked.of("复核要在多少天内提出？")

    def unread() -> tuple[Part, ...]:
        raise AssertionError("the parts were read")

    carried, stating_ = carried_and_stated(asked, found, {"复核": 3.0}, unread, 1.0, 0)
    assert [e.text for e in carried] == [e.text for e in stating_] == [stated]
    with pytest.raises(AssertionError, match="the parts were read"):
        carried_and_stated(Asked.of("复核的费用是多少？"), found, {"复核": 3.0}, unread, 1.0, 0)


def test_a_question_on_its_documents_purpose_carries_the_statement_of_purpose() -> None:
    def source(n: int, text: str) -> Source:
        return Source(n, Hit("law", str(n), 1.0), _document("law"), Unit(str(n), text_zh=text))

    purpose = "为了规范快递服务，保障用户的合法权益，制定本条例。"
    scope = "本条例适用于在中华人民共和国境内从事快递业务经营。"
    found = evidence({"快递": 2.0, "经营": 2.0}, (source(1, purpose), source(2, scope)))
    asked = Asked.of("这个条例的立法目的是什么？")
    carried, stated = carried_and_stated(asked, found, {}, tuple, 1.0, 0)
    # the words carry the scope; the statement of purpose is carried too, and states what is asked
    assert [e.text for e in carried] == [scope, purpose]
    assert [e.text for e in stated] == [purpose]


def test_stored_models_match_the_features_and_the_fallback_is_embedder_free() -> None:
    data = json.loads((resources.files("rag") / "decision.json").read_text("utf-8"))
    assert data["feature_version"] == FEATURE_VERSION and tuple(data["features"]) == FEATURES
    fallback = decision_model("openai:text-embedding-3-small")
    assert fallback == decision_model("default")
    assert all(fallback.weights[f] == 0.0 for f in FEATURES if f not in LEXICAL)
    assert decision_model("e5+use").weights["top"] != 0.0


def test_stored_models_record_the_settings_they_were_fitted_with() -> None:
    data = json.loads((resources.files("rag") / "decision.json").read_text("utf-8"))
    for model in data["models"].values():
        assert RetrievalSettings(**model["retrieval"]).model_dump() == model["retrieval"]
        assert CalibrationSettings(**model["calibration"]).model_dump() == model["calibration"]


def test_best_thresholds_say_what_any_threshold_could_do_on_the_questions_themselves() -> None:
    p = np.array([0.9, 0.8, 0.3, 0.7, 0.4, 0.2, 0.1])
    answerable = np.array([True, True, True, False, False, False, False])
    detail = np.ones(len(p), dtype=bool)
    # refusing no answerable question answers 0.7 and 0.4 too; refusing those refuses 0.3
    assert best_thresholds(p, answerable, detail, 0.0, target_recall=0.85) == {
        "refusal_recall_within_budget": 0.5,
        "false_refusals_for_target_recall": 0.333,
    }
    # a question whose detail the passages lack is declined whatever the threshold
    missing = np.array([True, True, True, False, True, True, True])
    assert best_thresholds(p, answerable, missing, 0.0, target_recall=1.0) == {
        "refusal_recall_within_budget": 0.75,
        "false_refusals_for_target_recall": 0.333,
    }
    # ... and when that is an answerable question, no threshold keeps within no false refusal
    lacking = np.array([False, True, True, True, True, True, True])
    assert (
        best_thresholds(p, answerable, lacking, 0.0, 0.85)["refusal_recall_within_budget"] is None
    )
    # scores closer than any fixed grid's step are told apart
    close = np.array([1.0, 0.995, 0.994])
    assert best_thresholds(
        close, np.array([True, True, False]), np.ones(3, dtype=bool), 0.0, 1.0
    ) == {
        "refusal_recall_within_budget": 1.0,
        "false_refusals_for_target_recall": 0.0,
    }
    # a certain score (1.0) is refused only by refusing everything
    assert best_thresholds(
        close, np.array([False, True, False]), np.ones(3, dtype=bool), 0.5, 1.0
    ) == {
        "refusal_recall_within_budget": 0.5,
        "false_refusals_for_target_recall": 1.0,
    }


def test_a_model_fitted_on_other_features_is_refused_naming_the_difference() -> None:
    stored = json.loads((resources.files("rag") / "decision.json").read_text("utf-8"))
    assert stored_models(stored) == _models()
    # the features are read by name: their order does not matter
    assert stored_models({**stored, "features": list(reversed(FEATURES))}) == _models()
    older = {**stored, "features": [f for f in FEATURES if f not in ("lead", "lead5")] + ["gap"]}
    with pytest.raises(DecisionModelError) as caught:
        stored_models(older)
    assert str(caught.value) == (
        "rag/decision.json was fitted on other features (without lead, lead5; with gap, which "
        f"the code no longer computes) but the code computes version {FEATURE_VERSION}: refit "
        "with `make refit`"
    )
    with pytest.raises(DecisionModelError) as caught:
        stored_models({**stored, "feature_version": 3})
    assert str(caught.value) == (
        "rag/decision.json was fitted on features version 3 but the code computes version "
        f"{FEATURE_VERSION}: refit with `make refit`"
    )
    unnamed = {k: v for k, v in stored.items() if k != "features"}
    with pytest.raises(DecisionModelError, match=f"version {FEATURE_VERSION}, naming no features,"):
        stored_models(unnamed)
    with pytest.raises(DecisionModelError, match="holds no model"):
        stored_models({**stored, "models": {}})


def test_a_breached_articles_sentences_read_the_rules_fining_the_breach() -> None:
    liability = (
        "违反本法第七条规定的，由监督检查部门责令改正，处一万元以上十万元以下的罚款。"
        "违反本法第八条规定的，处十万元以上五十万元以下的罚款。\n"
        "有下列行为之一的，由监督检查部门处五万元以上五十万元以下的罚款：\n"
        "（一）违反本法第九条规定，拒不提供资料的；\n"
        "（二）违反本法第十条规定，隐匿证据的。"
    )
    unit = Unit("20", text_zh=liability)
    source = Source(1, Hit("law", "20", 1.0), _document("law"), unit)
    referring = _referring_rules((source,))
    # the sentences of its paragraph up to the next breach named: article 7 has its own fine
    assert referring["law", 7, "zh"] == (
        "违反本法第七条规定的，由监督检查部门责令改正，处一万元以上十万元以下的罚款。",
    )
    assert referring["law", 8, "zh"] == ("违反本法第八条规定的，处十万元以上五十万元以下的罚款。",)
    # an item of a list is fined by the sentence introducing it
    lead = "有下列行为之一的，由监督检查部门处五万元以上五十万元以下的罚款："
    assert referring["law", 9, "zh"] == ("（一）违反本法第九条规定，拒不提供资料的；", lead)
    assert referring["law", 10, "zh"] == ("（二）违反本法第十条规定，隐匿证据的。", lead)
    assert set(referring) == {("law", n, "zh") for n in (7, 8, 9, 10)}


def test_a_share_equal_to_the_bound_within_rounding_reaches_it() -> None:
    # four of five equally weighted words, summed in another order than the whole's
    source = Source(1, Hit("law", "1", 1.0), _document("law"), Unit("1", text_zh="四个词。"))
    whole, part = 0.25140073696259624, 0.20112058957007697
    best = Evidence(source, "zh", "五个词", "五个词", whole, standing=whole)
    four = Evidence(source, "zh", "四个词", "四个词", part, standing=part)
    assert 0.8 * best.coverage > four.coverage  # in floating point, a hair above
    assert topic_evidence([best, four], 0.8, 0) == (best, four)


def test_a_questions_words_are_weighed_in_one_order_whatever_the_hash_seed() -> None:
    # summed in the order of a set, the same shares differ in their last bits run after run,
    # and a share on a bound is carried in one run and not the next
    statistics = cast(IndexStatistics, _Coverage())
    question = "I want to set up a charitable trust for scholarships. Who can I pick as trustee?"
    words = list(word_weights(question, statistics))
    assert words == sorted(words)


@pytest.mark.parametrize(
    ("word", "text", "abbreviated"),
    [
        ("停电", "供电企业可以按照国家规定的程序停止供电。", True),
        ("社保", "用人单位应当缴纳社会保险费。", True),
        ("车管所", "车辆管理所应当自受理之日起三日内查验机动车。", True),
        ("总包", "由施工总承包单位先行清偿。", True),
        ("停电", "应当停止，供电企业……", False),  # across punctuation
        ("新证", "换领新的居民身份证。", False),  # too far apart
        ("过户", "办理转移登记。", False),  # another term, not a shortening
        ("电停", "停止供电", False),  # out of order
        ("停", "停止供电", False),  # one character
        ("fee", "f e e", False),  # Chinese only
    ],
)
def test_a_chinese_abbreviation_is_read_in_the_term_it_shortens(
    word: str, text: str, abbreviated: bool
) -> None:
    assert abbreviates(word, text) is abbreviated


def test_an_abbreviation_earns_half_a_word() -> None:
    assert word_credit("停电", "停止供电") == 0.5
    assert word_credit("停电", "停电") == 1.0
    assert word_credit("新证", "换领新的居民身份证") == 0.0
