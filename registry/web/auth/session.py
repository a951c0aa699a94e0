"""The session cookie and the hooks that tell every page, error pages too, who is signed in."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import logging

from litestar import Request
from litestar.datastructures import Cookie
from litestar.enums import ScopeType
from litestar.middleware.csrf import CSRF_SECRET_LENGTH, generate_csrf_hash, generate_csrf_token
from litestar.types import Scope
from litestar.utils.scope.state import ScopeState

from registry.accounts.signin import SESSION_LIFETIME, account_for_session
from registry.settings import Settings
from registry.web.errors import NEW_CSRF_COOKIE, wants_page
from registry.web.pages import AnyRequest, Connection, WebUser, signed_in
from schemas.common import Actor

log = logging.getLogger("registry")
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


async def know_the_visitor(exc: Exception, scope: Scope) -> None:
    """After any exception, before its (synchronous) handler renders the error page: who is
    signed in, so the page has the header that person sees everywhere else. An error raised
    before a page handler ran (an unknown path, a wrong method, a refused CSRF token) comes
    before the pages' own hook loaded the session; without this the page would say "Inloggen"
    to a signed-in person."""
    if scope["type"] != ScopeType.HTTP:
        return
    request: AnyRequest = Request(scope)
    if not wants_page(request):
        return
    # Without a state in the scope a connection's state is a new dict each time.
    scope.setdefault("state", {})
    try:
        await load_web_user(request)
    except Exception:
        # The error being shown may be the database itself: show the page without a person.
        log.exception("error page: could not read the session on %s", request.url.path)
        request.state.web_user = None
        return
    if request.state.web_user is not None:
        _give_csrf_token(request, scope)


def _give_csrf_token(request: AnyRequest, scope: Scope) -> None:
    """The sign-out button in the header posts a CSRF token. Before routing no CSRF
    middleware ran: take the browser's own token when it is good, else make one and have the
    page set its cookie (as the middleware does for any other page)."""
    state = ScopeState.from_scope(scope)
    config = request.app.csrf_config
    if isinstance(state.csrf_token, str) or config is None:
        return
    cookie = request.cookies.get(config.cookie_name, "")
    if _good_csrf_token(cookie, config.secret):
        state.csrf_token = cookie
        return
    state.csrf_token = generate_csrf_token(config.secret)
    request.state[NEW_CSRF_COOKIE] = Cookie(
        key=config.cookie_name,
        value=state.csrf_token,
        path=config.cookie_path,
        secure=config.cookie_secure,
        httponly=config.cookie_httponly,
        samesite=config.cookie_samesite,
        domain=config.cookie_domain,
    )


def _good_csrf_token(token: str, secret: str) -> bool:
    """Whether `token` is one this site signed (Litestar's CSRF token: random part + HMAC)."""
    random_part, mac = token[:CSRF_SECRET_LENGTH], token[CSRF_SECRET_LENGTH:]
    return bool(mac) and hmac.compare_digest(mac, generate_csrf_hash(random_part, secret))
