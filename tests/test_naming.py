"""Which documents a question names."""

import pytest

from rag.naming import Titles
from rag.types import Document, DocumentMeta


def _document(doc_id: str, title_zh: str = "", title_en: str = "") -> Document:
    return Document(doc_id, DocumentMeta(title_zh=title_zh, title_en=title_en), (), "x.md", "h")


LIBRARY = {
    d.doc_id: d
    for d in (
        _document("labor", "中华人民共和国劳动法"),
        _document("contract", "中华人民共和国劳动合同法"),
        _document("contract-2007", "中华人民共和国劳动合同法"),
        _document("insurance", "中华人民共和国保险法"),
        _document("contract-law", "中华人民共和国合同法"),
        _document("interpretation", "最高人民法院关于适用《中华人民共和国民事诉讼法》的解释"),
        _document("civil-procedure", "中华人民共和国民事诉讼法"),
        _document("short", "应用"),
        _document("criminal", "中华人民共和国刑法"),
        _document("company", "中华人民共和国公司法"),
        _document("contract-rules", "中华人民共和国劳动合同法实施条例"),
        _document(
            "marriage-rules", "最高人民法院关于适用《中华人民共和国民法典》婚姻家庭编的解释（一）"
        ),
        _document("civil-code", "中华人民共和国民法典"),
        _document("labor-en", "", "Labor Law of the PRC (2018 Amendment)"),
        _document("insurance-en", "", "Insurance Law of the People's Republic of China"),
        _document(
            "assembly",
            "中华人民共和国集会游行示威法",
            "Law of the People's Republic of China on Assemblies, Processions and Demonstrations",
        ),
    )
}
TITLES = Titles.of(LIBRARY)


@pytest.mark.parametrize(
    ("question", "named"),
    [
        ("《劳动合同法》规定的试用期最长多久？", {"contract", "contract-2007"}),
        ("《中华人民共和国劳动法》第四十四条怎么规定加班费？", {"labor"}),
        ("根据劳动合同法，试用期最长多久？", {"contract", "contract-2007"}),
        ("劳动法规定的工作时间是多少？", {"labor"}),
        ("违反保险法要承担什么责任？", {"insurance"}),
        # inside a longer name the library lacks, or a word that is not a name
        ("军人保险法规定了什么？", set()),
        ("劳动法律有哪些？", set()),
        ("试用期最长多久？", set()),
        ("合同法与劳动法有什么不同？", {"contract-law", "labor"}),
        ("这个应用能用吗？", set()),
        # a title inside a longer one found there does not count, in 《》 or not
        ("最高人民法院关于适用《中华人民共和国民事诉讼法》的解释第五条", {"interpretation"}),
        ("《劳动合同法实施条例》第十条怎么规定？", {"contract-rules"}),
        ("劳动合同法实施条例第十条怎么规定？", {"contract-rules"}),
        ("最高人民法院关于适用《民法典》婚姻家庭编的解释（一）第三条", {"marriage-rules"}),
        ("《民法典》第五百八十六条", {"civil-code"}),
        # 法 beginning a word: 法定, 法人, 法务, 法院, 法庭
        ("公司法定代表人可以由谁担任？", set()),
        ("劳动法定节假日加班工资怎么算？", set()),
        ("在公司法人变更后怎么办？", set()),
        ("我和公司法务谈了一次。", set()),
        ("公司法规定的股东会职权有哪些？", {"company"}),
        # a two-character title: in 《》 or right before 第 / 规定
        ("刑法第二十条怎么规定正当防卫？", {"criminal"}),
        ("《刑法》对正当防卫怎么规定？", {"criminal"}),
        ("刑法的规定是什么？", {"criminal"}),
        ("刑法学是什么？", set()),
        ("根据新劳动合同法，试用期多久？", {"contract", "contract-2007"}),
        # 法规 (regulations) is not a name's end; 法规定 is
        ("劳动法规有哪些？", set()),
        ("根据劳动法规定，加班费怎么算？", {"labor"}),
        # a title quoted inside a title: 《…〈…〉…》
        ("《最高人民法院关于适用〈中华人民共和国民事诉讼法〉的解释》第五条", {"interpretation"}),
        # Traditional characters and full-width marks are matched as Simplified
        ("依照《勞動合同法》，試用期多久？", {"contract", "contract-2007"}),
        ("Under the Law on Assemblies, Processions and Demonstrations, who decides?", {"assembly"}),
        ("What does the law on assemblies, processions and demonstrations say?", {"assembly"}),
        ("What does the Assemblies Law say?", set()),
        ("What does the Labor Law say about overtime?", {"labor-en"}),
        ("Under the Insurance Law, what must the insured disclose?", {"insurance-en"}),
        ("依据Insurance Law第十六条", {"insurance-en"}),
        ("Does the military insurance law apply?", set()),
    ],
)
def test_the_documents_a_question_names(question: str, named: set[str]) -> None:
    assert TITLES.named(question) == named


