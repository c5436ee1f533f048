"""The web chat in a real browser (Debian's Chromium driven by Playwright), over the real engine."""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import urlparse

import pytest

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]
TIMEOUT = 60_000


@pytest.fixture(scope="module")
def app_url(tmp_path_factory, article_index: Path, minilm):
    from rag.engine import Engine
    from tests.helpers import make_settings
    from tests.servers import free_port
    from ui.app import launch

    data_dir = tmp_path_factory.mktemp("ui") / "data"
    shutil.copytree(article_index, data_dir)
    settings = make_settings(data_dir, ui_port=free_port())
    engine = Engine.from_settings(settings, embed_model=minilm, build=False)
    demo, url = launch(settings, engine, block=False)
    yield url
    demo.close()


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is not installed (apt-get install -y chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, app_url):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.set_default_timeout(TIMEOUT)
    page.dialogs = []  # any alert() from a document would land here
    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
    page.requested_hosts = set()
    page.on("request", lambda request: page.requested_hosts.add(urlparse(request.url).hostname))
    page.goto(app_url)
    page.wait_for_selector("#rag-question textarea")
    yield page
    context.close()


def ask(page, question: str) -> None:
    page.fill("#rag-question textarea", question)
    page.keyboard.press("Enter")


def last_answer(page):
    return page.locator("#rag-chat .message-row.bot-row, #rag-chat [data-testid='bot']").last


def wait_for_status(page, text: str) -> None:
    page.wait_for_function(
        "t => document.querySelector('#rag-status')?.innerText.includes(t)", arg=text
    )


def test_example_question_gets_a_cited_answer_and_the_citation_opens_the_article(
    page, artifacts_dir: Path
) -> None:
    page.get_by_role("button", name="Where did Mr. Xi and Mr. Putin meet on Feb. 4?").click()
    wait_for_status(page, "Answered by")
    answer = last_answer(page)
    assert "Winter Olympic Games" in answer.inner_text()
    assert "[1]" in answer.inner_text()
    page.screenshot(path=artifacts_dir / "screenshots" / "desktop-answer.png")

    answer.locator("a.rag-cite").first.click()
    mark = page.locator("#rag-document mark#rag-highlight")
    mark.wait_for(state="visible")
    assert "opening ceremony of the Winter Olympic Games" in mark.inner_text()
    header = page.locator("#rag-document .rag-doc-header")
    assert header.is_visible()
    assert header.locator(".rag-doc-headline").inner_text() == (
        "U.S. Officials Repeatedly Urged China to Help Avert War in Ukraine"
    )
    assert header.locator(".rag-doc-date").inner_text() == "Feb. 25, 2022"
    assert header.locator(".rag-doc-dateline").inner_text() == "WASHINGTON"
    page.wait_for_timeout(600)  # let the smooth scroll settle for the screenshot
    page.screenshot(path=artifacts_dir / "screenshots" / "desktop-document.png")
    assert page.dialogs == []
    assert page.requested_hosts <= {"127.0.0.1", "localhost"}, page.requested_hosts


def test_sources_panel_lists_the_cited_passage(page) -> None:
    ask(page, "Who is the Chinese ambassador to the United States?")
    wait_for_status(page, "Answered by")
    panel = page.locator("#rag-sources")
    assert "Qin Gang" in panel.inner_text()
    assert "relevance" in panel.inner_text()
    assert panel.locator("mark").count() >= 1


def test_abstention_is_said_plainly(page) -> None:
    ask(page, "Who won the 2022 Super Bowl?")
    wait_for_status(page, "Answered by")
    assert "does not say" in last_answer(page).inner_text()
    assert "No passage cited" in page.locator("#rag-sources").inner_text()


def test_too_long_question_gets_a_friendly_message(page) -> None:
    ask(page, "why " * 700)
    wait_for_status(page, "limit is 2,000")


def test_follow_up_question_uses_the_conversation(page) -> None:
    ask(page, "Who is Wang Yi?")
    wait_for_status(page, "Answered by")
    ask(page, "Where did he criticize NATO?")
    page.wait_for_function(
        "() => document.querySelector('#rag-status')?.innerText.includes('searched for')"
    )
    assert "Munich Security Conference" in last_answer(page).inner_text()


