"""Pages for the account itself: following mailed links (confirm an address, reset a
password, move to a new address), "confirm your address first", the account page (address,
notices) and stopping notices from a mail.

A link in a mail opens a page with one button; only pressing it uses the link up. Mail
scanners and link previews open links too, and must not use a single-use link by doing so.
"""

from __future__ import annotations

import datetime as dt
import hmac
from typing import Annotated, Any

from litestar import Controller, get, post
from litestar.params import Parameter
from litestar.response import Redirect, Template
from sqlalchemy.ext.asyncio import AsyncSession

from registry import account_flows
from registry.account_tokens import Purpose, peek
from registry.mail.compose import opt_out_code
from registry.models import Account
from registry.settings import Settings
from registry.web.auth_pages import HOME_OF_ROLE
from registry.web.pages import (
    AnyRequest,
    error_message,
    form_values,
    page,
    read_form,
    see_other,
    web_user_of,
)
from registry.web.session import session_cookie
from schemas.errors import DomainError, NotAuthenticatedError, NotFoundError

Code = Annotated[str | None, Parameter(query="code")]
Address = Annotated[str | None, Parameter(query="adres")]
Done = Annotated[str | None, Parameter(query="klaar")]
ACCOUNT_NOTICES = {
    "email": "account.notice.email_changed",
    "meldingen-aan": "account.notice.notices_on",
    "meldingen-uit": "account.notice.notices_off",
    "mail": "account.notice.change_sent",
}


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


async def _own_account(request: AnyRequest, session: AsyncSession) -> Account:
    """The signed-in person's account, verified or not."""
    user = web_user_of(request)
    account = await session.get(Account, user.account_id) if user is not None else None
    if account is None:
        raise NotAuthenticatedError("sign in first", code="not-signed-in")
    return account


async def _link_page(
    request: AnyRequest, session: AsyncSession, code: str | None, purpose: Purpose, action: str
) -> Template:
    """The page behind a mailed link: a refusal for a used, expired or unknown link, else
    the one button that uses it."""
    if not code:
        raise NotFoundError("this link is not complete", code="link-unknown")
    await peek(session, code, purpose, _now())
    return page(request, "account/follow_link.html", code=code, action=action, purpose=purpose)


def _home(account: Account) -> str:
    return HOME_OF_ROLE.get(account.role, "/")


