"""End to end in a real browser: the real Streamlit server, driven by headless Chromium."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from ingest.pipeline import ingest_paths
from rag.embedders import Embedder
from rag.index import Index
from rag.settings import Settings
from tests.helpers import ROOT, SAMPLE, free_port, shared, wait_for_server

pytestmark = pytest.mark.integration
CHROMIUM = "/usr/bin/chromium"
SCREENSHOTS = os.environ.get("LAWQA_SCREENSHOTS")  # a folder: save the README's screenshots


@pytest.fixture
def server(isolated: Path, embedder: Embedder) -> Iterator[str]:
    index = Index(Settings(), embedder=embedder)
    ingest_paths([SAMPLE], index)
    index.close()
    port = free_port()
    log = open(isolated.parent / "streamlit.log", "w", encoding="utf-8")  # noqa: SIM115
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(ROOT / "ui" / "app.py"),
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--server.headless",
            "true",
            "--browser.gatherUsageStats",
            "false",
            "--server.fileWatcherType",
            "none",
            "--client.toolbarMode",
            "minimal",
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
        env={**os.environ, "LAWQA_HOME": str(isolated)},
    )
    wait_for_server(process, port, "the Streamlit server", isolated.parent / "streamlit.log")
    yield f"http://127.0.0.1:{port}"
    process.terminate()
    process.wait(timeout=30)
    log.close()


@pytest.fixture
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (apt-get install chromium fonts-noto-cjk)")
    playwright_api = pytest.importorskip("playwright.sync_api")
    with playwright_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-dev-shm-usage",
            ],
        )
        yield launched
        launched.close()


def _ask(page: object, question: str, cards_before: int = 0) -> None:
    box = page.get_by_test_id("stChatInputTextArea")  # type: ignore[attr-defined]
    box.fill(question)
    box.press("Enter")
    page.wait_for_function(  # type: ignore[attr-defined]
        f"document.querySelectorAll('.lq-card').length > {cards_before}", timeout=180_000
    )


def _save(page: object, name: str, tmp_path: Path) -> Path:
    path = tmp_path / name
    page.screenshot(path=str(path), full_page=True)  # type: ignore[attr-defined]
    if SCREENSHOTS:
        shutil.copy(path, Path(SCREENSHOTS) / name)
    return path


def test_question_answer_and_source_cards(server: str, browser: object, tmp_path: Path) -> None:
    page = browser.new_page(viewport={"width": 1400, "height": 1000})  # type: ignore[attr-defined]
    page.goto(server)
    _ask(page, "知识产权侵权的惩罚性赔偿制度如何落实？")
    cards = page.locator(".lq-card")
    assert "[1] 11. / (11)" in cards.first.inner_text()
    assert cards.first.locator(".lq-quote").first.inner_text() == (
        "严格落实知识产权侵权惩罚性赔偿制度,切实发挥惩罚性赔偿的威慑效应。"
    )
    # The Chinese quote is highlighted on the English side too: its aligned sentence.
    assert cards.first.locator('.lq-text[lang="en"] .lq-quote').all_inner_texts() == [
        "The punitive compensation system for intellectual property infringement shall be "
        "strictly implemented to practically exert the deterrent effect of punitive compensation."
    ]
    assert cards.first.locator('.lq-text[lang="zh"] .lq-quote').all_inner_texts() == [
        "严格落实知识产权侵权惩罚性赔偿制度,切实发挥惩罚性赔偿的威慑效应。"
    ]
    highlight = cards.first.locator('.lq-text[lang="en"] .lq-quote').evaluate(
        "element => getComputedStyle(element).backgroundColor"
    )
    assert highlight == "rgb(253, 230, 138)"  # #fde68a, visible in the screenshot
    assert _save(page, "chat.png", tmp_path).stat().st_size > 20_000
    page.locator("a.lq-cite").first.click()
    assert page.url.endswith("#lq-src-0-1")


def test_not_stated_answer_shows_its_note(server: str, browser: object) -> None:
    page = browser.new_page(viewport={"width": 1400, "height": 1000})  # type: ignore[attr-defined]
    page.goto(server)
    _ask(page, "How many days do courts have to decide cross-border bankruptcy cases?")
    answer = page.locator(".lq-answer.lq-not-stated").first.inner_text()
    assert answer.startswith("The documents address this in item (12) [")
    assert "but do not state the time limit or duration." in answer
    assert page.locator(".lq-note").first.inner_text() == (
        "Not stated: the documents discuss this topic but do not state what was asked."
    )
    assert "12. / (12)" in page.locator(".lq-card").first.inner_text()
    assert page.get_by_text("Passages on the topic").count() == 1


def test_one_session_chats_while_another_uploads(
    server: str, browser: object, tmp_path: Path
) -> None:
    uploader = browser.new_page(viewport={"width": 1400, "height": 1000})  # type: ignore[attr-defined]
    chatter = browser.new_page(viewport={"width": 1400, "height": 1000})  # type: ignore[attr-defined]
    chatter.goto(server)
    chatter.get_by_test_id("stChatInputTextArea").wait_for(timeout=60_000)
    uploader.goto(server)
    uploader.get_by_text("Library").first.click()
    uploader.locator("input[type=file]").set_input_files(
        str(shared("lawrefbook/社会法/劳动合同法(2012-12-28).md"))
    )
    uploader.get_by_role("button", name="Ingest").click()
    started = time.monotonic()
    _ask(chatter, "How are foreign judgments recognized and enforced?")
    answered_after = time.monotonic() - started
    assert "[1] 15. / (15)" in chatter.locator(".lq-card").first.inner_text()
    uploader.get_by_text("劳动合同法(2012-12-28).md: added — 98 units, 0 bilingual").wait_for(
        timeout=300_000
    )
    uploaded_after = time.monotonic() - started
    assert answered_after < uploaded_after
    uploader.wait_for_timeout(2000)  # the library table redraws with the new law
    _save(uploader, "library.png", tmp_path)
