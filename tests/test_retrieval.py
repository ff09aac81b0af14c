"""Hybrid retrieval on real documents, with the real embedder and index."""

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from eval.pipelines import LawqaPipeline
from ingest.pipeline import ingest_paths
from rag.assistant import Assistant
from rag.decision import features
from rag.embedders import Embedder
from rag.index import Index
from rag.retrieval import Retriever, ScoredList, in_force, zscore_fusion
from rag.settings import RetrievalSettings, Settings, SettingsError
from rag.types import Document, DocumentMeta, Lang, Outcome
from tests.helpers import SAMPLE, shared

SAMPLE_TITLE = "最高人民法院关于人民法院服务保障进一步扩大对外开放的指导意见"
# A law on the sample's topic (arbitration) that says it is no longer in force.
REPEALED = (
    "# 示范仲裁条例\n\n时效性：已被废止\n\n第一条 当事人可以约定将合同纠纷提交仲裁。\n\n"
    "第二条 仲裁裁决是终局的，当事人不得再就同一纠纷提起诉讼。\n"
)
RETRIEVAL = RetrievalSettings()


def test_zscore_fusion_sums_standardised_scores_and_gives_a_missing_unit_the_lists_lowest() -> None:
    a, b, c = ("d", "1"), ("d", "2"), ("d", "3")
    # dense: mean 0.6, std 0.2 → a +1, b -1; BM25: mean 5, std 3 → b +1, c -1 (a missing: -1).
    fused = zscore_fusion(
        [
            ScoredList({a: 0.8, b: 0.4}, 1.0),
            ScoredList({b: 8.0, c: 2.0}, 0.5),
            ScoredList({c: 1.0}, 0.0),
        ]
    )
    assert fused == pytest.approx({a: 1 - 0.5, b: -1 + 0.5, c: -1 - 0.5})
    # One candidate, or all equal: z 0, no division by zero, nothing added.
    assert zscore_fusion([ScoredList({a: 0.3}, 1.0), ScoredList({a: 2.0, b: 2.0}, 1.0)]) == {
        a: 0.0,
        b: 0.0,
    }


def test_units_a_named_search_adds_are_scored_on_the_lists_own_scale() -> None:
    a, b, c = ("d", "1"), ("d", "2"), ("e", "9")
    alone = zscore_fusion([ScoredList({a: 0.8, b: 0.4}, 1.0)])
    # c, found only by a search within its document, is standardised with a and b's mean and
    # spread (0.6, 0.2), and changes neither of theirs; a unit already listed keeps its score
    fused = zscore_fusion([ScoredList({a: 0.8, b: 0.4}, 1.0, {c: 0.5, a: 0.8})])
    assert fused == pytest.approx({**alone, c: -0.5})
    # BM25 within a named law scores below every candidate of the library's list, but a unit
    # it matched still stands above one it did not (which gets the lowest of both)
    x, y, w = ("law", "5"), ("law", "6"), ("law", "7")
    keyword = ScoredList({a: 10.0, b: 8.0, c: 6.0}, 1.0, {x: 5.9, w: 2.0})
    fused = zscore_fusion([keyword, ScoredList({x: 0.5, y: 0.5, w: 0.5, a: 0.9}, 1.0)])
    assert fused[x] > fused[y] == pytest.approx(fused[w])


@pytest.mark.parametrize(
    ("validity_zh", "validity_en", "expected"),
    [
        ("有效", "Valid", True),
        ("", "", True),  # unknown counts as in force
        ("已被废止", "", False),
        ("失效", "", False),
        ("", "Repealed", False),
        ("", "no longer valid", False),
    ],
)
def test_in_force(validity_zh: str, validity_en: str, expected: bool) -> None:
    meta = DocumentMeta(validity_zh=validity_zh, validity_en=validity_en)
    assert in_force(Document("d", meta, (), "law.md", "hash")) is expected


