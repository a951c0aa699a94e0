"""What every HTTP request goes through before and after its handler, each rule once."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qsl

from litestar import Request
from litestar.types import ASGIApp, Receive, Scope, Send

from schemas.errors import MalformedInputError, NotFoundError
from schemas.json_input import require_clean_json, require_shallow
from schemas.text import control_character, control_errors


class RegistryRequest(Request[Any, Any, Any]):
    """Litestar's request, with our limits on what it decodes."""

    async def json(self) -> Any:
        """The JSON body: nested too deep it is malformed (checked before the decoder
        recurses), and no string in it may carry a control character (schemas.text)."""
        body = await self.body()
        require_shallow(body)
        value = await super().json()
        require_clean_json(body, value)
        return value


def clean_request_text(app: ASGIApp) -> ASGIApp:
    """Middleware: the text rule (schemas.text) for the path and the query string, which
    reach the database as search terms, slugs and tokens (PostgreSQL refused a NUL with a
    500). Nothing is named with a control character (404); a query parameter with one is a
    bad parameter (400 `invalid-parameter`, like any parameter Litestar cannot read)."""

    async def middleware(scope: Scope, receive: Receive, send: Send) -> None:
        if control_character(scope["path"]) is not None:
            raise NotFoundError("no address contains a control character", code="not-found")
        query = scope.get("query_string", b"").decode("latin-1")
        errors = control_errors(
            parse_qsl(query, keep_blank_values=True, errors="replace"), source="query"
        )
        if errors:
            first = errors[0]
            raise MalformedInputError(
                f"{first['key']}: {first['message']}", code="invalid-parameter", errors=errors
            )
        await app(scope, receive, send)

    return middleware
