"""The session cookie and the hook that tells every page who is signed in."""

from __future__ import annotations

import datetime as dt

from litestar.datastructures import Cookie

from registry.accounts.signin import SESSION_LIFETIME, account_for_session
from registry.settings import Settings
from registry.web.pages import Connection, WebUser, signed_in
from schemas.common import Actor

SESSION_COOKIE = "llo_session"


def session_cookie(settings: Settings, token: str, *, expire: bool = False) -> Cookie:
    """HttpOnly, SameSite=Lax, and Secure whenever the site is served over https."""
    return Cookie(
        key=SESSION_COOKIE,
        value=token,
        max_age=0 if expire else int(SESSION_LIFETIME.total_seconds()),
        path="/",
        httponly=True,
        samesite="lax",
        secure=settings.is_https,
    )


async def load_web_user(connection: Connection) -> None:
    """Before each page: resolve the session cookie to `state.web_user`, once per request (a
    page's role guard runs before this hook and asks first)."""
    if "web_user" in connection.state:
        return
    connection.state.web_user = None
    token = connection.cookies.get(SESSION_COOKIE)
    if not token:
        return
    async with connection.app.state.sessionmaker() as session:
        account = await account_for_session(session, token, dt.datetime.now(dt.UTC))
        if account is not None:
            connection.state.web_user = WebUser(
                account_id=account.id,
                role=account.role,  # type: ignore[arg-type]
                name=account.name,
                email=account.email,
                provider_id=account.provider_id,
                verified=account.is_verified,
            )


async def page_caller(connection: Connection) -> Actor:
    """Who calls a page, for its role guard: the signed-in person whose address is proven."""
    await load_web_user(connection)
    return signed_in(connection).actor