@pytest.fixture(scope="module")
def sample_index(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> Iterator[Index]:
    index = Index(Settings(home=tmp_path_factory.mktemp("sample-home")), embedder=embedder)
    ingest_paths([SAMPLE], index)
    yield index
    index.close()


@pytest.mark.integration
@pytest.mark.parametrize(
    ("item", "question"),
    [
        ("4", "Can the parties choose the court and the law that govern their dispute?"),
        ("4", "当事人可以选择管辖法院和适用的法律吗？"),
        ("6", "How should courts ascertain and apply foreign law?"),
        ("6", "法院应当如何查明和适用外国法律？"),
        (
            "9",
            "Can overseas arbitration institutions set up offices to accept international "
            "arbitration cases?",
        ),
        ("9", "境外仲裁机构可以设立业务机构受理国际仲裁案件吗？"),
        ("11", "What about punitive damages for intellectual property infringement?"),
        ("11", "知识产权侵权的惩罚性赔偿制度如何落实？"),
        ("15", "How are foreign judgments recognized and enforced?"),
        ("15", "如何承认和执行外国法院的民商事判决？"),
        # phrased like the Chinese (中欧班列), not like the translation ("freight trains")
        ("7", "What does the opinion say about the China-Europe Railway Express?"),
    ],
)
def test_right_item_first(sample_index: Index, item: str, question: str) -> None:
    retrieval = Retriever(sample_index, RETRIEVAL).retrieve(question, k=5)
    assert retrieval.sources[0].unit.label == item
    assert [s.n for s in retrieval.sources] == [1, 2, 3, 4, 5]


@pytest.mark.integration
def test_the_leads_the_decision_reads_do_not_depend_on_how_many_sources_are_asked_for(
    sample_index: Index,
) -> None:
    retriever = Retriever(sample_index, RETRIEVAL)
    question = "What about punitive damages for intellectual property infringement?"
    found = [retriever.retrieve(question, k=k) for k in (1, 3, 5)]
    assert [len(r.sources) for r in found] == [1, 3, 5]
    assert found[0].leads == found[1].leads == found[2].leads
    assert len(found[0].leads) == 5
    assert list(found[0].leads) == sorted(found[0].leads, reverse=True)
    values = [features(question, r, sample_index)[0] for r in found]
    assert values[0]["lead"] == values[2]["lead"] > 0
    assert values[0]["lead5"] == values[1]["lead5"] == values[2]["lead5"] >= values[2]["lead"]


@pytest.mark.integration
def test_traditional_question_is_normalised(sample_index: Index) -> None:
    retrieval = Retriever(sample_index, RETRIEVAL).retrieve(
        "如何承認和執行外國法院的民商事判決？", k=3
    )
    assert retrieval.language == "zh"
    assert retrieval.sources[0].unit.label == "15"


@pytest.mark.integration
def test_document_filter(sample_index: Index) -> None:
    retriever = Retriever(sample_index, RETRIEVAL)
    (document,) = sample_index.documents()
    assert retriever.retrieve("仲裁", k=3, doc_ids=["nope"]).sources == ()
    assert len(retriever.retrieve("仲裁", k=3, doc_ids=[document.doc_id]).sources) == 3


@pytest.mark.integration
def test_valid_only_leaves_out_a_repealed_law(tmp_path: Path, embedder: Embedder) -> None:
    repealed = tmp_path / "示范仲裁条例.md"
    repealed.write_text(REPEALED, encoding="utf-8")
    index = Index(Settings(home=tmp_path / "home"), embedder=embedder)
    assert ingest_paths([SAMPLE, repealed], index).errors == []
    retriever = Retriever(index, RETRIEVAL)
    everything = retriever.retrieve("当事人可以约定仲裁吗？", k=5)
    in_force_only = retriever.retrieve("当事人可以约定仲裁吗？", k=5, valid_only=True)
    index.close()
    assert [s.document.title for s in everything.sources][:2] == ["示范仲裁条例"] * 2
    assert [s.document.title for s in in_force_only.sources] == [SAMPLE_TITLE] * 5


# Two articles on registration: the first names it often, only the second states a time limit.
REGISTRATION = (
    "# 示范登记条例\n\n"
    "第一条 申请登记的，申请人应当向登记机关提交登记申请书；登记机关应当依法审查登记申请，"
    "对登记申请作出是否准予登记的决定。\n\n"
    "第二条 登记机关应当自受理之日起二十日内作出决定。\n\n"
    "第三条 登记事项发生变更的，应当办理变更登记。\n"
)


@pytest.mark.integration
def test_an_unset_keyword_weight_is_the_embedders_own(
    tmp_path: Path, embedder: Embedder, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LAWQA_RETRIEVAL__KEYWORD_WEIGHT", "")  # as .env.example leaves it
    default = Settings(home=tmp_path / "default")
    assert default.retrieval.keyword_weight is None
    use = Settings(home=tmp_path / "use", embedder="use")
    default_index, use_index = Index(default, embedder=embedder), Index(use)
    try:
        assert Retriever(default_index, default.retrieval).keyword_weight == 0.25  # e5+use
        assert Retriever(use_index, use.retrieval).keyword_weight == 0.5
        chosen = use.retrieval.model_copy(update={"keyword_weight": 2.0})
        assert Retriever(use_index, chosen).keyword_weight == 2.0
        # what an evaluation or a fitted model records is the weight that ran
        assert use.recorded()["retrieval"]["keyword_weight"] == 0.5
        assert use.environment()["LAWQA_RETRIEVAL__KEYWORD_WEIGHT"] == "0.5"
    finally:
        default_index.close()
        use_index.close()


@pytest.mark.integration
def test_a_unit_that_states_the_kind_of_detail_asked_moves_up(
    tmp_path: Path, embedder: Embedder
) -> None:
    law = tmp_path / "示范登记条例.md"
    law.write_text(REGISTRATION, encoding="utf-8")
    index = Index(Settings(home=tmp_path / "home"), embedder=embedder)
    assert ingest_paths([law], index).errors == []

    def first(question: str, kind_weight: float) -> str:
        settings = RETRIEVAL.model_copy(update={"kind_weight": kind_weight})
        retriever = Retriever(index, settings, use_dense=False)
        return retriever.retrieve(question, k=3).sources[0].unit.label

    asked = "登记机关审查登记申请，要在几天内作出决定？"
    open_question = "登记机关怎样审查登记申请？"
    try:
        assert first(asked, 0.0) == "1"  # by keywords alone, the article that names them most
        assert first(asked, 10.0) == "2"  # the one that states a number of days
        assert first(open_question, 0.0) == first(open_question, 10.0) == "1"  # asks no detail
    finally:
        index.close()


@pytest.fixture(scope="module")
def statute_index(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> Iterator[Index]:
    index = Index(Settings(home=tmp_path_factory.mktemp("statute-home")), embedder=embedder)
    report = ingest_paths(
        [
            shared("lawrefbook/社会法/劳动合同法(2012-12-28).md"),
            shared("lawrefbook/民法商法/消费者权益保护法(2013-10-25).md"),
            SAMPLE,
        ],
        index,
    )
    assert report.errors == []
    yield index
    index.close()


@pytest.mark.integration
@pytest.mark.parametrize(
    ("law", "article", "question"),
    [
        (
            "劳动合同法",
            "19",
            "How long can the probation period be for a labor contract of one to three years?",
        ),
        (
            "劳动合同法",
            "82",
            "What must an employer pay if it has not signed a written labor contract "
            "more than one month after the employee started work?",
        ),
        (
            "消费者权益保护法",
            "25",
            "Can I return goods bought online within seven days without giving a reason?",
        ),
    ],
)
def test_english_question_finds_chinese_only_statute(
    statute_index: Index, law: str, article: str, question: str
) -> None:
    retrieval = Retriever(statute_index, RETRIEVAL).retrieve(question, k=3)
    found = [(s.document.title, s.unit.label) for s in retrieval.sources]
    assert (f"中华人民共和国{law}", article) in found
    assert retrieval.language == "en"


@pytest.fixture(scope="module")
def labour_index(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> Iterator[Index]:
    """Two laws with rules on one topic: 劳动法 and 劳动合同法 both limit probation."""
    index = Index(Settings(home=tmp_path_factory.mktemp("labour-home")), embedder=embedder)
    laws = ["劳动法(2018-12-29).md", "劳动合同法(2012-12-28).md"]
    assert ingest_paths([shared(f"lawrefbook/社会法/{law}") for law in laws], index).errors == []
    yield index
    index.close()


@pytest.mark.integration
def test_a_named_law_is_searched_first(labour_index: Index) -> None:
    def first(
        question: str, name_weight: float, doc_ids: list[str] | None = None
    ) -> tuple[str, str]:
        settings = RETRIEVAL.model_copy(update={"name_weight": name_weight})
        retrieval = Retriever(labour_index, settings).retrieve(question, k=1, doc_ids=doc_ids)
        return retrieval.sources[0].document.title, retrieval.sources[0].unit.label

    labour, contract = ("中华人民共和国劳动法", "21"), ("中华人民共和国劳动合同法", "19")
    assert first("试用期最长多久？", RETRIEVAL.name_weight) == labour
    for named in ("《劳动合同法》规定试用期最长多久？", "根据劳动合同法，试用期最长多久？"):
        assert first(named, RETRIEVAL.name_weight) == contract
        assert first(named, 0.0) == labour  # the name's words alone do not do it
    # a named document the question may not search is not searched
    labour_id = next(d.doc_id for d in labour_index.documents() if d.title == labour[0])
    retriever = Retriever(labour_index, RETRIEVAL)
    restricted = retriever.retrieve("《劳动合同法》规定试用期最长多久？", k=1, doc_ids=[labour_id])
    assert restricted.named == ()
    assert [labour_index.catalog()[d].title for d in restricted.not_searched] == [contract[0]]
    assert retriever.retrieve("《劳动合同法》规定试用期最长多久？", k=1).named != ()


@pytest.mark.integration
def test_the_leads_are_the_library_s_own_whether_or_not_a_law_is_named(
    labour_index: Index,
) -> None:
    question = "《劳动合同法》规定试用期最长多久？"
    named = Retriever(labour_index, RETRIEVAL).retrieve(question, k=5)
    unnamed = Retriever(labour_index, RETRIEVAL.model_copy(update={"name_weight": 0.0}))
    plain = unnamed.retrieve(question, k=5)
    assert named.named != () and plain.named == ()
    assert named.sources[0].document.title == "中华人民共和国劳动合同法"
    assert named.leads == plain.leads  # neither the search within it nor its bonus counts


@pytest.mark.integration
def test_the_answer_says_which_named_documents_were_searched_first(labour_index: Index) -> None:
    assistant = Assistant(labour_index, Settings(home=labour_index.home), "extractive")
    answer = assistant.ask("《劳动合同法》规定试用期最长多久？")
    assert answer.notes == ("优先检索：《中华人民共和国劳动合同法》。",)
    assert answer.to_json()["notes"] == list(answer.notes)
    question = "根据《民法典》和《劳动法》，试用期最长多久？"
    assert assistant.ask(question).notes == (
        "优先检索：《中华人民共和国劳动法》。",
        "文库中没有《民法典》。",
    )
    assert assistant.ask(question, language="en").notes == (
        "Searched first in: 《中华人民共和国劳动法》.",
        "The library has no document titled 《民法典》.",
    )
    assert assistant.ask("试用期最长多久？").notes == ()
    # an English name of a law the library has in Chinese only
    english = assistant.ask("Under the Labor Contract Law, how long may probation last?")
    assert english.notes == ("Searched first in: 《中华人民共和国劳动合同法》.",)
    assert english.sources[0].document.title == "中华人民共和国劳动合同法"
    labour_id = next(d.doc_id for d in labour_index.documents() if d.title.endswith("劳动法"))
    restricted = assistant.ask("《劳动合同法》规定试用期最长多久？", doc_ids=[labour_id])
    assert restricted.notes == ("不在本次检索的文件范围内：《中华人民共和国劳动合同法》。",)


@pytest.mark.integration
def test_a_question_on_what_a_law_is_for_finds_its_statement_of_purpose(
    labour_index: Index,
) -> None:
    retriever = Retriever(labour_index, RETRIEVAL)
    plain = Retriever(labour_index, RETRIEVAL.model_copy(update={"kind_weight": 0.0}))
    for question, law in (
        ("劳动合同法设立的初衷是什么？", "中华人民共和国劳动合同法"),
        ("《劳动法》为什么要制定？", "中华人民共和国劳动法"),
    ):
        first = retriever.retrieve(question, k=1).sources[0]
        assert (first.document.title, first.unit.label) == (law, "1")
        assert first.unit.text_zh.startswith("为了") and "制定本法" in first.unit.text_zh
    # found by what it is, not by the question's words, which are nowhere in it
    assert plain.retrieve("劳动合同法设立的初衷是什么？", k=1).sources[0].unit.label != "1"
    assistant = Assistant(labour_index, Settings(home=labour_index.home), "extractive")
    answer = assistant.ask("劳动合同法设立的初衷是什么？")
    assert answer.outcome == Outcome.ANSWERED
    assert answer.answer.split("\n")[1].startswith("为了完善劳动合同制度")
    assert [(c.label, c.verified) for c in answer.citations] == [("1", True)]


@pytest.mark.integration
def test_the_exact_search_in_a_document_agrees_with_the_vector_index(labour_index: Index) -> None:
    contract = next(d for d in labour_index.documents() if d.title.endswith("劳动合同法"))
    vector = labour_index.embedder.embed_query("试用期最长多久？")
    within = {h.record_id: h for h in labour_index.chunks_within("zh", vector, [contract.doc_id])}
    assert len(within) == labour_index.counts(contract.doc_id).chunks
    searched = labour_index.search_chunks("zh", vector, 5, [contract.doc_id])
    nearest = sorted(within.values(), key=lambda h: -h.similarity)[:5]
    assert [h.record_id for h in searched] == [h.record_id for h in nearest]
    for hit in searched:
        found = within[hit.record_id]
        assert found.similarity == pytest.approx(hit.similarity, abs=1e-5)
        assert (found.doc_id, found.label) == (hit.doc_id, hit.label)


@pytest.mark.integration
def test_an_english_question_searches_chinese_keywords_through_the_dictionary(
    statute_index: Index,
) -> None:
    question = "Can an employer force employees to work overtime?"
    keywords = Retriever(statute_index, RETRIEVAL, use_dense=False)
    found = [(s.document.title, s.unit.label) for s in keywords.retrieve(question, k=3).sources]
    assert found[0] == ("中华人民共和国劳动合同法", "31")  # 用人单位…不得强迫或者变相强迫劳动者加班
    unbridged = Retriever(statute_index, RETRIEVAL.model_copy(update={"bridge_terms": 0}), False)
    titles = {s.document.title for s in unbridged.retrieve(question, k=10).sources}
    assert titles == {SAMPLE_TITLE}  # the English words alone reach only the bilingual sample


def test_a_british_spelling_finds_what_the_american_translation_says(sample_index: Index) -> None:
    keywords = Retriever(sample_index, RETRIEVAL, use_dense=False)
    british = keywords.retrieve("cooperation with the World Trade Organisation", k=3)
    american = keywords.retrieve("cooperation with the World Trade Organization", k=3)
    assert [s.unit.label for s in british.sources] == [s.unit.label for s in american.sources]
    assert british.sources[0].unit.label == "16"
    # the British word alone: found only through its American spelling
    alone = [s.unit.label for s in keywords.retrieve("organisations", k=3).sources]
    assert alone == [s.unit.label for s in keywords.retrieve("organizations", k=3).sources]
    assert alone


@pytest.mark.integration
def test_english_question_on_a_chinese_only_statute_is_answered_not_refused(
    statute_index: Index,
) -> None:
    assistant = Assistant(statute_index, Settings(home=statute_index.home), "extractive")
    answer = assistant.ask(
        "Can I return goods bought online within seven days without giving a reason?"
    )
    assert not answer.refused
    cited = {(c.doc_title, c.label) for c in answer.citations}
    assert ("中华人民共和国消费者权益保护法", "25") in cited
    assert assistant.ask("What is the penalty for drunk driving?").refused


@pytest.mark.integration
def test_settings_from_the_environment_reach_the_retriever(
    sample_index: Index, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The list weights, set in the environment, decide which lists rank the sources: dense
    chunks alone give the dense order; BM25 alone gives only units BM25 found, its first first."""
    question = "海关监管和对外贸易的行政案件如何审理？"
    monkeypatch.setenv("LAWQA_RETRIEVAL__KEYWORD_WEIGHT", "0")
    monkeypatch.setenv("LAWQA_RETRIEVAL__SENTENCE_WEIGHT", "0")
    settings = Settings(home=sample_index.home)
    assert (settings.retrieval.keyword_weight, settings.retrieval.sentence_weight) == (0.0, 0.0)
    dense = Assistant(sample_index, settings, "extractive").retriever.retrieve(question, k=3)
    assert [s.hit.dense_rank for s in dense.sources] == [1, 2, 3]
    monkeypatch.setenv("LAWQA_RETRIEVAL__KEYWORD_WEIGHT", "1")
    monkeypatch.setenv("LAWQA_RETRIEVAL__DENSE_WEIGHT", "0")
    settings = Settings(home=sample_index.home)
    keywords = Assistant(sample_index, settings, "extractive").retriever.retrieve(question, k=3)
    ranks = [s.hit.keyword_rank for s in keywords.sources]
    assert ranks[0] == 1 and all(rank > 0 for rank in ranks)
    assert [s.hit.label for s in keywords.sources] != [s.hit.label for s in dense.sources]


@pytest.mark.integration
def test_the_retriever_checks_its_settings_and_the_number_of_sources(sample_index: Index) -> None:
    negative = RETRIEVAL.model_copy(update={"keyword_weight": -0.5})
    with pytest.raises(SettingsError) as raised:
        Retriever(sample_index, negative)
    assert str(raised.value) == (
        "invalid setting: retrieval.keyword_weight = -0.5: Input should be greater than or "
        "equal to 0 (LAWQA_RETRIEVAL__KEYWORD_WEIGHT)"
    )
    with pytest.raises(
        SettingsError, match=r"retrieval\.candidates = 0: .*LAWQA_RETRIEVAL__CANDIDATES"
    ):
        Retriever(sample_index, RETRIEVAL.model_copy(update={"candidates": 0}))
    with pytest.raises(ValueError, match="must be at least 1, not 0"):
        Retriever(sample_index, RETRIEVAL).retrieve("仲裁", k=0)


@pytest.mark.integration
def test_ask_and_eval_rank_a_question_alike(
    statute_index: Index, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`lawqa ask --k 5` and `lawqa eval` (which ranks 100 units, for recall@100) search lists
    of the same depth, so the five sources ask gives are eval's first five, scores and all."""
    depths: list[int] = []
    search = statute_index.search_chunks

    def counted(lang: Lang, vector: np.ndarray, k: int, doc_ids: list[str] | None = None) -> Any:
        depths.append(k)
        return search(lang, vector, k, doc_ids)

    monkeypatch.setattr(statute_index, "search_chunks", counted)
    assistant = Assistant(statute_index, Settings(home=statute_index.home), "extractive")
    question = "What must an employer pay if it has not signed a written labor contract?"
    asked = assistant.ask(question, k=5)
    evaluated = LawqaPipeline(assistant, k=10).run(question)
    assert [[(s.hit.doc_id, s.hit.label)] for s in asked.sources] == evaluated.ranking[:5]
    assert [s.hit.score for s in asked.sources] == evaluated.scores[:5]
    assert set(depths) == {RETRIEVAL.candidates}


@pytest.mark.integration
def test_the_article_fining_the_breach_of_a_duty_follows_the_duty_when_a_sanction_is_asked(
    tmp_path: Path, embedder: Embedder
) -> None:
    index = Index(Settings(home=tmp_path / "home"), embedder=embedder)
    law = shared("lawrefbook/经济法/反不正当竞争法(2019-04-23).md")
    assert ingest_paths([law], index).errors == []

    def first(question: str, kind_weight: float) -> list[str]:
        settings = RETRIEVAL.model_copy(update={"kind_weight": kind_weight})
        return [s.unit.label for s in Retriever(index, settings).retrieve(question, k=5).sources]

    # 第七条 forbids bribes; 第十九条: 经营者违反本法第七条规定贿赂他人的，……处……罚款
    fine = "What fine can a business operator face for bribing a counterparty's staff?"
    try:
        assert "19" not in first(fine, 0.0)  # its words are the duty's, in 第七条
        assert first(fine, RETRIEVAL.kind_weight)[:2] == ["19", "7"]
        # a question asking no sanction is not led to it
        assert first("经营者贿赂交易相对方的工作人员，违法吗？", RETRIEVAL.kind_weight)[0] == "7"
    finally:
        index.close()