def test_question_sent_while_an_answer_is_pending_is_answered_after_it(page) -> None:
    ask(page, "What post does Wang Yi hold?")  # asked nowhere else, so not answered from cache
    wait_for_status(page, "Searching the sources")
    ask(page, "Where did he criticize NATO?")  # at once: the first answer is still on its way
    page.wait_for_function(
        "() => document.querySelector('#rag-status')?.innerText.includes('searched for')"
    )
    chat = page.locator("#rag-chat").inner_text()
    assert "Where did he criticize NATO?" in chat
    assert "Munich Security Conference" in last_answer(page).inner_text()
    assert page.input_value("#rag-question textarea") == ""


def test_phone_layout(browser, app_url, artifacts_dir: Path) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    page.set_default_timeout(TIMEOUT)
    page.goto(app_url)
    page.wait_for_selector("#rag-question textarea")
    ask(page, "Who is the C.I.A. director?")
    wait_for_status(page, "Answered by")
    assert "Burns" in last_answer(page).inner_text()
    page.screenshot(path=artifacts_dir / "screenshots" / "phone-answer.png", full_page=True)
    context.close()


def upload(page, path: Path) -> None:
    page.get_by_role("tab", name="Your documents").click()
    page.set_input_files("#rag-upload input[type=file]", str(path))
    page.wait_for_timeout(500)
    page.get_by_role("button", name="Add to the index").click()
    page.wait_for_function(
        "() => /Indexed|⚠️/.test(document.querySelector('#rag-upload-status')?.innerText || '')"
    )


def test_uploaded_document_becomes_citable_and_removable(
    page, tmp_path: Path, artifacts_dir: Path
) -> None:
    notes = tmp_path / "otters.md"
    notes.write_text(
        "# Otter notes\n\nThe annual otter festival in Lisbon is held every May.\n"
        "Visitors bring sardines for the otters.\n"
    )
    upload(page, notes)
    assert "Indexed otters.md" in page.locator("#rag-upload-status").inner_text()
    assert "uploads/otters.md" in page.locator("#rag-source-list").inner_text()
    page.screenshot(path=artifacts_dir / "screenshots" / "desktop-upload.png")

    ask(page, "When is the otter festival in Lisbon held?")
    wait_for_status(page, "Answered by")
    assert "May" in last_answer(page).inner_text()
    assert "uploads/otters.md" in page.locator("#rag-sources").inner_text()

    page.get_by_role("tab", name="Your documents").click()
    page.locator("#rag-remove-choice input").click()
    page.get_by_role("option", name="uploads/otters.md").click()
    page.get_by_role("button", name="Remove").click()
    page.wait_for_function(
        "() => document.querySelector('#rag-upload-status')?.innerText.includes('Removed')"
    )
    assert "otters.md" not in page.locator("#rag-source-list").inner_text()


def test_markup_in_documents_and_names_is_shown_as_text(page, tmp_path: Path) -> None:
    hostile = tmp_path / "<img src=x onerror=alert(1)>.md"
    hostile.write_text(
        "The zebra soup recipe <script>alert('pwned')</script> names basil as the secret "
        "ingredient of zebra soup. <img src=x onerror=alert(2)>\n"
    )
    upload(page, hostile)
    ask(page, "What is the secret ingredient of zebra soup?")
    wait_for_status(page, "Answered by")
    text = last_answer(page).inner_text()
    assert "<script>alert('pwned')</script>" in text
    assert "basil" in text
    page.wait_for_timeout(500)
    assert page.dialogs == []
    assert page.locator("#rag-chat script, #rag-sources script, #rag-chat img[src=x]").count() == 0


def test_api_endpoint_answers_with_citations_as_json(app_url) -> None:
    from gradio_client import Client

    client = Client(app_url, verbose=False)
    result = client.predict("Who is the C.I.A. director?", api_name="/ask")
    assert "Burns" in result["text"]
    assert result["citations"] and "Burns" in result["citations"][0]["quote"]
