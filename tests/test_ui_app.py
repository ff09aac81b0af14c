"""The web chat driven by Streamlit's AppTest, with the real index and embedder."""

import io
import json
from dataclasses import replace
from pathlib import Path

import docx
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from ingest.pipeline import ingest_paths
from rag.embedders import Embedder
from rag.feedback import FeedbackLog
from rag.index import Index
from rag.settings import Settings
from tests.helpers import ROOT, ask_app, shared, start_app
from ui.render import markdown_text

pytestmark = pytest.mark.integration

APP = str(ROOT / "ui" / "app.py")
QUESTION_EN = "What does the opinion say about punitive compensation for intellectual property?"
NOT_STATED_QUESTION = "How many days do courts have to decide cross-border bankruptcy cases?"
CITE_11 = (
    "《最高人民法院关于人民法院服务保障进一步扩大对外开放的指导意见》（法发〔2020〕37号）第11条\n"
    "Guiding Opinions of the Supreme People's Court on the People's Courts Serving and "
    "Guaranteeing the Further Opening Up to the Outside World (Fa Fa [2020] No. 37), item (11)"
)


def _html(app: AppTest) -> list[str]:
    return [element.value for element in app.get("html")]


def test_english_question_gets_cited_cards(webchat_home: Path) -> None:
    app = ask_app(start_app(), QUESTION_EN)
    answer, *cards = _html(app)
    assert 'href="#lq-src-0-1">[1]</a>' in answer
    assert "The punitive compensation system for intellectual property infringement" in answer
    assert (
        "[1] 11. / (11) — 最高人民法院关于人民法院服务保障进一步扩大对外开放的指导意见" in cards[0]
    )
    assert 'id="lq-src-0-1"' in cards[0]
    assert '<span class="lq-quote">The punitive compensation system' in cards[0]
    assert "✓ verified" in cards[0]
    assert "法发[2020]37号 / Fa Fa [2020] No. 37" in cards[0]
    assert "promulgated 2020-09-25" in cards[0] and "有效 / Valid" in cards[0]
    assert app.code[0].value == CITE_11


def test_chinese_question_gets_cited_cards(webchat_home: Path) -> None:
    app = ask_app(start_app(), "如何承认和执行外国法院的民商事判决？")
    answer, *cards = _html(app)
    assert answer.startswith("<style>") and "根据所提供的文件：" in answer
    assert (
        "[1] 15. / (15) — 最高人民法院关于人民法院服务保障进一步扩大对外开放的指导意见" in cards[0]
    )
    assert '<span class="lq-quote">' in cards[0]


QUOTE_11_ZH = "严格落实知识产权侵权惩罚性赔偿制度,切实发挥惩罚性赔偿的威慑效应。"
QUOTE_11_EN = (
    "The punitive compensation system for intellectual property infringement shall be strictly "
    "implemented to practically exert the deterrent effect of punitive compensation."
)


def test_a_quote_is_highlighted_in_both_languages(webchat_home: Path) -> None:
    """A Chinese question quotes the Chinese text; the card also marks the English sentence
    aligned with it, and an English question's quote is marked on the Chinese side."""
    app = ask_app(start_app(), "知识产权侵权的惩罚性赔偿制度如何落实？")
    _, card, *_ = _html(app)
    assert "[1] 11. / (11)" in card
    zh_column = '<div class="lq-text" lang="zh">加强对知识产权的保护力度。'
    en_column = (
        '<div class="lq-text" lang="en">Strengthening the protection of intellectual property '
        "rights. "
    )
    assert f'{zh_column}<span class="lq-quote">{QUOTE_11_ZH}</span>' in card
    assert f'{en_column}<span class="lq-quote">{QUOTE_11_EN}</span>' in card
    ask_app(app, QUESTION_EN)
    (card,) = [h for h in _html(app) if 'id="lq-src-1-1"' in h]
    assert "[1] 11. / (11)" in card
    assert f'{zh_column}<span class="lq-quote">{QUOTE_11_ZH}</span>' in card
    assert f'{en_column}<span class="lq-quote">{QUOTE_11_EN}</span>' in card


