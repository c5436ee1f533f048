"""One uvicorn server on one port for the web chat and the API: blocking for `rag chat`, in a
background thread for tests and benchmarks."""

from __future__ import annotations

import logging
import socket
import threading
import time
from typing import Any

import uvicorn

from rag.errors import RagError

logger = logging.getLogger(__name__)


class RunningServer:
    """A server started in the background; `close()` stops it."""

    def __init__(self, server: uvicorn.Server, thread: threading.Thread, url: str) -> None:
        self._server = server
        self._thread = thread
        self.url = url

    def close(self) -> None:
        self._server.should_exit = True
        self._thread.join(timeout=30)


def _check_port(host: str, port: int) -> None:
    """Fail with one line if the address is taken, before the app is started on it."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn binds
        try:
            sock.bind((host, port))
        except OSError as exc:
            raise RagError(
                f"cannot listen on {host}:{port} ({exc.strerror}); "
                "choose another port with --port or RAG_UI_PORT"
            ) from exc


def serve(app: Any, host: str, port: int, *, block: bool = True) -> tuple[RunningServer, str]:
    """Serve `app`; with `block`, until interrupted, else in a thread (returned with the URL)."""
    _check_port(host, port)
    shown = f"[{host}]" if ":" in host else host
    url = f"http://{shown}:{port}/"
    config = uvicorn.Config(
        app,
        host=host,
        port=port,
        log_level="info" if block else "warning",
        access_log=False,
        timeout_graceful_shutdown=5,
    )
    server = uvicorn.Server(config)
    if block:
        logger.info("serving the web chat on %s and the API on %sv1", url, url)
        server.run()
        return RunningServer(server, threading.current_thread(), url), url
    thread = threading.Thread(target=server.run, name="rag-server", daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            server.should_exit = True
            raise RagError("the web server did not start")
        time.sleep(0.02)
    return RunningServer(server, thread, url), url
