"""What every HTTP request goes through before and after its handler, each rule once."""

from __future__ import annotations

import ipaddress
from collections.abc import Sequence
from typing import Any
from urllib.parse import parse_qsl

from litestar import Request
from litestar.datastructures import MutableScopeHeaders
from litestar.exceptions import SerializationException
from litestar.types import ASGIApp, Message, Receive, Scope, Send

from schemas.errors import NotFoundError
from schemas.errors.requests import InvalidParameterError, MalformedJsonError
from schemas.json_input import json_error, require_clean_json, require_shallow
from schemas.media_types import JSON_ONLY, require_media_type
from schemas.text import control_character, control_errors

# Set in the scope state of a HEAD request, which the app runs as GET (`registry.app`).
HEAD_STATE_KEY = "registry_head"


def is_head(request: Request[Any, Any, Any]) -> bool:
    """Whether the client asked HEAD: answered like GET, but nothing was looked at (a share
    opened by HEAD is not a view)."""
    return bool(request.scope.get("state", {}).get(HEAD_STATE_KEY))


class RegistryRequest(Request[Any, Any, Any]):
    """Litestar's request, with our limits on what it decodes."""

    async def json(self) -> Any:
        """The JSON body: sent as JSON (a form or text body is 415, not read as JSON), nested
        not too deep (checked before the decoder recurses), and no string in it may carry a
        control character (schemas.text)."""
        body = await self.body()
        if body:
            require_media_type(self, JSON_ONLY, default="application/json")
        require_shallow(body)
        try:
            value = await super().json()
        except SerializationException as exc:
            raise MalformedJsonError(
                f"the request body is not valid JSON: {json_error(body, str(exc))}"
            ) from None
        require_clean_json(body, value)
        return value


def clean_request_text(app: ASGIApp) -> ASGIApp:
    """Middleware: the text rule (schemas.text) for the path and the query string, which
    reach the database as search terms, slugs and tokens (PostgreSQL refused a NUL with a
    500). Nothing is named with a control character (404); a query parameter with one is a
    bad parameter (400 `invalid-parameter`, like any parameter Litestar cannot read). A
    number in the path is digits only (`path_numbers_are_digits`)."""

    async def middleware(scope: Scope, receive: Receive, send: Send) -> None:
        if control_character(scope["path"]) is not None:
            raise NotFoundError("no address contains a control character")
        if not path_numbers_are_digits(scope):
            raise NotFoundError("a number in an address is written in digits")
        query = scope.get("query_string", b"").decode("latin-1")
        errors = control_errors(
            parse_qsl(query, keep_blank_values=True, errors="replace"), source="query"
        )
        if errors:
            first = errors[0]
            raise InvalidParameterError(f"{first['key']}: {first['message']}", errors=errors)
        await app(scope, receive, send)

    return middleware


def path_numbers_are_digits(scope: Scope) -> bool:
    """Whether every number the router read from the path was written as plain digits there.
    Python's int() (Litestar's parser) also reads " 1", "+1" and "1_0": `/status/%201` named
    list 1, so one list had many addresses."""
    params: dict[str, Any] = dict(scope.get("path_params", {}))
    numbers = {name for name, value in params.items() if isinstance(value, int)}
    if not numbers:
        return True
    template = str(scope.get("path_template", ""))
    pairs = zip(template.split("/"), scope["path"].split("/"), strict=False)
    return all(
        segment.isascii() and segment.isdigit()
        for part, segment in pairs
        if part.startswith("{") and part[1:-1] in numbers
    )


Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def client_address(peer: str, forwarded_for: str, trusted: Sequence[Network]) -> str:
    """Who is asking: the connecting peer, unless the peer is a trusted proxy; then the
    nearest address in X-Forwarded-For that is not itself a trusted proxy (read from the
    right: only the hops our proxies added can be believed, the client writes the rest)."""
    if not _is_trusted(peer, trusted):
        return peer
    hops = [hop.strip() for hop in forwarded_for.split(",") if hop.strip()]
    for hop in reversed(hops):
        if not _is_address(hop):
            return peer  # the proxy did not write this: it tells us nothing
        if not _is_trusted(hop, trusted):
            return hop
    return hops[0] if hops else peer


def _is_address(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


def _is_trusted(address: str, trusted: Sequence[Network]) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in trusted)


def forwarded_client(app: ASGIApp, trusted_proxies: Sequence[str]) -> ASGIApp:
    """Middleware: the request's client address, once for everything that reads it (the
    sign-in rate limit, the access log). The server itself believes no forwarding header
    (`registry serve` runs uvicorn without proxy headers, which would trust 127.0.0.1)."""
    trusted = [ipaddress.ip_network(network) for network in trusted_proxies]

    async def middleware(scope: Scope, receive: Receive, send: Send) -> None:
        client = scope.get("client")
        if trusted and client:
            forwarded = b",".join(v for k, v in scope["headers"] if k == b"x-forwarded-for")
            address = client_address(client[0], forwarded.decode("latin-1"), trusted)
            scope["client"] = (address, client[1])
        await app(scope, receive, send)

    return middleware


async def nosniff(message: Message, scope: Scope) -> None:
    """Every response (JSON, problems, pages, static files, errors before routing) tells the
    browser to believe its Content-Type instead of guessing one from the bytes."""
    if message["type"] == "http.response.start":
        headers = MutableScopeHeaders.from_message(message)
        if "x-content-type-options" not in headers:
            headers["X-Content-Type-Options"] = "nosniff"