def test_refusal_is_shown_as_one(webchat_home: Path) -> None:
    app = ask_app(start_app(), "醉酒驾驶机动车会受到什么处罚？")
    answer, *cards = _html(app)
    assert 'class="lq-answer lq-refusal"' in answer
    assert "所提供的文件未涉及该问题。" in answer
    assert [m.value for m in app.markdown if m.value.startswith("**")] == ["**Closest passages**"]
    assert len(cards) == 5 and "✓ verified" not in cards[0]


def test_not_stated_has_its_own_note_above_the_cards(webchat_home: Path) -> None:
    app = ask_app(start_app(), NOT_STATED_QUESTION)
    answer, note, *cards = _html(app)
    assert 'class="lq-answer lq-not-stated"' in answer
    assert answer.count("but do not state the time limit or duration.") == 1
    assert "item (12)" in answer
    assert 'class="lq-note"' in note
    assert "Not stated: the documents discuss this topic but do not state what was asked." in note
    assert [m.value for m in app.markdown if m.value.startswith("**")] == [
        "**Passages on the topic**"
    ]
    assert "12. / (12) — 最高人民法院" in cards[0]
    assert "✓ verified" in cards[0]


def test_chat_survives_reruns(webchat_home: Path) -> None:
    app = ask_app(start_app(), QUESTION_EN)
    ask_app(app, "How are foreign judgments recognized and enforced?")
    app.run()
    assert [m.name for m in app.chat_message] == ["user", "assistant", "user", "assistant"]
    cards = "".join(_html(app))
    assert "[1] 11. / (11)" in cards and "[1] 15. / (15)" in cards


def test_upload_a_good_and_a_bad_file_then_remove(webchat_home: Path) -> None:
    app = start_app()
    app.sidebar.radio(key="page").set_value("Library").run()
    uploader = app.file_uploader(key="uploads")
    assert uploader.label == "Files (txt, md, pdf, docx, html)"
    assert sorted(uploader.proto.type) == [
        f".{t}" for t in ("docx", "htm", "html", "markdown", "md", "pdf", "text", "txt")
    ]
    law = (
        "# 中华人民共和国示范法\n\n第一条 为了规范仲裁活动，制定本法。\n\n"
        "第二条 合同纠纷可以仲裁。\n"
    )
    app.file_uploader(key="uploads").set_value(
        [
            ("示范法.md", law.encode("utf-8"), "text/markdown"),
            (
                "scan.pdf",
                shared("bad_inputs/scanned_gazette_no_text_layer.pdf").read_bytes(),
                "application/pdf",
            ),
        ]
    ).run()
    app.button(key="ingest").click().run()
    assert not app.exception
    assert [s.value for s in app.success] == ["示范法.md: added — 2 units, 0 bilingual"]
    assert [e.value for e in app.error] == [
        "scan.pdf: PDF has no text layer (31 pages, 0 characters): scanned? run OCR first"
    ]
    assert (webchat_home / "uploads" / "示范法.md").read_text(encoding="utf-8") == law
    app.run()
    assert list(app.dataframe[0].value["title"]) == [
        "最高人民法院关于人民法院服务保障进一步扩大对外开放的指导意见",
        "中华人民共和国示范法",
    ]
    doc_id = list(app.dataframe[0].value["id"])[1]
    app.selectbox(key="remove_choice").set_value(doc_id).run()
    app.button(key="remove").click().run()
    assert not app.exception
    assert list(app.dataframe[0].value["title"]) == [
        "最高人民法院关于人民法院服务保障进一步扩大对外开放的指导意见"
    ]


def test_upload_names_are_sanitised(webchat_home: Path) -> None:
    app = start_app()
    app.sidebar.radio(key="page").set_value("Library").run()
    app.file_uploader(key="uploads").set_value(
        ("../../etc/passwd.txt", "第一条 测试条文。".encode(), "text/plain")
    ).run()
    app.button(key="ingest").click().run()
    assert (webchat_home / "uploads" / "passwd.txt").exists()
    assert not (webchat_home.parent / "etc").exists()


