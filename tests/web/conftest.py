"""Browser tests: a real server on 127.0.0.1 with the demo data, and Debian's Chromium
driven by Playwright. Each test saves a screenshot to `artifacts/screenshots/`.

The server runs in its own process on its own database (a fresh SQLite file, or a fresh
database on the PostgreSQL test server), so the per-test emptying of the shared test database
does not touch it.
"""

from __future__ import annotations

import asyncio
import json
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.sync_api import Browser, Page, sync_playwright
from sqlalchemy.engine import make_url

from registry.demo import DEMO_DOMAIN, DEMO_PASSWORD
from tests.mail_helpers import Inbox

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
AXE = Path(__file__).parent / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "artifacts" / "screenshots"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _fresh_database(tmp: Path) -> str:
    """A database of its own for the server: a SQLite file, or a new PostgreSQL database."""
    shared = os.environ.get("REGISTRY_TEST_DATABASE_URL")
    if not shared:
        return f"sqlite:///{tmp / 'web.sqlite3'}"
    import asyncpg

    url = make_url(shared)
    name = f"{url.database}_web"

    async def recreate() -> None:
        conn = await asyncpg.connect(
            host=url.host, port=url.port, user=url.username, database="postgres"
        )
        try:
            await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            await conn.execute(f'CREATE DATABASE "{name}"')
        finally:
            await conn.close()

    # A thread of its own: pytest-asyncio may have an event loop running in this one.
    worker = threading.Thread(target=asyncio.run, args=(recreate(),))
    worker.start()
    worker.join()
    return url.set(database=name).render_as_string(hide_password=False)


class LiveServer:
    def __init__(
        self, url: str, tokens: dict[str, str], inbox: Inbox, database_url: str = ""
    ) -> None:
        self.url = url
        self.tokens = tokens
        self.inbox = inbox  # what the server mailed (to the test's SMTP server on loopback)
        # The server's own database, for a test that must set up what no page can (old data).
        self.database_url = database_url

    def api(self, role: str) -> httpx.Client:
        """An API client with the bearer token of a demo account."""
        return httpx.Client(
            base_url=self.url, headers={"Authorization": f"Bearer {self.tokens[role]}"}
        )


@pytest.fixture(scope="session")
def live_server(
    tmp_path_factory: pytest.TempPathFactory, smtp: tuple[Inbox, str]
) -> Iterator[LiveServer]:
    tmp = tmp_path_factory.mktemp("web")
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    database_url = _fresh_database(tmp)
    env = {
        **os.environ,
        "REGISTRY_DATABASE_URL": database_url,
        "REGISTRY_BASE_URL": url,
        "REGISTRY_SECRET_KEY": "browser-test-secret",
        "REGISTRY_VAR_DIR": str(tmp),
        # Every browser test signs in from 127.0.0.1; the limit itself is tested over HTTP.
        "REGISTRY_SIGN_IN_PER_MINUTE": "100000",
        "REGISTRY_MAIL_FORMS_PER_HOUR": "100000",
        # Mail goes to a real SMTP server on loopback; the server's own job runner sends it.
        "REGISTRY_SMTP_URL": smtp[1],
        "REGISTRY_RUN_JOBS": "1",
    }
    # `registry demo` and `registry serve`, with passwords that hash in microseconds.
    registry = [sys.executable, "-m", "tests.web.live_app"]
    demo = subprocess.run([*registry, "demo"], env=env, cwd=ROOT, check=True, capture_output=True)
    tokens = json.loads(demo.stdout)
    log = (tmp / "server.log").open("wb")
    server = subprocess.Popen(
        [*registry, "serve", "127.0.0.1", str(port)],
        env=env,
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        _wait_until_up(url, server)
        yield LiveServer(url, tokens, smtp[0], database_url)
    finally:
        server.terminate()
        server.wait(timeout=10)
        log.close()


def _wait_until_up(url: str, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError("the test server stopped while starting")
        try:
            if httpx.get(f"{url}/health", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    raise RuntimeError("the test server did not start within 30 s")


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium package (scripts/test does)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def page(
    browser: Browser, live_server: LiveServer, request: pytest.FixtureRequest
) -> Iterator[Page]:
    """A fresh browser context (no cookies) at phone-ish width; a screenshot at the end."""
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1024, "height": 800})
    page = context.new_page()
    page.set_default_timeout(10_000)
    # The pages run under a strict CSP: anything it blocks (inline script or style) fails.
    blocked: list[str] = []
    page.on(
        "console",
        lambda message: (
            blocked.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    try:
        yield page
        assert blocked == [], f"blocked by the CSP: {blocked}"
    finally:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"{request.node.name}.png"), full_page=True)
        context.close()


def sign_in(page: Page, role: str) -> None:
    """Sign in as a demo account through the sign-in form."""
    page.goto("/inloggen")
    page.get_by_label("E-mailadres").fill(f"{role}@{DEMO_DOMAIN}")
    page.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_load_state()


def axe_violations(page: Page) -> list[dict[str, Any]]:
    """Serious and critical axe-core violations on the current page."""
    # Evaluated over the DevTools protocol, which the page's CSP does not govern.
    page.evaluate(AXE.read_text())
    result: dict[str, Any] = page.evaluate("async () => await axe.run(document)")
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
        if v["impact"] in {"serious", "critical"}
    ]


def assert_accessible(page: Page) -> None:
    violations = axe_violations(page)
    assert violations == [], f"axe-core on {page.url}: {violations}"


def assert_fits_width(page: Page, width: int = 375) -> None:
    """No horizontal scrolling at this width."""
    page.set_viewport_size({"width": width, "height": 800})
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= width, f"{page.url} is {scroll_width}px wide at {width}px"
