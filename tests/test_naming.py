"""The documents a question names (pure function over documents' metadata)."""

import pytest

from rag.naming import named_documents
from rag.types import Document, DocumentMeta


def _document(doc_id: str, **meta: str) -> Document:
    return Document(doc_id, DocumentMeta(**meta), (), f"{doc_id}.md", doc_id)


LIBRARY = {
    d.doc_id: d
    for d in [
        _document("labor", title_zh="中华人民共和国劳动法"),
        _document("contract", title_zh="中华人民共和国劳动合同法"),
        _document("insurance", title_zh="中华人民共和国保险法"),
        _document("social", title_zh="中华人民共和国社会保险法"),
        _document(
            "women",
            title_en="Law of the People's Republic of China on the Protection of the Rights "
            "and Interests of Women",
        ),
        _document(
            "opinions",
            title_zh="最高人民法院关于人民法院服务保障进一步扩大对外开放的指导意见",
            doc_number_zh="法发[2020]37号",
        ),
        _document("basic", title_zh="中華人民共和國香港特別行政區基本法"),
    ]
}


@pytest.mark.parametrize(
    ("question", "named"),
    [
        ("根据《劳动合同法》，试用期最长多久？", {"contract"}),
        ("中华人民共和国劳动法规定的工作时间是多少？", {"labor"}),
        ("劳动法规定的工作时间是多少？", {"labor"}),
        ("社会保险法规定的缴费年限是多少？", {"social"}),  # 保险法 is inside a longer name
        ("劳动法律法规对加班有什么规定？", set()),  # 劳动法律: laws on labour, no title
        ("劳动法和劳动合同法有什么区别？", {"labor", "contract"}),
        ("Under the Law on the Protection of the Rights and Interests of Women, who …?", {"women"}),
        ("What does the PRC Labor Law say?", set()),  # no English title to know it by
        ("按照法发〔2020〕37号文，法院应当怎样做？", {"opinions"}),
        ("香港特別行政區基本法怎么规定立法会？", {"basic"}),  # Traditional, prefix left out
        ("加班费怎么算？", set()),
    ],
)
def test_named_documents(question: str, named: set[str]) -> None:
    assert named_documents(question, LIBRARY) == named
