"""The session cookie and the hook that tells every page who is signed in."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac

from litestar.datastructures import Cookie

from registry.accounts.signin import SESSION_LIFETIME, account_for_session
from registry.settings import Settings
from registry.web.pages import Connection, WebUser, signed_in
from schemas.common import Actor

SESSION_COOKIE = "llo_session"
# Set at a successful sign-in: this browser knows the password of this address, so the
# per-address lock on wrong passwords (`registry.accounts.signin.authenticate`) does not
# hold it, and strangers who fail on purpose cannot lock the person out.
KNOWN_CLIENT_COOKIE = "llo_known"
KNOWN_CLIENT_LIFETIME = dt.timedelta(days=365)


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


def _known_client_code(settings: Settings, email: str) -> str:
    message = f"known-client:{email.strip().lower()}".encode()
    return hmac.new(settings.secret_key.encode(), message, hashlib.sha256).hexdigest()[:32]


def known_client_cookie(settings: Settings, email: str) -> Cookie:
    return Cookie(
        key=KNOWN_CLIENT_COOKIE,
        value=_known_client_code(settings, email),
        max_age=int(KNOWN_CLIENT_LIFETIME.total_seconds()),
        path="/inloggen",
        httponly=True,
        samesite="lax",
        secure=settings.is_https,
    )


def is_known_client(connection: Connection, settings: Settings, email: str) -> bool:
    sent = connection.cookies.get(KNOWN_CLIENT_COOKIE, "")
    return hmac.compare_digest(sent, _known_client_code(settings, email))


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
