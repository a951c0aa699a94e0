"""The web pages for people: server-rendered, Dutch first, one Router under `/`.

Page handlers are thin like the API's: they read a form, call the same services the API
uses (with the signed-in person as the actor), and render a template.
"""

from __future__ import annotations

import asyncio
import re
import time
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from litestar import Router, get
from litestar.config.csrf import CSRFConfig
from litestar.contrib.jinja import JinjaTemplateEngine
from litestar.di import Provide
from litestar.middleware.rate_limit import RateLimitConfig
from litestar.response import Redirect
from litestar.static_files import create_static_files_router
from litestar.status_codes import HTTP_301_MOVED_PERMANENTLY
from litestar.template.config import TemplateConfig
from litestar.types import ASGIApp, ControllerRouterHandler, Message, Receive, Scope, Send

from registry.settings import Settings
from registry.web.assessor.certificates import CertificatePages
from registry.web.assessor.pages import AssessorPages
from registry.web.auth.account import AccountPages
from registry.web.auth.pages import AuthPages
from registry.web.auth.session import load_web_user, page_caller
from registry.web.catalogue.pages import CataloguePages
from registry.web.coach.pages import CoachPages
from registry.web.employer.pages import EmployerPages
from registry.web.employer.profiles import EmployerProfilePages
from registry.web.errors import MACHINE_PREFIXES
from registry.web.operator.imports import OperatorImportPages
from registry.web.operator.pages import OperatorPages
from registry.web.pages import provide_user
from registry.web.provider.pages import ProviderPages
from registry.web.worker.downloads import WorkerDownloadPages
from registry.web.worker.imports import WorkerImportPages
from registry.web.worker.jobs import WorkerJobPages
from registry.web.worker.pages import WorkerPages
from schemas.access import CALLER

HERE = Path(__file__).parent
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"
CSRF_COOKIE = "llo_csrf"


def template_config() -> TemplateConfig[JinjaTemplateEngine]:
    # StrictUndefined: a misspelt variable fails the page's test instead of rendering empty.
    environment = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return TemplateConfig(engine=JinjaTemplateEngine.from_environment(environment))


def csrf_config(settings: Settings) -> CSRFConfig:
    """Double-submit CSRF tokens on every form. Machine paths authenticate with bearer
    tokens, never cookies, so cross-site requests cannot ride on a session there."""
    return CSRFConfig(
        secret=settings.secret_key,
        cookie_name=CSRF_COOKIE,
        cookie_secure=settings.is_https,
        cookie_httponly=True,
        cookie_samesite="lax",
        exclude=[f"^{re.escape(prefix)}" for prefix in MACHINE_PREFIXES],
    )


def password_guess_limit(settings: Settings) -> RateLimitConfig:
    """Password guesses per minute from one client address: one bucket for every post to the
    sign-in and account forms (sign-in, a link's password, reset, change of address, sign-up),
    as each can test a password. `REGISTRY_SIGN_IN_PER_MINUTE` sets it.

    Kept in the process (Litestar's memory store): with several app processes each counts on
    its own, which still bounds guessing to a small multiple of the limit. Wrong passwords per
    address, from any client, are limited too (`registry.accounts.signin.FAILURES_PER_ADDRESS`).
    """
    return RateLimitConfig(
        rate_limit=("minute", settings.sign_in_per_minute),
        check_throttle_handler=lambda request: request.method == "POST",
        store="password_guesses",
    )


# Form posts that send a mail to an address the visitor types in.
MAIL_FORMS = frozenset(
    {
        "/account-maken",
        "/wachtwoord-vergeten",
        "/account/bevestigen/opnieuw",
        "/account/e-mailadres",
    }
)


# The least time a mail form takes to answer. Whether the typed address has an account (a
# mail made, committed and, without SMTP, written as a file before the response; or nothing)
# must not show in the time taken, so every answer waits until this much time has passed.
MAIL_FORM_FLOOR = 0.2


def answer_floor(app: ASGIApp) -> ASGIApp:
    """Middleware: hold the response of a mail form post until MAIL_FORM_FLOOR seconds after
    the request came in. It waits at the response's start, so everything the request does
    (the commit, the `.eml` file) is inside the floor."""

    async def middleware(scope: Scope, receive: Receive, send: Send) -> None:
        if scope.get("method") != "POST" or scope["path"] not in MAIL_FORMS:
            await app(scope, receive, send)
            return
        deadline = time.monotonic() + MAIL_FORM_FLOOR

        async def send_at_floor(message: Message) -> None:
            if message["type"] == "http.response.start":
                await asyncio.sleep(max(0.0, deadline - time.monotonic()))
            await send(message)

        await app(scope, receive, send_at_floor)

    return middleware


def mail_form_limit(settings: Settings) -> RateLimitConfig:
    """Mail-sending form posts per hour from one client address (each address also gets at
    most a few mails an hour: `registry.mail.limits`)."""
    return RateLimitConfig(
        rate_limit=("hour", settings.mail_forms_per_hour),
        check_throttle_handler=lambda request: (
            request.method == "POST" and request.url.path in MAIL_FORMS
        ),
        store="mail_form_limit",
    )


@get("/favicon.ico", include_in_schema=False, sync_to_thread=False)
def get_favicon() -> Redirect:
    """Browsers and tools that ask for /favicon.ico get the site's icon (pages link it)."""
    return Redirect(path="/static/favicon.svg", status_code=HTTP_301_MOVED_PERMANENTLY)


def web_handlers(settings: Settings) -> list[ControllerRouterHandler]:
    auth = Router(
        path="/",
        route_handlers=[AuthPages, AccountPages],
        middleware=[
            answer_floor,
            password_guess_limit(settings).middleware,
            mail_form_limit(settings).middleware,
        ],
    )
    pages = Router(
        path="/",
        route_handlers=[
            auth,
            CataloguePages,
            ProviderPages,
            WorkerPages,
            WorkerImportPages,
            WorkerDownloadPages,
            EmployerPages,
            EmployerProfilePages,
            WorkerJobPages,
            AssessorPages,
            CertificatePages,
            CoachPages,
            OperatorPages,
            OperatorImportPages,
        ],
        before_request=load_web_user,
        # People sign in with the session cookie (machines elsewhere with bearer tokens): the
        # caller role guards ask, and the `user` of a handler.
        opt={CALLER: page_caller},
        dependencies={"user": Provide(provide_user, sync_to_thread=False)},
        include_in_schema=False,
    )
    static = create_static_files_router(
        path="/static", directories=[STATIC], cache_control=None, include_in_schema=False
    )
    return [pages, static, get_favicon]
