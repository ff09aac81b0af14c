"""A conversation as Markdown or Word (.docx): questions, answers, and every cited paragraph in
Chinese and English with a citation string."""

from __future__ import annotations

import io
from collections.abc import Sequence

from rag.labels import displays
from rag.types import Answer, Outcome
from ui.render import (
    NOT_STATED_NOTES,
    SECTION_TITLES,
    CardView,
    card_views,
    copy_citation,
)
from ui.render import markdown_text as _md


def _source_heading(view: CardView) -> str:
    return f"[{view.n}] {displays(view.unit)} — {view.document.title}"


def conversation_markdown(turns: Sequence[Answer]) -> str:
    lines = ["# lawqa conversation", ""]
    for number, answer in enumerate(turns, start=1):
        lines += [f"## {number}. {_md(answer.question)}", ""]
        if answer.outcome == Outcome.NOT_STATED:
            lines += [f"**{_md(NOT_STATED_NOTES[answer.language])}**", ""]
        lines += [_md(line) + "  " for line in answer.answer.split("\n")] + [""]
        if answer.notes:
            lines += [f"*{_md(note)}*  " for note in answer.notes] + [""]
        if answer.unsupported_sentences:
            lines += [
                "Unsupported sentences: " + "; ".join(_md(s) for s in answer.unsupported_sentences),
                "",
            ]
        views = card_views(answer)
        if views:
            lines += [f"### {SECTION_TITLES[answer.outcome]}", ""]
        for view in views:
            lines += [f"#### {_md(_source_heading(view))}", ""]
            if view.unit.text_zh:
                lines += ["中文：", "", *(f"> {_md(p)}" for p in view.unit.text_zh.split("\n")), ""]
            if view.unit.text_en:
                lines += [
                    "English:",
                    "",
                    *(f"> {_md(p)}" for p in view.unit.text_en.split("\n")),
                    "",
                ]
            for zh, en in view.bilingual_quotes:
                lines += [f"Quoted [{view.n}]:", ""]
                lines += [f"- 中文：{_md(zh or '—')}", f"- English: {_md(en or '—')}", ""]
            lines += ["Cite as:", "", *(f"- {_md(c)}" for c in copy_citation(view).split("\n")), ""]
    return "\n".join(lines)


def conversation_docx(turns: Sequence[Answer]) -> bytes:
    import docx

    document = docx.Document()
    document.add_heading("lawqa conversation", level=0)
    for number, answer in enumerate(turns, start=1):
        document.add_heading(f"{number}. {answer.question}", level=1)
        if answer.outcome == Outcome.NOT_STATED:
            document.add_paragraph(NOT_STATED_NOTES[answer.language], style="Intense Quote")
        for line in answer.answer.split("\n"):
            document.add_paragraph(line)
        for note in answer.notes:
            document.add_paragraph(note).runs[0].italic = True
        for sentence in answer.unsupported_sentences:
            document.add_paragraph(f"Unsupported: {sentence}", style="Intense Quote")
        views = card_views(answer)
        if views:
            document.add_heading(SECTION_TITLES[answer.outcome], level=2)
        for view in views:
            document.add_heading(_source_heading(view), level=3)
            table = document.add_table(rows=1, cols=2)
            table.style = "Table Grid"
            table.rows[0].cells[0].text = view.unit.text_zh
            table.rows[0].cells[1].text = view.unit.text_en
            for zh, en in view.bilingual_quotes:
                quoted = document.add_paragraph()
                quoted.add_run(f"Quoted [{view.n}]").bold = True
                quoted.add_run(f"\n中文：{zh or '—'}\nEnglish: {en or '—'}")
            for line in copy_citation(view).split("\n"):
                document.add_paragraph(line, style="List Bullet")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
