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

    Litestar throws a handler's exception into this generator, which rolls back: a failed
    request never leaves a partial write. A generator Litestar never resumes (a later
    dependency refused the request: a token, a consent) is left alone: the session is then
    `close_request_session`'s to end, and the generator, finalised later in a task of its
    own, must not touch a session that close is ending (that raced: IllegalStateChangeError,
    "Task exception was never retrieved").
    """
    sessionmaker: async_sessionmaker[AsyncSession] = state.sessionmaker
    session = sessionmaker()
    request.state[SESSION_STATE_KEY] = session
    await session.begin()
    try:
        yield session
    except GeneratorExit:
        raise  # abandoned: the middleware closes the session (closing rolls back)
    except BaseException:
        await session.rollback()
        raise
    else:
        await session.commit()
    # Give the connection back before the response is sent; the middleware's close after
    # the response is then a no-op.
    await session.close()


def close_request_session(app: ASGIApp) -> ASGIApp:
    """Middleware: close the request's session, whatever happened to the request.

    Litestar resumes a generator dependency only once every dependency resolved: when a later
    one fails (a malformed header, a refused token, a wallet that is not yours) the session
    stayed open, holding a pooled connection idle in its transaction until the garbage
    collector found it, and other requests then waited for the pool or for SQLite's lock.
    Closing rolls back whatever was not committed and returns the connection. This is the
    one place an abandoned request's session is ended.
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


def provide_allow_loopback_fetch(settings: Settings) -> bool:
    """Whether directory imports may fetch from loopback addresses (tests only)."""
    return settings.fetch_allow_loopback
