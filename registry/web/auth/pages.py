"""Sign-in, sign-out, creating an account, and the language switch.

Creating an account answers with the same page whatever the address (see
`registry.accounts.flows`): it never signs anyone in; the mailed link leads to sign-in.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from litestar import Controller, get, post
from litestar.datastructures import Cookie, State
from litestar.params import Parameter
from litestar.response import Redirect, Template
from sqlalchemy.ext.asyncio import AsyncSession

from registry.accounts.flows import (
    SELF_SERVICE_ROLES,
    SIGN_IN_QUIET,
    send_verification,
    sign_up,
)
from registry.accounts.signin import authenticate, end_session, start_session
from registry.settings import Settings
from registry.web.auth.session import (
    SESSION_COOKIE,
    is_known_client,
    known_client_cookie,
    session_cookie,
)
from registry.web.errors import CONFIRM_PAGE
from registry.web.i18n import LANG_COOKIE, LANGS
from registry.web.pages import (
    AnyRequest,
    error_message,
    form_values,
    page,
    read_form,
    safe_next,
    see_other,
)
from schemas.errors import DomainError, TooManyRequestsError

NextPath = Annotated[str | None, Parameter(query="next")]
Flag = Annotated[str | None, Parameter(query="bevestigd")]
ResetDone = Annotated[str | None, Parameter(query="hersteld")]
Prefill = Annotated[str | None, Parameter(query="email")]
PrefillRole = Annotated[str | None, Parameter(query="rol")]
HOME_OF_ROLE = {
    "worker": "/mijn-cv",
    "provider": "/aanbieder",
    "employer": "/werkgever",
    "assessor": "/beoordelaar",
    "operator": "/beheer",
}


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _sign_in_form(
    request: AnyRequest, values: dict[str, str], errors: dict[str, str], status: int
) -> Template:
    """The sign-in form again, with the address as typed (never the password)."""
    return page(
        request,
        "auth/sign_in.html",
        status_code=status,
        next=values["next"],
        values=values,
        errors=errors,
    )


class AuthPages(Controller):
    """Pages to sign in and out and to create a worker or employer account."""

    include_in_schema = False

    @get("/inloggen")
    async def get_sign_in(
        self,
        request: AnyRequest,
        next_path: NextPath = None,
        confirmed: Flag = None,
        reset: ResetDone = None,
    ) -> Template:
        """Show the sign-in form (with a word of what just happened, if anything)."""
        notice = "auth.notice.confirmed" if confirmed else None
        notice = "auth.notice.reset" if reset else notice
        return page(
            request,
            "auth/sign_in.html",
            next=safe_next(next_path, ""),
            values={},
            notice=notice,
        )

    @post("/inloggen")
    async def post_sign_in(
        self, request: AnyRequest, db_session: AsyncSession, settings: Settings
    ) -> Any:
        """Check e-mail and password; start a session and go on."""
        data = await read_form(request)
        values = form_values(data, "email", "next")
        if data.refused:
            return _sign_in_form(request, values, data.refused, data.error_status())
        now = _now()
        known = is_known_client(request, settings, values["email"])
        password = str(data.get("password", ""))
        try:
            account = await authenticate(
                db_session, settings, values["email"], password, now, known_client=known
            )
        except DomainError as error:
            status = 429 if isinstance(error, TooManyRequestsError) else 400
            errors = {"password": error_message(request, error)}
            answer = _sign_in_form(request, values, errors, status)
            if "retryAfter" in error.extra:
                answer.headers["Retry-After"] = str(error.extra["retryAfter"])
            return answer
        token = await start_session(db_session, account, now)
        cookies = [session_cookie(settings, token), known_client_cookie(settings, values["email"])]
        if not account.is_verified:
            # The next sign-in of an account whose address is not proven mails a link.
            await send_verification(db_session, settings, account, now, quiet_for=SIGN_IN_QUIET)
            return see_other(CONFIRM_PAGE, cookies=cookies)
        target = safe_next(values["next"], HOME_OF_ROLE.get(account.role, "/"))
        return see_other(target, cookies=cookies)

    @post("/uitloggen")
    async def post_sign_out(
        self, request: AnyRequest, db_session: AsyncSession, settings: Settings
    ) -> Redirect:
        """End this browser's session."""
        token = request.cookies.get(SESSION_COOKIE)
        if token:
            await end_session(db_session, token)
        return see_other("/?uitgelogd=1", cookies=[session_cookie(settings, "", expire=True)])

    @get("/account-maken")
    async def get_register(
        self, request: AnyRequest, email: Prefill = None, role: PrefillRole = None
    ) -> Template:
        """Show the form to create a worker or employer account (a notice may prefill it)."""
        values = {"role": role if role in SELF_SERVICE_ROLES else "worker", "email": email or ""}
        return page(request, "auth/register.html", values=values, errors={})

    @post("/account-maken")
    async def post_register(
        self, request: AnyRequest, db_session: AsyncSession, settings: Settings
    ) -> Any:
        """Make the account (or mail the owner of the address); the answer is the same."""
        data = await read_form(request)
        values = form_values(data, "name", "email", "role")
        errors = data.refused
        if not errors:
            try:
                await sign_up(
                    db_session,
                    settings,
                    role=values["role"],
                    name=values["name"],
                    email=values["email"],
                    password=str(data.get("password", "")),
                    now=_now(),
                )
            except DomainError as error:
                await db_session.rollback()  # nothing of a refused form stays written
                errors = {str(error.extra.get("field") or "name"): error_message(request, error)}
            else:
                email = values["email"].lower()
                return page(request, "account/mail_sent.html", email=email, what="register")
        return page(
            request,
            "auth/register.html",
            status_code=data.error_status(),
            values=values,
            errors=errors,
        )

    @get("/taal/{lang:str}")
    async def get_language(self, lang: str, state: State, next_path: NextPath = None) -> Redirect:
        """Switch the pages to Dutch or English and go back."""
        settings: Settings = state.settings
        cookie = Cookie(
            key=LANG_COOKIE,
            value=lang if lang in LANGS else "nl",
            max_age=365 * 24 * 3600,
            samesite="lax",
            secure=settings.is_https,
            httponly=True,
        )
        return see_other(safe_next(next_path), cookies=[cookie])
