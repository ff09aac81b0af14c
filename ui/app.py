"""The web chat (Streamlit). It only renders and calls the core; the index, the embedder and the
answerer are loaded once per process and shared by all sessions."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from ingest.pipeline import ingest_file
from ingest.readers import FILE_TYPES, SUPPORTED, IngestError
from ingest.uploads import save_upload
from rag.assistant import Assistant
from rag.feedback import FeedbackLog
from rag.index import Index
from rag.llm import ModelServerError
from rag.questions import QuestionError, check_question
from rag.settings import Settings
from rag.text import answer_language
from rag.types import Answer, Lang, Mode, Outcome
from ui.export import conversation_docx, conversation_markdown
from ui.render import (
    SECTION_TITLES,
    answer_html,
    card_html,
    card_views,
    copy_citation,
    markdown_text,
    not_stated_html,
)

LANGUAGE_CHOICES: dict[str, Lang | None] = {"auto": None, "中文": "zh", "English": "en"}
SHOW_CHOICES = {"both languages": "both", "中文 only": "zh", "English only": "en"}


@dataclass(frozen=True)
class Options:
    page: str
    documents: list[str] | None
    language: Lang | None
    show: str
    k: int
    valid_only: bool


@dataclass
class Services:
    settings: Settings
    index: Index
    assistant: Assistant
    feedback: FeedbackLog


@st.cache_resource
def services() -> Services:
    settings = Settings()
    index = Index(settings)
    return Services(settings, index, Assistant(index, settings), FeedbackLog(Path(settings.home)))


def mode_label(assistant: Assistant) -> str:
    if assistant.mode == Mode.EXTRACTIVE:
        return "extractive quotes (no LLM configured)"
    if assistant.mode == Mode.LOCAL:
        return f"local model ({assistant.settings.llm.rsplit('/', 1)[-1]})"
    return f"LLM: {assistant.settings.llm}"


def sidebar(svc: Services) -> Options:
    st.sidebar.title("lawqa")
    page = st.sidebar.radio("Page", ["Chat", "Library"], key="page")
    documents = list(svc.index.catalog().values())
    names = {d.doc_id: f"{d.title} ({d.doc_id})" for d in documents}
    chosen = st.sidebar.multiselect(
        "Documents to search (none: all)",
        list(names),
        format_func=names.__getitem__,
        key="documents",
    )
    language = st.sidebar.radio(
        "Answer language", list(LANGUAGE_CHOICES), key="language", horizontal=True
    )
    show = st.sidebar.radio("Show", list(SHOW_CHOICES), key="show")
    k = st.sidebar.slider("Sources", 1, 10, 5, key="k")
    valid_only = st.sidebar.checkbox("Only documents in force", key="valid_only")
    st.sidebar.caption(f"Answering with: {mode_label(svc.assistant)}")
    if st.sidebar.button("New chat", key="new_chat"):
        st.session_state.turns = []
        st.session_state.failed_turns = set()
    return Options(
        page, chosen or None, LANGUAGE_CHOICES[language], SHOW_CHOICES[show], k, valid_only
    )


def export_buttons() -> None:
    """In the sidebar, after the chat has run, so the newest answer is in the export."""
    turns: list[Answer] = st.session_state.get("turns", [])
    if not turns:
        return
    st.sidebar.download_button(
        "Export Markdown",
        conversation_markdown(turns),
        file_name="lawqa-conversation.md",
        mime="text/markdown",
        key="export_md",
    )
    st.sidebar.download_button(
        "Export Word",
        conversation_docx(turns),
        file_name="lawqa-conversation.docx",
        mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        key="export_docx",
    )


def show_answer(svc: Services, number: int, answer: Answer, show: str) -> None:
    failed = number in st.session_state.get("failed_turns", set())
    if failed:
        st.error(answer.answer)
    else:
        st.html(answer_html(answer, number))
    for note in answer.notes:
        st.caption(markdown_text(note))
    views = card_views(answer)
    if answer.outcome == Outcome.NOT_STATED:
        st.html(not_stated_html(answer))
    if views:
        title = SECTION_TITLES[answer.outcome]
        st.markdown(f"**{'Passages found' if failed else title}**")
    for view in views:
        st.html(card_html(view, number, show))
        st.code(copy_citation(view), language=None)
    if not failed:
        feedback_form(svc, number, answer)


def failed_answer(
    question: str, error: ModelServerError, mode: str, language: Lang | None
) -> Answer:
    """A turn whose model call failed: the error as its text, the passages retrieved as its
    closest passages, so the question and what was found stay in the conversation."""
    text = f"No answer: {error}."
    if error.sources:
        text += " The passages found for the question are below."
    lang = language or answer_language(question)
    return Answer(question, lang, mode, text, Outcome.NOT_ADDRESSED, (), error.sources)


def feedback_form(svc: Services, number: int, answer: Answer) -> None:
    saved = st.session_state.setdefault("feedback_saved", set())
    if number in saved:
        st.caption("Thank you: feedback saved.")
        return
    columns = st.columns([1, 4, 1])
    with columns[0]:
        rating = st.feedback("thumbs", key=f"rating-{number}")
    with columns[1]:
        comment = st.text_input(
            "Comment (optional)",
            key=f"comment-{number}",
            label_visibility="collapsed",
            placeholder="Comment (optional)",
        )
    with columns[2]:
        if st.button("Send", key=f"send-{number}", disabled=rating is None):
            svc.feedback.record("up" if rating == 1 else "down", answer.to_json(), comment)
            saved.add(number)
            st.rerun()


def chat_page(svc: Services, options: Options) -> None:
    st.title("Ask the documents")
    if not svc.index.catalog():
        st.info("The index is empty: add documents on the Library page.")
    turns: list[Answer] = st.session_state.setdefault("turns", [])
    failed: set[int] = st.session_state.setdefault("failed_turns", set())
    show = options.show
    for number, answer in enumerate(turns):
        with st.chat_message("user"):
            st.text(answer.question)
        with st.chat_message("assistant"):
            show_answer(svc, number, answer, show)
    question = st.chat_input("Ask in English or Chinese · 用中文或英文提问", key="question")
    if not question or not question.strip():
        return
    try:
        question = check_question(question, svc.settings.max_question_chars)
    except QuestionError as exc:
        message = str(exc)
        st.error(f"{message[:1].upper()}{message[1:]}.")
        return
    with st.chat_message("user"):
        st.text(question)
    with st.chat_message("assistant"):
        placeholder = st.empty()
        streamed: list[str] = []

        def on_token(token: str) -> None:
            streamed.append(token)
            placeholder.text("".join(streamed))

        history = [(a.question, a.answer) for n, a in enumerate(turns) if n not in failed]
        try:
            answer = svc.assistant.ask(
                question,
                k=options.k,
                doc_ids=options.documents,
                history=history,
                on_token=on_token,
                language=options.language,
                valid_only=options.valid_only,
            )
        except ModelServerError as exc:
            answer = failed_answer(question, exc, svc.assistant.mode, options.language)
            failed.add(len(turns))
        placeholder.empty()
        turns.append(answer)
        show_answer(svc, len(turns) - 1, answer, show)


def library_page(svc: Services) -> None:
    st.title("Library")
    documents = list(svc.index.catalog().values())
    rows = []
    for document in documents:
        meta, counts = document.meta, svc.index.counts(document.doc_id)
        rows.append(
            {
                "title": document.title,
                "English title": meta.title_en,
                "number": meta.doc_number_zh or meta.doc_number_en,
                "issued by": meta.issuer_zh or meta.issuer_en,
                "promulgated": meta.promulgated,
                "effective": meta.effective,
                "validity": meta.validity_zh or meta.validity_en,
                "units": counts.units,
                "bilingual": counts.pairs,
                "id": document.doc_id,
            }
        )
    if rows:
        st.dataframe(rows, hide_index=True, width="stretch", key="library_table")
    else:
        st.info("No documents yet.")
    st.subheader("Add documents")
    uploads = st.file_uploader(
        f"Files ({', '.join(FILE_TYPES)})",
        # Suffixes with their dot: a bare "text" would mean every text/* file to Streamlit.
        type=list(SUPPORTED),
        accept_multiple_files=True,
        key="uploads",
    )
    if uploads and st.button("Ingest", key="ingest"):
        st.session_state.ingest_messages = ingest_uploads(
            svc, [(u.name, u.getvalue()) for u in uploads]
        )
        st.rerun()  # so the table above shows the new documents
    for kind, message in st.session_state.pop("ingest_messages", []):
        getattr(st, kind)(message)
    if documents:
        st.subheader("Remove a document")
        names = {d.doc_id: f"{d.title} ({d.doc_id})" for d in documents}
        doc_id = st.selectbox(
            "Document", list(names), format_func=names.__getitem__, key="remove_choice"
        )
        if st.button("Remove", key="remove"):
            svc.index.remove(doc_id)
            st.success(f"Removed {names[doc_id]}.")
            st.rerun()


def ingest_uploads(svc: Services, files: list[tuple[str, bytes]]) -> list[tuple[str, str]]:
    """Save and ingest uploads with a progress bar; return (kind, message) lines to show."""
    messages: list[tuple[str, str]] = []
    bar = st.progress(0.0, text="Ingesting…")
    for done, (name, data) in enumerate(files):
        bar.progress(done / len(files), text=f"Ingesting {name}")
        try:
            path = save_upload(Path(svc.settings.home), name, data, svc.settings.max_file_bytes)
        except IngestError as exc:
            messages.append(("error", str(exc)))
            continue
        result = ingest_file(path, svc.index)
        if result.failure is not None:
            messages.append(("error", f"{name}: {result.failure.cause}"))
            continue
        summary = f"{name}: {result.status} — {result.units} units, {result.pairs} bilingual"
        messages.append(("success", summary))
        messages.extend(("warning", f"{name}: {w}") for w in result.warnings)
    svc.index.refresh_keywords()
    bar.progress(1.0, text="Done")
    return messages


def main() -> None:
    st.set_page_config(page_title="lawqa", page_icon="⚖️", layout="wide")
    svc = services()
    options = sidebar(svc)
    if options.page == "Library":
        library_page(svc)
    else:
        chat_page(svc, options)
        export_buttons()


main()
