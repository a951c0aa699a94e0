"""The API documentation in a real browser: Swagger UI from our own files, nothing fetched
from another origin, nothing blocked by its CSP (the `page` fixture fails on any block)."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, Request, expect

pytestmark = pytest.mark.browser


def test_the_api_documentation_loads_only_from_this_server(page: Page) -> None:
    elsewhere: list[str] = []

    def record(request: Request) -> None:
        url = urlsplit(request.url)
        if url.scheme not in {"data", "blob"} and url.hostname != "127.0.0.1":
            elsewhere.append(request.url)

    page.on("request", record)
    page.goto("/schema")
    expect(page.get_by_role("heading", name="LLO registry")).to_be_visible()
    # The schema was read and drawn: an operation of the catalogue API is listed.
    expect(
        page.locator(".opblock-summary-path", has_text="/api/catalogue/modules").first
    ).to_be_visible()
    page.wait_for_load_state("networkidle")
    assert elsewhere == []