@pytest.mark.parametrize(
    ("question", "unknown"),
    [
        ("《军人保险法》规定了什么？", ["《军人保险法》"]),
        ("《劳动合同法》和《中华人民共和国劳动法》有什么不同？", []),
        ("《公司法（2018修正）》第三条", []),
        ("《刑法》与《著作权法》《著作权法》", ["《著作权法》"]),
        ("依照《勞動合同法》", []),
        ("《劳动合同法第十条》怎么说？", []),  # it names the law
        ("《最高人民法院关于适用〈中华人民共和国民事诉讼法〉的解释》第五条", []),
        ("《Civil Code》", ["《Civil Code》"]),
        ("Is a fine of < 500 yuan and > 50 yuan lawful?", []),  # < > are no title marks
    ],
)
def test_titles_in_book_title_marks_the_library_lacks(question: str, unknown: list[str]) -> None:
    assert TITLES.unknown(question) == unknown


# A library in Chinese only: English names render its titles.
CHINESE_ONLY = Titles.of(
    {
        d.doc_id: d
        for d in (
            _document("labor", "中华人民共和国劳动法"),
            _document("contract", "中华人民共和国劳动合同法"),
            _document("contract-law", "中华人民共和国合同法"),
            _document("data", "中华人民共和国数据安全法"),
            _document("sanctions", "中华人民共和国反外国制裁法"),
            _document("disputes", "中华人民共和国劳动争议调解仲裁法"),
            _document("insurance", "中华人民共和国保险法"),
            _document("securities", "中华人民共和国证券法"),
            _document("data-rules", "网络数据安全管理条例"),
            _document("assembly", "中华人民共和国集会游行示威法", "Law on Assemblies"),
            _document("unions", "中华人民共和国工会法"),
        )
    }
)


@pytest.mark.parametrize(
    ("question", "named"),
    [
        ("Under the Data Security Law, what is important data?", {"data"}),
        ("What does China's Anti-Foreign Sanctions Law allow?", {"sanctions"}),
        (
            "Does the PRC Labor Dispute Mediation and Arbitration Law set a time limit?",
            {"disputes"},
        ),
        ("What does the Dispute Mediation Law of the People's Republic of China say?", set()),
        # the title whose words the name explains best: not the longer one it half explains
        ("What does the Labor Contract Law say about probation?", {"contract"}),
        ("Under the Contract Law, when is an offer revoked?", {"contract-law"}),
        # an instrument of another kind, a name whose words the title lacks, one not capitalised
        ("Under the Data Security Regulations, who reports?", set()),
        ("Under the Network Data Security Regulations, who reports?", {"data-rules"}),
        ("Under the Data Export Law, what is allowed?", set()),
        ("Under the Data Security law, what is important data?", {"data"}),
        # "securities" meets 保险 ("secure") by its stem alone: not enough to name the Insurance Law
        ("Under the Securities Law, who may sue?", set()),
        # a document with an English title is named by it, not by a rendering of another
        ("Under the Law on Assemblies, who decides?", {"assembly"}),
        # two titles explaining a name alike (劳动 "physical labor", 工会 "labor union"): neither
        ("Under the Labor Law, how long is the working day?", set()),
        ("Under the Trade Union Law, who may join?", {"unions"}),
        # lower case: the words right before the instrument
        ("under the data security law, what is important data?", {"data"}),
        ("is this allowed by anti-foreign sanctions law?", {"sanctions"}),
        ("does the law say anything about data security?", set()),
        ("Does my company law firm need a licence?", set()),
        ("Does my Data Security Law Firm need a licence?", set()),
        (
            "Under the Law on Assemblies and the Data Security Law, who reports?",
            {"assembly", "data"},
        ),
        # two names in one question; a verb before a name; a curly possessive
        (
            "Compare the Data Security Law and the Anti-Foreign Sanctions Law.",
            {"data", "sanctions"},
        ),
        ("Explain the Data Security Law.", {"data"}),
        ("Under the PRC’s Data Security Law, who reports?", {"data"}),
    ],
)
def test_an_english_name_names_a_document_the_library_has_in_chinese_only(
    question: str, named: set[str]
) -> None:
    assert CHINESE_ONLY.named(question) == named


def test_a_name_does_not_name_a_longer_title_it_explains_only_a_word_of() -> None:
    # 劳动合同 is glossed "labor contract": "the Contract Law" explains its 合同, not its 劳动
    titles = Titles.of({"contract": _document("contract", "中华人民共和国劳动合同法")})
    assert titles.named("Under the Contract Law, when is an offer revoked?") == set()
    assert titles.named("Under the Labor Contract Law, when may probation end?") == {"contract"}


def test_an_instrument_inside_a_longer_name_does_not_end_it() -> None:
    titles = Titles.of(
        {
            "contract": _document("contract", "中华人民共和国劳动合同法"),
            "rules": _document("rules", "中华人民共和国劳动合同法实施条例"),
        }
    )
    question = "Under the Labor Contract Law Implementation Regulations, how long?"
    assert titles.named(question) == {"rules"}
