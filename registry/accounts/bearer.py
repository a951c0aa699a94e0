"""Who is calling: the bearer token of a request, as the `viewer` and `actor` dependencies."""

from __future__ import annotations

from typing import Any

from litestar import Request
from sqlalchemy.ext.asyncio import AsyncSession

from registry.accounts.accounts import actor_for_token
from schemas.common import Actor
from schemas.errors import NotAuthenticatedError


def _bearer(request: Request[Any, Any, Any]) -> str | None:
    header = request.headers.get("authorization")
    if header is None:
        return None
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise NotAuthenticatedError("use 'Authorization: Bearer TOKEN'", code="invalid-token")
    return token.strip()


async def provide_viewer(request: Request[Any, Any, Any], db_session: AsyncSession) -> Actor | None:
    """The caller if a token was given (public endpoints show more to owners)."""
    token = _bearer(request)
    return None if token is None else await actor_for_token(db_session, token)


async def provide_actor(viewer: Actor | None) -> Actor:
    """The caller; endpoints that take `actor` need a valid token."""
    if viewer is None:
        raise NotAuthenticatedError("this needs a bearer token", code="not-authenticated")
    return viewer
