"""The articles of its own document whose breach a text names (`rag.references`)."""

import pytest

from rag.references import violated_articles


@pytest.mark.parametrize(
    ("text", "articles"),
    [
        ("经营者违反本法第七条规定贿赂他人的，由监督检查部门没收违法所得", {7}),
        ("违反本法第四十三条、第四十八条规定的，由劳动行政部门责令改正", {43, 48}),
        ("违反本法第五条、第六条或者第九条规定", {5, 6, 9}),
        ("违反本条例第十条至第十二条规定，未办理登记的", {10, 11, 12}),
        ("未依照本法第二十六条第一款规定报告的", {26}),
        ("违反本规定第3条规定的", {3}),
        ("Where employer units violate articles 43 and 48 of this Law, the departments", {43, 48}),
        ("Where article 26 of this Law is violated by a failure to perform", {26}),
        ("in violation of Article 12, paragraph 2, of these Regulations", {12}),
        ("Whoever violates Articles 10 to 12 of this Law shall", {10, 11, 12}),
        ("Whoever violates Article 5(2) and Article 9 of these Measures", {5, 9}),
        ("An employer that fails to comply with Article 14 of this Law", {14}),
        ("违反本规定第3条第2款、第5条", {3, 5}),
        ("违反本法第三十条之一第二款、第三十一条", {31}),
        ("违反本法第十条至十二条规定", {10, 11, 12}),
        ("未履行本法第二十七条规定的数据安全保护义务的", {27}),
        # as normalised: Traditional characters, full-width digits
        ("違反本條例第七條規定", {7}),
        ("违反本法第７条规定的", {7}),
        ("violates Articles 43, 44, and 48 of this Law", {43, 44, 48}),
        ("violates paragraph 1 of Article 26 of this Law", {26}),
        ("fails to perform the obligations under Article 14 of this Law", {14}),
        ("Where Articles 10–12 of this Law are violated", {10, 11, 12}),
        # an article that applies another's rule sanctions no breach of it
        ("依照本法第二十六条第一款规定申请复议的", set()),
        ("依照本法第六条的规定，居民个人取得综合所得", set()),
        ("在本法第五十六条、第五十七条规定的罚款数额的二倍以上五倍以下确定", set()),
        ("The fines provided for in Article 56 of this Law may be doubled", set()),
        # another document's article, however numbered
        ("违反《中华人民共和国刑法》第二百六十六条的规定", set()),
        ("violates Article 266 of the Criminal Law", set()),
        ("违反刑法第一百二十条规定", set()),
        # an inserted article's number is not its parent's
        ("违反本法第一百二十条之一规定的", set()),
        ("violates Article 120-1 of this Law", set()),
        # a span of a chapter is no list of duties: its ends only
        ("违反本法第十条至第九十条规定的行为", {10, 90}),
        # a paragraph of the same article, or no number at all
        ("违反本条第一款规定", set()),
        ("违反本法规定，给他人造成损害的", set()),
    ],
)
def test_the_articles_of_its_own_document_whose_breach_a_text_names(
    text: str, articles: set[int]
) -> None:
    assert violated_articles(text) == articles
