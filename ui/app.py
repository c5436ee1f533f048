"""The Gradio web chat: layout and event wiring over `rag.Engine`; no retrieval or formatting."""

from __future__ import annotations

import logging
from pathlib import Path

import gradio as gr

from rag.engine import Engine
from rag.errors import RagError
from rag.library import SUPPORTED_SUFFIXES
from rag.settings import Settings
from ui.api import build_api, check_api_bind, is_loopback
from ui.chat import ChatApp
from ui.server import RunningServer, serve

logger = logging.getLogger(__name__)

EXAMPLES = [
    "Where did Mr. Xi and Mr. Putin meet on Feb. 4?",
    "What has the U.S. been sending to Ukraine, according to Hua Chunying?",
    "Who is the Chinese ambassador to the United States?",
    "What did the joint statement say about NATO?",
]
UPLOAD_TYPES = list(SUPPORTED_SUFFIXES)  # the loaders' table, through the library
STYLE = (Path(__file__).with_name("style.css")).read_text(encoding="utf-8")

# Clicking a [n] anywhere asks the server to open that citation in the document view.
CLICK_JS = """
() => {
  document.addEventListener('click', (event) => {
    const link = event.target.closest('a[href^="#cite-"]');
    if (!link) return;
    event.preventDefault();
    const box = document.querySelector('#rag-cite-target textarea, #rag-cite-target input');
    const go = document.querySelector('#rag-cite-go');
    if (!box || !go) return;
    box.value = link.getAttribute('href').slice(6);
    box.dispatchEvent(new Event('input', { bubbles: true }));
    setTimeout(() => go.click(), 50);
  });
}
"""
SCROLL_JS = """
() => { setTimeout(() => {
  const mark = document.getElementById('rag-highlight');
  if (mark) mark.scrollIntoView({ block: 'center', behavior: 'smooth' });
}, 150); }
"""