def test_export_markdown_and_word(webchat_home: Path) -> None:
    app = ask_app(start_app(), QUESTION_EN)
    markdown = app.sidebar.get("download_button")[0]
    word = app.sidebar.get("download_button")[1]
    assert markdown.proto.label == "Export Markdown" and word.proto.label == "Export Word"
    from ui.export import conversation_docx, conversation_markdown

    turns = app.session_state["turns"]
    text = conversation_markdown(turns)
    assert text.startswith("# lawqa conversation\n\n## 1. What does the opinion say about punitive")
    assert (
        "- 《最高人民法院关于人民法院服务保障进一步扩大对外开放的指导意见》"
        "（法发〔2020〕37号）第11条" in text
    )
    assert "> 加强对知识产权的保护力度。" in text
    quoted = text.index("Quoted [1]:")
    assert text[quoted : text.index("Cite as:", quoted)] == (
        "Quoted [1]:\n\n"
        f"- 中文：{QUOTE_11_ZH}\n"
        "- English: The punitive compensation system for intellectual property infringement "
        "shall be strictly implemented to practically exert the deterrent effect of punitive "
        "compensation\\.\n\n"
    )
    document = docx.Document(io.BytesIO(conversation_docx(turns)))
    paragraphs = [p.text for p in document.paragraphs]
    assert paragraphs[0] == "lawqa conversation"
    assert CITE_11.split("\n")[1] in paragraphs
    assert document.tables[0].rows[0].cells[0].text.startswith("加强对知识产权的保护力度。")
    assert f"Quoted [1]\n中文：{QUOTE_11_ZH}\nEnglish: {QUOTE_11_EN}" in paragraphs
    # an answer's notes (which named documents were searched first) are exported too
    noted = [replace(turns[0], notes=("Searched first in: 《示范法》.",))]
    assert "*Searched first in\\: 《示范法》\\.*  \n" in conversation_markdown(noted)
    noted_docx = docx.Document(io.BytesIO(conversation_docx(noted)))
    assert "Searched first in: 《示范法》." in [p.text for p in noted_docx.paragraphs]


def test_feedback_is_stored(webchat_home: Path) -> None:
    app = ask_app(start_app(), QUESTION_EN)
    app.feedback(key="rating-0").set_value(0).run()
    app.text_input(key="comment-0").set_value("Missing item 14").run()
    app.button(key="send-0").click().run()
    assert not app.exception
    (entry,) = list(FeedbackLog(webchat_home).entries())
    assert (entry["rating"], entry["comment"], entry["question"]) == (
        "down",
        "Missing item 14",
        QUESTION_EN,
    )
    assert entry["citations"][0]["label"] == "11"
    assert "Thank you: feedback saved." in [c.value for c in app.caption]


def test_document_text_is_rendered_as_text(webchat_home: Path, embedder: Embedder) -> None:
    hostile = webchat_home.parent / "hostile.md"
    hostile.write_text(
        "# 测试条例\n\n第一条 仲裁委员会应当公开名册。<script>alert('x')</script>"
        "![tracker](http://127.0.0.1:9/pixel.png) <img src=x onerror=alert(1)>\n",
        encoding="utf-8",
    )
    index = Index(Settings(), embedder=embedder)
    ingest_paths([hostile], index)
    index.close()
    st.cache_resource.clear()
    app = ask_app(start_app(), "仲裁委员会应当公开名册吗？")
    rendered = "".join(_html(app))
    assert "仲裁委员会应当公开名册。" in rendered
    assert "<script>" not in rendered and "<img" not in rendered
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in rendered
    assert "![tracker](http://127.0.0.1:9/pixel.png)" in rendered  # shown, not loaded
    assert json.dumps(app.session_state["turns"][0].to_json())  # still a normal answer
    # a note quotes the question's own 《》 title, shown as text too
    app = ask_app(start_app(), "《![x](http://127.0.0.1:9/p.png)》对名册怎么规定？")
    captions = [c.value for c in app.caption]
    assert markdown_text("文库中没有《![x](http://127.0.0.1:9/p.png)》。") in captions
    assert not any("![x](" in caption for caption in captions)