class AccountPages(Controller):
    """Following mailed links, the account page, and stopping notices."""

    include_in_schema = False

    @get("/e-mailadres-bevestigen")
    async def get_confirm(
        self, request: AnyRequest, db_session: AsyncSession, code: Code = None
    ) -> Template:
        """The page of a confirmation link: one button confirms the address."""
        return await _link_page(request, db_session, code, "verify", "/e-mailadres-bevestigen")

    @post("/e-mailadres-bevestigen")
    async def post_confirm(self, request: AnyRequest, db_session: AsyncSession) -> Redirect:
        """Confirm the address; then the CV (signed in) or sign-in (not signed in)."""
        data = form_values(await read_form(request), "code")
        account = await account_flows.confirm_email(db_session, data["code"], _now())
        user = web_user_of(request)
        if user is not None and user.account_id == account.id:
            return see_other(f"{_home(account)}?bevestigd=1")
        return see_other(f"/inloggen?next={_home(account)}&bevestigd=1")

    @get("/wachtwoord-vergeten")
    async def get_forgot(self, request: AnyRequest) -> Template:
        """Ask for a reset link."""
        return page(request, "account/forgot.html", values={})

    @post("/wachtwoord-vergeten")
    async def post_forgot(
        self, request: AnyRequest, db_session: AsyncSession, settings: Settings
    ) -> Template:
        """Mail a reset link if the address has an account; the same answer either way."""
        values = form_values(await read_form(request), "email")
        await account_flows.request_reset(db_session, settings, values["email"], _now())
        return page(request, "account/mail_sent.html", email=values["email"].lower(), what="reset")

    @get("/wachtwoord-herstellen")
    async def get_reset(
        self, request: AnyRequest, db_session: AsyncSession, code: Code = None
    ) -> Template:
        """The page of a reset link: choose a new password."""
        if not code:
            raise NotFoundError("this link is not complete", code="link-unknown")
        await peek(db_session, code, "reset", _now())
        return page(request, "account/reset.html", code=code, errors={})

    @post("/wachtwoord-herstellen")
    async def post_reset(
        self, request: AnyRequest, db_session: AsyncSession, settings: Settings
    ) -> Any:
        """Set the new password; every session of the account ends, this one too."""
        data = await read_form(request)
        code = form_values(data, "code")["code"]
        try:
            await account_flows.reset_password(
                db_session, code, str(data.get("password", "")), _now()
            )
        except DomainError as error:
            if error.code != "password-length":
                raise
            return page(
                request,
                "account/reset.html",
                status_code=400,
                code=code,
                errors={"password": error_message(request, error)},
            )
        return see_other(
            "/inloggen?hersteld=1", cookies=[session_cookie(settings, "", expire=True)]
        )

    @get("/account/bevestigen")
    async def get_verify_needed(
        self, request: AnyRequest, db_session: AsyncSession, done: Done = None
    ) -> Any:
        """Confirm your address first: what to do, and a button to get the mail again."""
        account = await _own_account(request, db_session)
        if account.is_verified:
            return see_other(_home(account))
        return page(request, "account/verify_needed.html", email=account.email, sent=done)

    @post("/account/bevestigen/opnieuw")
    async def post_resend(
        self, request: AnyRequest, db_session: AsyncSession, settings: Settings
    ) -> Redirect:
        """Mail a new confirmation link (a few per hour at most)."""
        account = await _own_account(request, db_session)
        sent = await account_flows.send_verification(db_session, settings, account, _now())
        return see_other(f"/account/bevestigen?klaar={'verstuurd' if sent else 'wacht'}")

    @get("/account")
    async def get_account(
        self, request: AnyRequest, db_session: AsyncSession, done: Done = None
    ) -> Any:
        """The account: address, change of address, notices."""
        account = await _own_account(request, db_session)
        if not account.is_verified:
            return see_other("/account/bevestigen")
        return await self._account_page(
            request, db_session, account, {}, {}, ACCOUNT_NOTICES.get(done or "")
        )

    async def _account_page(
        self,
        request: AnyRequest,
        session: AsyncSession,
        account: Account,
        values: dict[str, str],
        errors: dict[str, str],
        notice: str | None,
        status: int = 200,
    ) -> Template:
        wanted = await account_flows.notices_wanted(session, account.email or "")
        return page(
            request,
            "account/settings.html",
            status_code=status,
            account=account,
            notices=wanted,
            values=values,
            errors=errors,
            notice=notice,
        )

    @post("/account/e-mailadres")
    async def post_change_email(
        self, request: AnyRequest, db_session: AsyncSession, settings: Settings
    ) -> Any:
        """Mail a link to the new address; the account moves when it is followed."""
        account = await _own_account(request, db_session)
        data = await read_form(request)
        values = form_values(data, "email")
        try:
            await account_flows.request_email_change(
                db_session,
                settings,
                account,
                values["email"],
                str(data.get("password", "")),
                _now(),
            )
        except DomainError as error:
            field = str(error.extra.get("field") or "email")
            return await self._account_page(
                request,
                db_session,
                account,
                values,
                {field: error_message(request, error)},
                None,
                status=400,
            )
        return see_other("/account?klaar=mail")

    @get("/e-mailadres-wijzigen")
    async def get_change(
        self, request: AnyRequest, db_session: AsyncSession, code: Code = None
    ) -> Template:
        """The page of a link sent to a new address: one button moves the account there."""
        return await _link_page(request, db_session, code, "change-email", "/e-mailadres-wijzigen")

    @post("/e-mailadres-wijzigen")
    async def post_change(
        self, request: AnyRequest, db_session: AsyncSession, settings: Settings
    ) -> Redirect:
        """Move the account to the new address (the old one gets a notice)."""
        data = form_values(await read_form(request), "code")
        await account_flows.confirm_email_change(db_session, settings, data["code"], _now())
        if web_user_of(request) is not None:
            return see_other("/account?klaar=email")
        return see_other("/inloggen?next=/account&bevestigd=1")

    @post("/account/meldingen")
    async def post_notices(self, request: AnyRequest, db_session: AsyncSession) -> Redirect:
        """Turn optional notices on or off for the account's address."""
        account = await _own_account(request, db_session)
        wanted = form_values(await read_form(request), "wanted")["wanted"] == "1"
        await account_flows.set_notices(db_session, account.email or "", wanted=wanted)
        return see_other(f"/account?klaar={'meldingen-aan' if wanted else 'meldingen-uit'}")

    @get("/meldingen-uit")
    async def get_opt_out(
        self, request: AnyRequest, settings: Settings, address: Address = None, code: Code = None
    ) -> Template:
        """The stop-notices link of a mail: one button stops them."""
        email = _checked_address(settings, address, code)
        return page(request, "account/opt_out.html", email=email, code=code, done=False)

    @post("/meldingen-uit")
    async def post_opt_out(
        self, request: AnyRequest, db_session: AsyncSession, settings: Settings
    ) -> Template:
        """Stop optional notices to this address."""
        data = form_values(await read_form(request), "adres", "code")
        email = _checked_address(settings, data["adres"], data["code"])
        await account_flows.set_notices(db_session, email, wanted=False)
        return page(request, "account/opt_out.html", email=email, code=data["code"], done=True)


def _checked_address(settings: Settings, address: str | None, code: str | None) -> str:
    """The address of a stop-notices link whose code matches it (else 404)."""
    email = (address or "").strip().lower()
    if not email or not code or not hmac.compare_digest(opt_out_code(settings, email), code):
        raise NotFoundError("this link is not complete", code="link-unknown")
    return email
