"""A provider's web server on 127.0.0.1 for feed and directory tests (`site`, a fixture of
tests/registry/conftest.py)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

DOCUMENTS = Path(__file__).parent.parent / "catalogue" / "documents" / "edudex"


class Site:
    """What the provider's web server answers: path -> (status, headers, body)."""

    def __init__(self) -> None:
        self.pages: dict[str, tuple[int, dict[str, str], bytes]] = {}
        self.base = ""
        self.requested: list[str] = []

    def put(self, path: str, body: bytes, status: int = 200, **headers: str) -> None:
        self.pages[path] = (status, headers, body)

    def serve_documents(self, programs: tuple[str, ...] = ("warmtepomp", "zonnepanelen")) -> None:
        directory = (DOCUMENTS / "directory.xml").read_text().replace("{base}", self.base)
        if "zonnepanelen" not in programs:
            start = directory.index("  <programResource>\n    <lastEdited>2026-11-21")
            directory = directory[:start] + "</edudexDirectory>\n"
        self.put("/directory.xml", directory.encode())
        for name in ("warmtepomp", "zonnepanelen"):
            self.put(f"/program-{name}.xml", (DOCUMENTS / f"program-{name}.xml").read_bytes())


@pytest.fixture
def site() -> Iterator[Site]:
    pages = Site()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            pages.requested.append(self.path)
            status, headers, body = pages.pages.get(self.path, (404, {}, b"not here"))
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name.replace("_", "-"), value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    pages.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield pages
    finally:
        server.shutdown()
        server.server_close()
