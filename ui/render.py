"""HTML for answers and source cards. Every piece of document or answer text is escaped: a
document holding `<script>` or a Markdown image link shows it as text and loads nothing."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, replace

from rag.citations import answer_sentences, quote_parts
from rag.citing import citation_en, citation_zh
from rag.labels import displays
from rag.types import Answer, Document, Lang, Outcome, Source, Unit

# The heading above an answer's cards, and the note a not-stated answer shows above them.
SECTION_TITLES = {
    Outcome.ANSWERED: "Sources",
    Outcome.NOT_STATED: "Passages on the topic",
    Outcome.NOT_ADDRESSED: "Closest passages",
}
NOT_STATED_NOTES = {
    "en": "Not stated: the documents discuss this topic but do not state what was asked.",
    "zh": "未规定：文件涉及该问题，但没有规定所问的具体内容。",
}

STYLE = """
<style>
.lq-answer { line-height: 1.6; }
.lq-answer a.lq-cite { text-decoration: none; font-weight: 600; padding: 0 1px; }
.lq-unsupported { text-decoration: underline dotted #b45309; text-underline-offset: 3px; }
.lq-unsupported::after { content: " (unsupported)"; color: #b45309; font-size: 0.8em; }
.lq-refusal { border-left: 4px solid #b45309; padding: 0.5em 0.8em; background: #fff7ed; }
.lq-not-stated { border-left: 4px solid #2563eb; padding: 0.5em 0.8em; background: #eff6ff; }
.lq-note { font-weight: 600; color: #1d4ed8; margin: 0.4em 0; }
.lq-card { border: 1px solid #d4d4d8; border-radius: 8px; padding: 0.7em 0.9em;
           margin: 0.6em 0; scroll-margin-top: 5em; }
.lq-card h4 { margin: 0 0 0.2em 0; font-size: 1em; }
.lq-meta { color: #52525b; font-size: 0.85em; margin-bottom: 0.5em; }
.lq-cols { display: grid; grid-template-columns: 1fr 1fr; gap: 1em; }
.lq-cols.lq-one { grid-template-columns: 1fr; }
.lq-text { white-space: pre-wrap; font-size: 0.92em; }
.lq-text .lq-quote { background: #fde68a; }
.lq-ok { color: #15803d; font-weight: 600; }
.lq-bad { color: #b91c1c; font-weight: 600; }
</style>
"""


@dataclass(frozen=True)
class CardView:
    """What one source card shows: a cited (or, for a refusal, a closest) unit."""

    n: int
    document: Document
    unit: Unit
    quotes: tuple[str, ...]  # as the answer quotes them
    verified: bool | None  # None: not cited (closest passage of a refusal)
    # Each verified quote as (Chinese, English): where it was found, and the aligned sentences.
    bilingual_quotes: tuple[tuple[str | None, str | None], ...] = ()

    def quotes_in(self, lang: Lang) -> tuple[str, ...]:
        """What to highlight on the text of one language: the quotes as the answer gives them
        (they show where they are verbatim) and each verified quote's side in that language."""
        side = 0 if lang == "zh" else 1
        return self.quotes + tuple(text for q in self.bilingual_quotes if (text := q[side]))


def esc(text: str) -> str:
    return html.escape(text, quote=True)


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:&])")  # $…$ is math, :x: an icon


def markdown_text(text: str) -> str:
    """Text that is data (a document's, a question's), for a place that renders Markdown: its
    Markdown syntax escaped, so it shows as written and loads nothing."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def anchor(message_id: int, n: int) -> str:
    return f"lq-src-{message_id}-{n}"


def answer_html(answer: Answer, message_id: int) -> str:
    """The answer, sentence by sentence: [n] links to its card, unsupported sentences marked."""
    if answer.outcome == Outcome.NOT_ADDRESSED:
        lines = "<br>".join(esc(line) for line in answer.answer.split("\n"))
        return f'{STYLE}<div class="lq-answer lq-refusal">{lines}</div>'
    unsupported = set(answer.unsupported_sentences)
    rendered_lines = []
    for line in answer.answer.split("\n"):
        parts = []
        for sentence in answer_sentences(line):
            body = re.sub(
                r"\[(\d+)\]",
                lambda m: (
                    f'<a class="lq-cite" href="#{anchor(message_id, int(m.group(1)))}">'
                    f"[{m.group(1)}]</a>"
                ),
                esc(sentence),
            )
            if sentence in unsupported:
                body = f'<span class="lq-unsupported">{body}</span>'
            parts.append(body)
        rendered_lines.append(" ".join(parts))
    kind = " lq-not-stated" if answer.outcome == Outcome.NOT_STATED else ""
    return f'{STYLE}<div class="lq-answer{kind}">{"<br>".join(rendered_lines)}</div>'


def card_views(answer: Answer) -> list[CardView]:
    """One card per cited source (all its quotes), or the closest passages of a refusal."""
    by_n = {s.n: s for s in answer.sources}
    if answer.outcome == Outcome.NOT_ADDRESSED:
        return [CardView(s.n, s.document, s.unit, (), None) for s in answer.sources]
    views: dict[int, CardView] = {}
    for citation in answer.citations:
        source: Source = by_n[citation.n]
        view = views.get(citation.n) or CardView(citation.n, source.document, source.unit, (), True)
        both = citation.quote_zh or citation.quote_en
        views[citation.n] = replace(
            view,
            quotes=view.quotes + ((citation.quote,) if citation.quote else ()),
            verified=bool(view.verified) and citation.verified,
            bilingual_quotes=view.bilingual_quotes
            + (((citation.quote_zh, citation.quote_en),) if both else ()),
        )
    return [views[n] for n in sorted(views)]


def not_stated_html(answer: Answer) -> str:
    """The note a not-stated answer shows above its cards (empty for other outcomes)."""
    if answer.outcome != Outcome.NOT_STATED:
        return ""
    return f'{STYLE}<div class="lq-note">{esc(NOT_STATED_NOTES[answer.language])}</div>'


def _highlight(text: str, quotes: tuple[str, ...]) -> str:
    """Escaped text with each quoted span that appears in it marked (a quote that runs over a
    line break, a rule with its proviso in the next paragraph, is marked across it)."""
    spans: list[tuple[int, int]] = []
    for quote in quotes:
        for part in quote_parts(quote):
            if len(part) >= 2:
                pattern = r"\s*".join(re.escape(char) for char in part if not char.isspace())
                found = re.search(pattern, text, re.IGNORECASE)
                if found:
                    spans.append(found.span())
    out, position = [], 0
    for start, end in sorted(spans):
        if start < position:
            continue
        out.append(esc(text[position:start]))
        out.append(f'<span class="lq-quote">{esc(text[start:end])}</span>')
        position = end
    out.append(esc(text[position:]))
    return "".join(out)


def card_html(view: CardView, message_id: int, show: str = "both") -> str:
    """A source card: titles, the document's own paragraph numbers, metadata, both texts."""
    document, unit, meta = view.document, view.unit, view.document.meta
    labels = displays(unit)
    titles = " / ".join(esc(t) for t in (meta.title_zh, meta.title_en) if t) or esc(document.title)
    facts = [
        " / ".join(x for x in (meta.issuer_zh, meta.issuer_en) if x),
        " / ".join(x for x in (meta.doc_number_zh, meta.doc_number_en) if x),
        f"promulgated {meta.promulgated}" if meta.promulgated else "",
        f"effective {meta.effective}" if meta.effective else "",
        " / ".join(x for x in (meta.validity_zh, meta.validity_en) if x),
    ]
    mark = ""
    if view.verified is True:
        mark = '<span class="lq-ok">✓ verified</span>'
    elif view.verified is False:
        mark = '<span class="lq-bad">✗ quote not in this paragraph, or cut mid-sentence</span>'
    # Both sides of every quote: a Chinese quote on the Chinese text and the English sentences
    # aligned with it on the English text, and the reverse.
    zh_quotes, en_quotes = view.quotes_in("zh"), view.quotes_in("en")
    columns = []
    if show in ("both", "zh") and unit.text_zh:
        columns.append(
            f'<div class="lq-text" lang="zh">{_highlight(unit.text_zh, zh_quotes)}</div>'
        )
    if show in ("both", "en") and unit.text_en:
        columns.append(
            f'<div class="lq-text" lang="en">{_highlight(unit.text_en, en_quotes)}</div>'
        )
    if not columns:  # the unit has no text in the chosen language: show what it has
        text, quotes = (unit.text_zh, zh_quotes) if unit.text_zh else (unit.text_en, en_quotes)
        columns.append(f'<div class="lq-text">{_highlight(text, quotes)}</div>')
    grid = "lq-cols" + ("" if len(columns) == 2 else " lq-one")
    return (
        f'{STYLE}<div class="lq-card" id="{anchor(message_id, view.n)}">'
        f"<h4>[{view.n}] {esc(labels)} — {titles}</h4>"
        f'<div class="lq-meta">{esc(" · ".join(f for f in facts if f))} {mark}</div>'
        f'<div class="{grid}">{"".join(columns)}</div></div>'
    )


def copy_citation(view: CardView) -> str:
    return f"{citation_zh(view.document, view.unit)}\n{citation_en(view.document, view.unit)}"
