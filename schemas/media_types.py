"""Which media types an endpoint reads: one rule for every endpoint with a body, in the
registry and the catalogue alike."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from litestar import Request

from schemas.errors import UnsupportedMediaTypeError

JSON_ONLY = ("application/json",)
# What the XML endpoints read: the registered XML media types (RFC 7303).
XML_TYPES = ("application/xml", "text/xml")
# What the CSV imports read (RFC 4180).
CSV_TYPES = ("text/csv",)


def require_media_type(
    request: Request[Any, Any, Any], readable: Collection[str], *, default: str | None = None
) -> str:
    """The body's media type, when the endpoint reads it; else 415 `unsupported-media-type`.
    JSON is also `application/<anything>+json`, XML also `application/<anything>+xml`. A body
    without Content-Type is read as `default` where the endpoint reads one kind only (JSON,
    XML), else refused too."""
    given = request.content_type[0] or default or ""
    if given in readable or _same_family(given, readable):
        return given
    raise UnsupportedMediaTypeError(
        f"this endpoint reads {', '.join(sorted(readable))}, not {given or 'a body without type'}"
    )


def _same_family(given: str, readable: Collection[str]) -> bool:
    if not given.startswith("application/"):
        return False
    return ("application/json" in readable and given.endswith("+json")) or (
        "application/xml" in readable and given.endswith("+xml")
    )
