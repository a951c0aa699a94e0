"""What a route's OpenAPI entry says beyond what its signature shows.

A route (or its controller) declares in Litestar's `opt` the domain errors it raises itself, the
request body it reads itself (raw, in several media types), and the other media types its
successful answer may come in. It is plain data, so the catalogue needs nothing from the
registry: `registry.openapi` turns it, with the route's signature and dependencies, into the
documented responses, security and request body.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from schemas.errors import DomainError

OPT_KEY = "api_doc"


@dataclass(frozen=True, slots=True)
class ApiDoc:
    """`raises`: error families the route raises; `body`: (media type, type) of a body the
    route reads itself, `str` for text; `also`: other (text) media types of its answer;
    `headers`: headers every successful answer carries."""

    raises: tuple[type[DomainError], ...] = ()
    body: tuple[tuple[str, type[Any]], ...] = ()
    also: tuple[str, ...] = ()
    headers: tuple[str, ...] = ()


def api_doc(
    *raises: type[DomainError],
    body: Mapping[str, type[Any]] | None = None,
    also: Iterable[str] = (),
    headers: Iterable[str] = (),
) -> dict[str, Any]:
    """The `opt` of a route or controller that documents these errors, body and media types."""
    return {
        OPT_KEY: ApiDoc(
            raises=raises,
            body=tuple((body or {}).items()),
            also=tuple(also),
            headers=tuple(headers),
        )
    }


__all__ = ["OPT_KEY", "ApiDoc", "api_doc"]