def build_app(engine: Engine, settings: Settings) -> gr.Blocks:
    """The page: chat on the left; sources, document view and uploads on the right."""
    app = ChatApp(engine)
    with gr.Blocks(title="Cited answers", fill_width=True) as demo:
        last = gr.State(None)
        with gr.Row(elem_id="rag-header"):
            gr.Markdown(
                "# Cited answers\nAsk about the article *U.S. Officials Repeatedly Urged "
                "China to Help Avert War in Ukraine* (Feb. 25, 2022) or your own documents. "
                "Every answer cites its passages; click a **[n]** to see it in the text."
            )
        with gr.Row(equal_height=False):
            with gr.Column(scale=3, min_width=320):
                chatbot = gr.Chatbot(
                    label="Conversation",
                    height=460,
                    elem_id="rag-chat",
                    sanitize_html=True,
                    render_markdown=False,
                    feedback_options=None,
                    buttons=["copy"],
                    placeholder="Ask a question about the article, or pick an example below.",
                )
                status = gr.Markdown("", elem_id="rag-status")
                with gr.Row():
                    box = gr.Textbox(
                        placeholder="Ask a question…",
                        show_label=False,
                        lines=1,
                        max_lines=4,
                        scale=5,
                        elem_id="rag-question",
                        autofocus=True,
                    )
                    send = gr.Button("Ask", variant="primary", scale=1, min_width=80)
                with gr.Row(elem_id="rag-examples"):
                    example_buttons = [
                        gr.Button(q, size="sm", variant="secondary") for q in EXAMPLES
                    ]
                clear = gr.Button("Clear conversation", size="sm", variant="secondary")
            with gr.Column(scale=2, min_width=300), gr.Tabs(selected="sources") as tabs:
                with gr.Tab("Sources", id="sources"):
                    sources_panel = gr.HTML(
                        '<p class="rag-muted">Cited passages appear here.</p>',
                        elem_id="rag-sources",
                    )
                with gr.Tab("Document", id="document"):
                    document = gr.HTML(
                        '<p class="rag-muted">Click a citation to see it in its document.</p>',
                        elem_id="rag-document",
                    )
                with gr.Tab("Your documents", id="uploads"):
                    files = gr.File(
                        label=f"Add .txt, .md, .pdf or .html (up to "
                        f"{settings.upload_max_mb:g} MB each, {settings.upload_max_files} "
                        "at a time)",
                        file_count="multiple",
                        file_types=UPLOAD_TYPES,
                        elem_id="rag-upload",
                    )
                    add = gr.Button("Add to the index", variant="primary", size="sm")
                    upload_status = gr.Markdown("", elem_id="rag-upload-status")
                    listing = gr.HTML("", elem_id="rag-source-list")
                    with gr.Row():
                        removable = gr.Dropdown(
                            label="Uploaded source",
                            choices=[],
                            scale=3,
                            elem_id="rag-remove-choice",
                        )
                        remove = gr.Button("Remove", size="sm", scale=1, elem_id="rag-remove")
        cite_target = gr.Textbox(elem_id="rag-cite-target", elem_classes=["rag-hidden"])
        cite_go = gr.Button("show", elem_id="rag-cite-go", elem_classes=["rag-hidden"])

        outputs = [chatbot, box, last, sources_panel, tabs, status]
        ask_inputs = [box, chatbot, last]
        # A question sent while the last answer is still closing runs after it, not dropped.
        ask = {"api_visibility": "private", "trigger_mode": "always_last"}
        box.submit(app.respond, ask_inputs, outputs, **ask)
        send.click(app.respond, ask_inputs, outputs, **ask)
        for button, question in zip(example_buttons, EXAMPLES, strict=True):
            button.click(
                lambda q=question: q, None, box, queue=False, api_visibility="private"
            ).then(app.respond, ask_inputs, outputs, api_visibility="private")
        clear.click(
            lambda: ([], None, '<p class="rag-muted">Cited passages appear here.</p>', ""),
            None,
            [chatbot, last, sources_panel, status],
            queue=False,
            api_visibility="private",
        )
        cite_go.click(
            app.show_citation, [cite_target, last], [document, tabs], api_visibility="private"
        ).then(None, None, None, js=SCROLL_JS)
        add.click(
            app.upload, [files], [upload_status, listing, removable], api_visibility="private"
        )
        remove.click(
            app.remove, [removable], [upload_status, listing, removable], api_visibility="private"
        )
        demo.load(app.sources, None, [listing, removable], api_visibility="private")
        gr.api(app.api_ask, api_name="ask")
    demo.queue(default_concurrency_limit=settings.ui_concurrency)
    return demo


def check_bind(settings: Settings) -> None:
    """Refuse to expose the chat beyond this machine without a login, unless forced."""
    if is_loopback(settings.ui_host) or settings.ui_auth or settings.ui_allow_public:
        return
    raise RagError(
        f"refusing to bind {settings.ui_host} without a login: set RAG_UI_AUTH=user:password "
        "(or RAG_UI_ALLOW_PUBLIC=true to expose it anyway)"
    )


def auth_pair(settings: Settings) -> tuple[str, str] | None:
    if settings.ui_auth is None:
        return None
    user, sep, password = settings.ui_auth.get_secret_value().partition(":")
    if not sep or not user or not password:
        raise RagError("RAG_UI_AUTH must look like user:password")
    return user, password


def launch(
    settings: Settings, engine: Engine | None = None, *, block: bool = True
) -> tuple[RunningServer, str]:
    """Serve the web chat and the /v1 API on one port; returns the server and its URL.

    With `block` it serves until interrupted; otherwise in the background (`close()` stops it).
    """
    check_bind(settings)
    check_api_bind(settings)
    auth = auth_pair(settings)
    engine = engine or Engine.from_settings(settings)
    demo = build_app(engine, settings)
    app = gr.mount_gradio_app(
        build_api(engine, settings),
        demo,
        path="/",
        server_name=settings.ui_host,
        server_port=settings.ui_port,
        auth=auth,
        show_error=False,
        max_file_size=f"{settings.upload_max_mb:g}mb",
        footer_links=["api"],
        ssr_mode=False,
        pwa=False,
        mcp_server=False,
        css=STYLE,
        js=CLICK_JS,
    )
    return serve(app, settings.ui_host, settings.ui_port, block=block)
