"""Who is calling: the bearer token of a request, as the `viewer` and `actor` dependencies and
as the caller role guards ask (`schemas.access`). The token is looked up once per request."""

from __future__ import annotations

from typing import Any

from litestar import Request
from litestar.connection import ASGIConnection
from sqlalchemy.ext.asyncio import AsyncSession

from registry.accounts.accounts import actor_for_token
from schemas.common import Actor
from schemas.errors import NotAuthenticatedError
from schemas.errors.accounts import InvalidTokenError

# Where the request keeps the caller once its token was looked up (None: no token given).
CALLER_STATE_KEY = "bearer_caller"


def _bearer(connection: ASGIConnection[Any, Any, Any, Any]) -> str | None:
    header = connection.headers.get("authorization")
    if header is None:
        return None
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise InvalidTokenError("use 'Authorization: Bearer TOKEN'")
    return token.strip()


async def _remember(connection: ASGIConnection[Any, Any, Any, Any], session: AsyncSession) -> None:
    token = _bearer(connection)
    actor = None if token is None else await actor_for_token(session, token)
    connection.state[CALLER_STATE_KEY] = actor


def _remembered(connection: ASGIConnection[Any, Any, Any, Any]) -> Actor | None:
    actor: Actor | None = connection.state[CALLER_STATE_KEY]
    return actor


def _required(viewer: Actor | None) -> Actor:
    if viewer is None:
        raise NotAuthenticatedError("this needs a bearer token")
    return viewer


async def bearer_caller(connection: ASGIConnection[Any, Any, Any, Any]) -> Actor:
    """The caller for a role guard. Guards run before the request's transaction exists, so
    the token is looked up in a session of its own (read only, closed at once)."""
    if CALLER_STATE_KEY not in connection.state:
        async with connection.app.state.sessionmaker() as session:
            await _remember(connection, session)
    return _required(_remembered(connection))


async def provide_viewer(request: Request[Any, Any, Any], db_session: AsyncSession) -> Actor | None:
    """The caller if a token was given (public endpoints show more to owners)."""
    if CALLER_STATE_KEY not in request.state:
        await _remember(request, db_session)
    return _remembered(request)


async def provide_actor(viewer: Actor | None) -> Actor:
    """The caller; endpoints that take `actor` need a valid token."""
    return _required(viewer)
