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
        # 合同法 and 劳动法 are not named by 劳动合同法; the interpretation names what it names
        (
            "最高人民法院关于适用《中华人民共和国民事诉讼法》的解释第五条",
            {"interpretation", "civil-procedure"},
        ),
        # Traditional characters and full-width marks are matched as Simplified
        ("依照《勞動合同法》，試用期多久？", {"contract", "contract-2007"}),
        ("Under the Law on Assemblies, Processions and Demonstrations, who decides?", {"assembly"}),
        ("What does the law on assemblies, processions and demonstrations say?", {"assembly"}),
        ("What does the Assemblies Law say?", set()),
    ],
)
def test_the_documents_a_question_names(question: str, named: set[str]) -> None:
    assert TITLES.named(question) == named
