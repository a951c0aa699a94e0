"""Request-scoped dependencies: one transaction per request, the settings and the base URL.
Who is calling is `registry.accounts.bearer`."""

from __future__ import annotations

from collections.abc import AsyncGenerator
from typing import Any

from litestar import Request
from litestar.datastructures import State
from litestar.types import ASGIApp, Receive, Scope, Send
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from registry.settings import Settings

# Where the request's session waits in the ASGI scope state for `close_request_session`.
SESSION_STATE_KEY = "registry_db_session"


async def provide_db_session(
    state: State, request: Request[Any, Any, Any]
) -> AsyncGenerator[AsyncSession, None]:
    """One transaction per request: committed when the handler succeeds, else rolled back.

    Litestar throws a handler's exception into this generator, so `session.begin()` sees it
    and rolls back: a failed request never leaves a partial write. A generator Litestar never
    resumes (a later dependency failed) is closed by `close_request_session`.
    """
    sessionmaker: async_sessionmaker[AsyncSession] = state.sessionmaker
    try:
        async with sessionmaker() as session, session.begin():
            request.state[SESSION_STATE_KEY] = session
            yield session
    finally:
        request.state.pop(SESSION_STATE_KEY, None)


def close_request_session(app: ASGIApp) -> ASGIApp:
    """Middleware: close the request's session, whatever happened to the request.

    Litestar resumes a generator dependency only once every dependency resolved: when a later
    one fails (a malformed header, a refused token, a wallet that is not yours) the session
    stayed open, holding a pooled connection idle in its transaction until the garbage
    collector found it, and other requests then waited for the pool or for SQLite's lock.
    Closing rolls back whatever was not committed and returns the connection.
    """

    async def middleware(scope: Scope, receive: Receive, send: Send) -> None:
        try:
            await app(scope, receive, send)
        finally:
            session: AsyncSession | None = scope.get("state", {}).pop(SESSION_STATE_KEY, None)
            if session is not None:
                await session.close()

    return middleware


def provide_settings(state: State) -> Settings:
    settings: Settings = state.settings
    return settings


def provide_base_url(settings: Settings) -> str:
    return settings.base_url
