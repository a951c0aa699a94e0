"""Sign-in, sign-out, creating an account, and the language switch."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from litestar import Controller, get, post
from litestar.datastructures import Cookie, State
from litestar.params import Parameter
from litestar.response import Redirect, Template
from sqlalchemy.ext.asyncio import AsyncSession

from registry.accounts import create_account
from registry.settings import Settings
from registry.signin import (
    authenticate,
    check_password_rules,
    end_session,
    set_password,
    start_session,
)
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
from registry.web.session import SESSION_COOKIE, session_cookie
from schemas.errors import DomainError, InvalidInputError

NextPath = Annotated[str | None, Parameter(query="next")]
SELF_SERVICE_ROLES = ("worker", "employer")
HOME_OF_ROLE = {
    "worker": "/mijn-cv",
    "provider": "/aanbieder",
    "employer": "/werkgever",
    "assessor": "/beoordelaar",
}


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class AuthPages(Controller):
    """Pages to sign in and out and to create a worker or employer account."""

    include_in_schema = False

    @get("/inloggen")
    async def get_sign_in(self, request: AnyRequest, next_path: NextPath = None) -> Template:
        """Show the sign-in form."""
        return page(request, "auth/sign_in.html", next=safe_next(next_path, ""), values={})

    @post("/inloggen")
    async def post_sign_in(
        self, request: AnyRequest, db_session: AsyncSession, settings: Settings
    ) -> Any:
        """Check e-mail and password; start a session and go on."""
        data = await read_form(request)
        values = form_values(data, "email", "next")
        try:
            account = await authenticate(db_session, values["email"], str(data.get("password", "")))
        except DomainError as error:
            return page(
                request,
                "auth/sign_in.html",
                status_code=400,
                next=values["next"],
                values=values,
                errors={"password": error_message(request, error)},
            )
        token = await start_session(db_session, account, _now())
        target = safe_next(values["next"], HOME_OF_ROLE.get(account.role, "/"))
        return see_other(target, cookies=[session_cookie(settings, token)])

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
    async def get_register(self, request: AnyRequest) -> Template:
        """Show the form to create a worker or employer account."""
        return page(request, "auth/register.html", values={"role": "worker"}, errors={})

    @post("/account-maken")
    async def post_register(
        self, request: AnyRequest, db_session: AsyncSession, settings: Settings
    ) -> Any:
        """Create the account, sign in and go to its start page."""
        data = await read_form(request)
        values = form_values(data, "name", "email", "role")
        try:
            account = await _register(db_session, values, str(data.get("password", "")))
        except DomainError as error:
            await db_session.rollback()  # nothing of a refused form stays written
            field = str(error.extra.get("field") or _field_of(error.code))
            return page(
                request,
                "auth/register.html",
                status_code=400 if error.code != "email-taken" else 409,
                values=values,
                errors={field: error_message(request, error)},
            )
        token = await start_session(db_session, account, _now())
        return see_other(HOME_OF_ROLE[account.role], cookies=[session_cookie(settings, token)])

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


def _field_of(code: str) -> str:
    return {"email-taken": "email", "password-length": "password"}.get(code, "name")


async def _register(session: AsyncSession, values: dict[str, str], password: str) -> Any:
    if values["role"] not in SELF_SERVICE_ROLES:
        raise InvalidInputError("choose worker or employer", code="role-choice", field="role")
    if not values["name"]:
        raise InvalidInputError("fill in your name", code="name-required", field="name")
    if "@" not in values["email"] or len(values["email"]) > 254:
        raise InvalidInputError("fill in an e-mail address", code="email-invalid", field="email")
    check_password_rules(password)
    account = await create_account(
        session,
        role=values["role"],  # type: ignore[arg-type]
        name=values["name"],
        email=values["email"],
    )
    set_password(account, password)
    return account
