"""The API documentation at /schema: Swagger UI from this package, under a strict CSP.

Litestar's viewers load their scripts, styles and fonts from CDNs, without integrity checks,
on the same origin as the signed-in pages: whoever controls such a CDN could run script as
our users. Here the viewer is a copy in `registry/web/static/apidocs/` (source, version and
licence in its README), started by a script of its own (no inline script), and the page may
load nothing from elsewhere.
"""

from __future__ import annotations

import html
from typing import Any

from litestar import Request, Router
from litestar.datastructures import ResponseHeader
from litestar.openapi.plugins import OpenAPIRenderPlugin, YamlRenderPlugin

ASSETS = "/static/apidocs"
# Swagger UI sets its styles through the DOM (not blocked by style-src) and draws its icons
# from data: URIs in its stylesheet; "Try it out" calls this origin's API.
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)

PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="{assets}/swagger-ui.css">
<link rel="stylesheet" href="{assets}/apidocs.css">
</head>
<body>
<main id="swagger-ui" data-spec-url="{spec}"></main>
<script src="{assets}/swagger-ui-bundle.js"></script>
<script src="{assets}/apidocs.js"></script>
</body>
</html>
"""


class LocalSwaggerUi(OpenAPIRenderPlugin):
    """Swagger UI from our own static files, reading the schema from /schema/openapi.json."""

    def __init__(self) -> None:
        super().__init__(path=["/", "/swagger"], favicon="", style="")

    def render(self, request: Request[Any, Any, Any], openapi_schema: dict[str, Any]) -> bytes:
        return PAGE.format(
            title=html.escape(str(openapi_schema["info"]["title"])),
            assets=ASSETS,
            spec=html.escape(self.get_openapi_json_route(request), quote=True),
        ).encode()


def render_plugins() -> list[OpenAPIRenderPlugin]:
    """The page and the schema as YAML; /schema/openapi.json is added by Litestar."""
    return [LocalSwaggerUi(), YamlRenderPlugin()]


def docs_router(path: str = "/schema") -> Router:
    """The router Litestar fills with the documentation routes, each answered under CSP."""
    return Router(
        path=path,
        route_handlers=[],
        include_in_schema=False,
        response_headers=[ResponseHeader(name="Content-Security-Policy", value=CSP)],
    )
