"""Three outcomes, each kind of detail in both languages: the detail stated → answered; the same
topic without it → not stated, citing the passage on the topic; nothing relevant → not
addressed. On a small bilingual regulation written for the test, through the real embedder,
index and decision model."""

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from ingest.pipeline import ingest_paths
from rag.assistant import Assistant
from rag.embedders import Embedder
from rag.index import Index
from rag.settings import Settings
from rag.types import Outcome
from tests.helpers import shared
from tests.scripted_openai import ScriptedOpenAI

pytestmark = pytest.mark.integration

REGULATIONS = Path(__file__).with_name("data") / "pilotage_regulations.txt"


def _extractive(
    tmp_path_factory: pytest.TempPathFactory, embedder: Embedder, name: str, paths: list[Path]
) -> Iterator[Assistant]:
    """An extractive assistant over the documents, in a home of its own."""
    home = tmp_path_factory.mktemp(name)
    index = Index(Settings(home=home), embedder=embedder)
    ingest_paths(paths, index)
    yield Assistant(index, Settings(home=home), "extractive")
    index.close()


@pytest.fixture(scope="module")
def assistant(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> Iterator[Assistant]:
    yield from _extractive(tmp_path_factory, embedder, "outcomes-home", [REGULATIONS])


@pytest.mark.parametrize(
    ("question", "label"),
    [
        ("How long before arrival must pilotage be applied for?", "2"),
        ("引航申请应当在船舶抵港前多久提出？", "2"),
        ("What is the minimum age of a pilot?", "5"),
        ("引航员的最低年龄是多少岁？", "5"),
        ("Where is the pilot station located?", "6"),
        ("引航站设在哪里？", "6"),
        ("When do these Regulations come into force?", "10"),
        ("本条例何时施行？", "10"),
        ("Who issues practising certificates of pilots?", "3"),
        ("引航员执业证书由谁颁发？", "3"),
        ("Which cities do pilotage services cover?", "8"),
        ("引航服务覆盖哪些城市？", "8"),
        ("What are these Regulations for?", "1"),
        ("本条例的立法目的是什么？", "1"),
        ("What is the purpose of these Regulations?", "1"),
        ("为什么要制定本条例？", "1"),
        ("What fine does a pilot face for not completing practising registration?", "11"),
        ("引航员不办理执业登记，会被罚款多少？", "11"),
        ("Which specific items of equipment must a pilot boat carry?", "12"),
        ("引航船具体应当配备哪些设备？", "12"),
    ],
)
def test_a_stated_detail_is_answered(assistant: Assistant, question: str, label: str) -> None:
    answer = assistant.ask(question)
    assert answer.outcome == Outcome.ANSWERED
    assert not answer.refused
    assert answer.citations[0].label == label
    assert all(c.verified for c in answer.citations)


@pytest.mark.parametrize(
    ("question", "label", "statement"),
    [
        (
            "How long is a pilot's practising certificate valid?",
            "3",
            "The documents address this in Article 3 [1] but do not state the time limit or "
            "duration.",
        ),
        ("引航员执业证书的有效期是多久？", "3", "文件涉及该问题（第3条）[1]，但未规定具体期限。"),
        (
            "How much is the pilotage fee?",
            "4",
            "The documents address this in Article 4 [1] but do not state the number or amount.",
        ),
        ("引航费是多少钱？", "4", "文件涉及该问题（第4条）[1]，但未规定具体数额或数量。"),
        (
            "Where are pilotage disputes arbitrated?",
            "7",
            "The documents address this in Article 7 [1] but do not state the place.",
        ),
        ("引航争议在哪里仲裁？", "7", "文件涉及该问题（第7条）[1]，但未规定具体地点。"),
        (
            "On what date must the pilotage fee be paid?",
            "4",
            "The documents address this in Article 4 [1] but do not state the date or time.",
        ),
        ("引航费应当在哪一天缴纳？", "4", "文件涉及该问题（第4条）[1]，但未规定具体日期或时间。"),
        (
            "Who decides disputes over pilotage?",
            "7",
            "The documents address this in Article 7 [1] but do not state who (which person or "
            "body).",
        ),
        (
            "引航争议由谁裁决？",
            "7",
            "文件涉及该问题（第7条）[1]，但未规定具体由谁（哪个人或机关）。",
        ),
        (
            "Which organisations are responsible for training pilots?",
            "9",
            "The documents address this in Article 9 [1] but do not state which ones (a list).",
        ),
        ("哪些组织负责引航员的培训？", "9", "文件涉及该问题（第9条）[1]，但未规定具体有哪些。"),
        (
            "Which specific documents must accompany an application for pilotage?",
            "2",
            "The documents address this in Article 2 [1] but do not state which ones (a list).",
        ),
        ("引航申请具体要交哪些材料？", "2", "文件涉及该问题（第2条）[1]，但未规定具体有哪些。"),
    ],
)
def test_the_same_topic_without_the_detail_is_not_stated(
    assistant: Assistant, question: str, label: str, statement: str
) -> None:
    answer = assistant.ask(question)
    assert answer.outcome == Outcome.NOT_STATED
    assert answer.refused
    cited = {c.label: c.n for c in answer.citations}
    assert list(cited) == [label]
    lines = answer.answer.split("\n")
    assert lines[0] == statement.replace("[1]", f"[{cited[label]}]")
    assert lines[1] in ("What they say:", "相关规定：")
    assert all(c.verified for c in answer.citations)
    assert answer.to_json()["outcome"] == "not_stated"


@pytest.mark.parametrize(
    ("question", "statement", "stated"),
    [
        (
            "Who issues practising certificates of pilots, and how long are they valid?",
            "The documents address this in Article 3 [#3] but do not state the time limit or "
            "duration (how long are they valid?).",
            "Practising certificates of pilots shall be issued by the Port Authority. [#3]",
        ),
        (
            "引航员执业证书的有效期是多久？由谁颁发？",
            "文件涉及该问题（第3条）[#3]，但未规定具体期限（引航员执业证书的有效期是多久？）。",
            "引航员执业证书由港务局颁发。 [#3]",
        ),
        (  # an open part, given by any sentence on its topic, is not named
            "How long are pilots' practising certificates valid? Can a pilot work without one?",
            "The documents address this in Article 3 [#3] but do not state the time limit or "
            "duration (How long are pilots' practising certificates valid?).",
            "Practising certificates of pilots shall be issued by the Port Authority. [#3]",
        ),
        (
            "What fee is charged for pilotage, and where is the pilot station?",
            "The documents address this in Article 4; Article 6 [#4][#6] but do not state the "
            "number or amount (What fee is charged for pilotage?).",
            "The pilot station is located at the Port of Shanghai. [#6]",
        ),
    ],
)
def test_a_question_asked_in_parts_names_the_part_not_stated_and_quotes_the_others(
    assistant: Assistant, question: str, statement: str, stated: str
) -> None:
    answer = assistant.ask(question)
    assert answer.outcome == Outcome.NOT_STATED
    label = {s.n: s.unit.label for s in answer.sources}
    # each marker read as the label of the article it cites: [#3] cites Article 3
    text = re.sub(r"\[(\d+)\]", lambda m: f"[#{label[int(m[1])]}]", answer.answer)
    lines = text.split("\n")
    assert lines[0] == statement
    assert lines[2] == stated
    assert all(c.verified for c in answer.citations)


@pytest.mark.parametrize(
    ("question", "first_line"),
    [
        (
            "What is the penalty for drunk driving?",
            "The documents provided do not address this question.",
        ),
        ("离婚时夫妻共同财产如何分割？", "所提供的文件未涉及该问题。"),
    ],
)
def test_an_unrelated_question_is_not_addressed(
    assistant: Assistant, question: str, first_line: str
) -> None:
    answer = assistant.ask(question)
    assert answer.outcome == Outcome.NOT_ADDRESSED
    assert answer.answer.split("\n")[0] == first_line
    assert answer.citations == ()
    assert answer.to_json()["outcome"] == "not_addressed"


def _number(assistant: Assistant, question: str, label: str) -> int:
    sources = assistant.retriever.retrieve(question, k=5).sources
    return next(s.n for s in sources if s.unit.label == label)


def test_a_model_answer_without_the_detail_its_passages_lack_becomes_not_stated(
    assistant: Assistant, scripted: ScriptedOpenAI
) -> None:
    question = "How long is a pilot's practising certificate valid?"
    n = _number(assistant, question, "3")
    scripted.replies = [f"ANSWERED: The certificate is valid for five years [{n}]."]
    llm = Assistant(assistant.index, Settings(home=assistant.index.home), "llm")
    answer = llm.ask(question)
    assert len(scripted.requests) == 1
    assert answer.outcome == Outcome.NOT_STATED
    assert answer.notes == (
        "The model's answer was withheld: none of the passages it cited states the time limit "
        "or duration.",
    )
    assert "five years" not in answer.answer
    assert answer.answer.startswith(f"The documents address this in Article 3 [{n}]")


def test_a_model_answer_citing_the_wrong_passage_gives_way_to_the_one_that_states_it(
    assistant: Assistant, scripted: ScriptedOpenAI
) -> None:
    question = "How long before arrival must pilotage be applied for?"
    fees = _number(assistant, question, "4")  # retrieved, but about fees: no time limit
    scripted.replies = [f"ANSWERED: Pilotage must be applied for in good time [{fees}]."]
    llm = Assistant(assistant.index, Settings(home=assistant.index.home), "llm")
    answer = llm.ask(question)
    assert answer.outcome == Outcome.ANSWERED
    assert answer.notes == (
        "The model's answer cited no passage that states the time limit or duration, so the "
        "passages that state it are quoted instead.",
    )
    assert "24 hours before the ship arrives" in answer.answer
    assert [c.label for c in answer.citations] == ["2"]


def test_a_model_saying_not_stated_is_kept_with_its_passages(
    assistant: Assistant, scripted: ScriptedOpenAI
) -> None:
    question = "What is the minimum age of a pilot?"
    n = _number(assistant, question, "5")
    reply = f"The Regulations set a minimum age [{n}] but say nothing of a maximum [{n}]."
    scripted.replies = [f"NOT STATED: {reply}"]
    tokens: list[str] = []
    llm = Assistant(assistant.index, Settings(home=assistant.index.home), "llm")
    answer = llm.ask(question, on_token=tokens.append)
    assert (answer.outcome, answer.answer) == (Outcome.NOT_STATED, reply)
    assert "".join(tokens) == reply  # the tag is not streamed
    assert [c.label for c in answer.citations] == ["5"]
    scripted.replies = ["NOT ADDRESSED: The documents provided do not address this question."]
    declined = Assistant(assistant.index, Settings(home=assistant.index.home), "llm").ask(question)
    assert declined.outcome == Outcome.NOT_ADDRESSED
    assert declined.answer.startswith("The documents provided do not address this question.")


@pytest.mark.parametrize(
    ("question", "quote"),
    [
        (
            "引航员不办理执业登记，会被罚款多少？",
            "引航员未按规定办理执业登记的，由港务局责令限期办理；逾期不办理的，处二千元罚款。",
        ),
        (
            "What fine does a pilot face for not completing practising registration?",
            "Where a pilot fails to complete practising registration as required, the Port "
            "Authority shall order him to complete it within a time limit; if he fails to do so, "
            "a fine of 2,000 yuan shall be imposed.",
        ),
    ],
)
def test_an_order_is_quoted_with_its_sanction(
    assistant: Assistant, question: str, quote: str
) -> None:
    answer = assistant.ask(question)
    n = next(c.n for c in answer.citations if c.label == "11")
    assert answer.answer.split("\n")[1:] == [f"{quote} [{n}]"]


@pytest.fixture(scope="module")
def conflicts_law(
    tmp_path_factory: pytest.TempPathFactory, embedder: Embedder
) -> Iterator[Assistant]:
    """A real statute of 52 articles whose title's words are in nearly every one of them."""
    law = shared("lawrefbook/民法商法/涉外民事关系法律适用法(2010-10-28).md")
    yield from _extractive(tmp_path_factory, embedder, "conflicts-home", [law])


@pytest.mark.parametrize(
    "question",
    ["涉外民事关系法律适用法是从哪一天开始施行的？", "这部法律什么时候开始施行？"],
)
def test_when_a_document_takes_effect_is_answered_by_its_commencement_clause(
    conflicts_law: Assistant, question: str
) -> None:
    answer = conflicts_law.ask(question)
    assert answer.outcome == Outcome.ANSWERED
    assert answer.citations[0].label == "52"
    assert "本法自2011年4月1日起施行" in answer.answer


@pytest.fixture(scope="module")
def wages_and_trusts(
    tmp_path_factory: pytest.TempPathFactory, embedder: Embedder
) -> Iterator[Assistant]:
    """Two real documents whose details stand outside the sentence on the topic: a regulation's
    fines in the sentence introducing a list of acts, a statute's time limit in a later paragraph
    referring back to the first."""
    documents = [
        shared("lawrefbook/行政法规/保障农民工工资支付条例(2019-12-30).md"),
        shared("lawrefbook/民法商法/信托法(2001-04-28).md"),
    ]
    yield from _extractive(tmp_path_factory, embedder, "context-home", documents)


@pytest.mark.parametrize(
    ("question", "label", "quoted"),
    [
        # the fine is stated before the lead-in of the list the act is an item of
        (
            "施工总承包单位未按规定开设农民工工资专用账户，逾期不改正的，罚款多少？",
            "55",
            "并处5万元以上10万元以下的罚款",
        ),
        # the time limit is stated in the third paragraph, of the right the first one gives
        (
            "委托人设立信托损害债权人利益的，债权人应当在多长时间内申请撤销该信托？",
            "12",
            "一年内不行使的，归于消灭",
        ),
    ],
)
def test_a_detail_stated_in_the_context_of_the_rule_is_answered(
    wages_and_trusts: Assistant, question: str, label: str, quoted: str
) -> None:
    answer = wages_and_trusts.ask(question)
    assert answer.outcome == Outcome.ANSWERED
    # quoted from the article asked about (another article states the same fine)
    n = next(c.n for c in answer.citations if c.label == label)
    assert any(quoted in line and line.endswith(f"[{n}]") for line in answer.answer.split("\n"))


def test_a_fine_shared_by_a_list_does_not_answer_another_detail_of_an_item(
    wages_and_trusts: Assistant,
) -> None:
    # 第五十七条（一）建设单位未依法提供工程款支付担保: the list's fine is no share of the price
    answer = wages_and_trusts.ask(
        "建设单位提供的工程款支付担保，担保金额应当占合同价款的多少比例？"
    )
    assert answer.outcome == Outcome.NOT_STATED


@pytest.fixture(scope="module")
def competition_law(
    tmp_path_factory: pytest.TempPathFactory, embedder: Embedder
) -> Iterator[Assistant]:
    """A real statute that states its duties in one chapter and the fines for breaching them in
    its chapter on legal liability, each naming the duty's article (违反本法第七条规定……)."""
    law = shared("lawrefbook/经济法/反不正当竞争法(2019-04-23).md")
    yield from _extractive(tmp_path_factory, embedder, "competition-home", [law])


@pytest.mark.parametrize(
    "question",
    [
        "经营者贿赂交易相对方的工作人员，会被罚多少钱？",
        "What fine can a business operator face for bribing a counterparty's staff to win a deal?",
    ],
)
def test_the_fine_for_breaching_a_duty_is_answered_from_the_article_naming_it(
    competition_law: Assistant, question: str
) -> None:
    # 第七条 forbids bribes; 第十九条 fines 经营者违反本法第七条规定贿赂他人的
    answer = competition_law.ask(question)
    assert answer.outcome == Outcome.ANSWERED
    assert [c.label for c in answer.citations] == ["19"]
    assert "处十万元以上三百万元以下的罚款" in answer.answer


@pytest.mark.parametrize(
    "question",
    [
        # the article sanctioning the bribe states a fine, not a period
        "经营者贿赂他人被查处后，多长时间内不得再参加投标？",
        # nor the share a discount may be
        "经营者向交易相对方支付折扣，最高可以给多少比例？",
        # nor the most a commission may be: a fine is no cap on what a duty allows
        "经营者向中间人支付佣金，最多能付多少钱？",
    ],
)
def test_another_detail_of_a_sanctioned_duty_is_not_stated(
    competition_law: Assistant, question: str
) -> None:
    assert competition_law.ask(question).outcome == Outcome.NOT_STATED


@pytest.fixture(scope="module")
def auction_rules(
    tmp_path_factory: pytest.TempPathFactory, embedder: Embedder
) -> Iterator[Assistant]:
    """A real judicial interpretation whose article on bidding states how long the bidding lasts
    (不少于二十四小时) beside what the last five minutes' bids do (最后出价即为成交价)."""
    rules = shared(
        "lawrefbook/司法解释/最高人民法院关于人民法院网络司法拍卖若干问题的规定(2016-08-02).md"
    )
    yield from _extractive(tmp_path_factory, embedder, "auction-home", [rules])


def test_how_long_a_thing_lasts_is_not_anchored_on_the_verb_last(auction_rules: Assistant) -> None:
    # "last" once anchored the sentence on the last five minutes' bids (最后出价), not the period
    answer = auction_rules.ask(
        "How long must the bidding period of an online court auction last, and what happens if "
        "someone places a bid in the last few minutes?"
    )
    assert answer.outcome == Outcome.ANSWERED
    assert answer.citations[0].label == "20"
    assert "网络司法拍卖的竞价时间应当不少于二十四小时" in answer.answer


def test_each_part_is_stated_by_its_own_sentence_and_quoted(auction_rules: Assistant) -> None:
    # the period is in the article's second sentence, which holds 流拍 but not the 出价 and
    # 起拍价 the question named before it; the cut is in its last
    answer = auction_rules.ask(
        "网络司法拍卖因为没人出价流拍了，下一次拍卖的起拍价最多能降低多少？多长时间内必须重新拍？"
    )
    assert answer.outcome == Outcome.ANSWERED
    assert {c.label for c in answer.citations} == {"26"}
    assert "流拍后应当在三十日内在同一网络司法拍卖平台再次拍卖" in answer.answer
    assert "再次拍卖的起拍价降价幅度不得超过前次起拍价的百分之二十" in answer.answer


@pytest.fixture(scope="module")
def identity_card_law(
    tmp_path_factory: pytest.TempPathFactory, embedder: Embedder
) -> Iterator[Assistant]:
    """A real law whose article 16 fines (二百元以下罚款) the acts its list names, none of them a
    bank's refusing an identity card, which its article on proof of identity forbids."""
    law = shared("lawrefbook/宪法相关法/居民身份证法(2011-10-29).md")
    yield from _extractive(tmp_path_factory, embedder, "identity-card-home", [law])


def test_a_fine_asked_is_anchored_on_the_act_not_the_fine(identity_card_law: Assistant) -> None:
    # "fine" once anchored the introduction of the list fining other acts, and answered
    refused = identity_card_law.ask(
        "A bank teller refused to accept my colleague's resident ID card as proof of identity. "
        "What fine can the bank be given for that?"
    )
    assert refused.outcome == Outcome.NOT_STATED
    fraud = identity_card_law.ask("使用虚假证明材料骗领居民身份证的，会被罚款多少？")
    assert fraud.outcome == Outcome.ANSWERED
    assert fraud.citations[0].label == "16"
    assert "二百元以下罚款" in fraud.answer
