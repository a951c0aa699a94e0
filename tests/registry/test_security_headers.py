"""nosniff on every response; the API documentation from our own files under a CSP
(issue 9.16). The browser side is tests/web/test_browser_apidocs.py."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from litestar.testing import AsyncTestClient

from registry.web.apidocs import ASSETS
from tests.web.helpers import HTML

STATIC = Path(__file__).resolve().parents[2] / "registry" / "web" / "static"


@pytest.mark.parametrize(
    ("path", "headers", "status"),
    [
        ("/health", {}, 200),  # JSON
        ("/api/catalogue/modules/not-a-module", {}, 404),  # problem+json from the router
        ("/api/me/cv", {}, 401),  # problem+json from a handler
        ("/", HTML, 200),  # a page
        ("/bestaat-niet", HTML, 404),  # an error page
        ("/static/site.css", {}, 200),  # a static file
        ("/schema", {}, 200),
        ("/schema/openapi.json", {}, 200),
    ],
)
async def test_every_response_says_nosniff(
    client: AsyncTestClient[Any], path: str, headers: dict[str, str], status: int
) -> None:
    response = await client.get(path, headers=headers)
    assert response.status_code == status
    assert response.headers["x-content-type-options"] == "nosniff"


async def test_the_api_documentation_uses_only_this_origin(client: AsyncTestClient[Any]) -> None:
    page = await client.get("/schema")
    assert page.headers["content-type"].startswith("text/html")
    csp = page.headers["content-security-policy"]
    assert "default-src 'none'" in csp
    assert "script-src 'self';" in csp
    assert "unsafe" not in csp
    assert "http" not in csp  # no other origin is allowed
    assert "<script>" not in page.text  # no inline script to allow
    linked = re.findall(r'(?:src|href)="([^"]+)"', page.text)
    assert linked == [
        "data:,",
        f"{ASSETS}/swagger-ui.css",
        f"{ASSETS}/apidocs.css",
        f"{ASSETS}/swagger-ui-bundle.js",
        f"{ASSETS}/apidocs.js",
    ]
    for url in linked[1:]:
        asset = await client.get(url)
        assert asset.status_code == 200, url
        assert asset.content == (STATIC / url.removeprefix("/static/")).read_bytes()
    # The viewers Litestar would load from CDNs are not served.
    for viewer in ("/schema/redoc", "/schema/elements", "/schema/rapidoc"):
        assert (await client.get(viewer)).status_code == 404
    schema = await client.get("/schema/openapi.json")
    assert schema.json()["info"]["title"] == "LLO registry"


def test_the_viewer_copy_says_where_it_comes_from() -> None:
    readme = (STATIC / "apidocs" / "README.md").read_text()
    assert "swagger-ui-dist" in readme
    assert "5.35.0" in readme
    assert "Apache License 2.0" in readme
    assert (STATIC / "apidocs" / "LICENSE").read_text().lstrip().startswith("Apache License")
