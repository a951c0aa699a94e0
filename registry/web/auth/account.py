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

from registry.accounts import flows
from registry.accounts.links import Purpose
from registry.accounts.signin import start_session
from registry.mail.compose import opt_out_code
from registry.mail.notices import notices_wanted, set_notices
from registry.models import Account
from registry.settings import Settings
from registry.web.auth.pages import HOME_OF_ROLE
from registry.web.auth.session import session_cookie
from registry.web.pages import (
    AnyRequest,
    error_message,
    form_values,
    page,
    read_form,
    see_other,
    web_user_of,
)
from schemas.errors import DomainError, InvalidInputError, NotAuthenticatedError
from schemas.errors.accounts import LinkUnknownError, NotSignedInError

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
        raise NotSignedInError("sign in first")
    return account


async def _link_page(
    request: AnyRequest,
    session: AsyncSession,
    code: str | None,
    purpose: Purpose,
    action: str,
    *,
    errors: dict[str, str] | None = None,
    status_code: int = 400,
) -> Template:
    """The page behind a mailed link: a refusal for a used, expired or unknown link, else the
    one button that uses it, with a password field unless the account's holder is signed in
    (`flows.check_confirmer`); `status_code` when it shows `errors`."""
    if not code:
        raise LinkUnknownError("this link is not complete")
    account = await flows.link_account(session, code, purpose, _now())
    user = web_user_of(request)
    return page(
        request,
        "account/follow_link.html",
        status_code=status_code if errors else 200,
        code=code,
        action=action,
        purpose=purpose,
        ask_password=user is None or user.account_id != account.id,
        errors=errors or {},
    )


async def _follow_link(
    request: AnyRequest,
    session: AsyncSession,
    settings: Settings,
    purpose: Purpose,
    action: str,
    done: str,
) -> Any:
    """Press the button of a mailed link: the account's holder (signed in, or with its
    password) confirms; a wrong password shows the page again and leaves the link unused.
    Whoever gave the password is signed in and goes on to `done`."""
    data = await read_form(request)
    code = form_values(data, "code")["code"]
    if data.refused:
        return await _link_page(
            request,
            session,
            code,
            purpose,
            action,
            errors=data.refused,
            status_code=data.error_status(),
        )
    user = web_user_of(request)
    signed_in_as = user.account_id if user is not None else None
    password = str(data.get("password", ""))
    try:
        if purpose == "verify":
            account = await flows.confirm_email(
                session, code, _now(), signed_in_as=signed_in_as, password=password
            )
        else:
            account = await flows.confirm_email_change(
                session, settings, code, _now(), signed_in_as=signed_in_as, password=password
            )
    except NotAuthenticatedError as error:
        return await _link_page(
            request,
            session,
            code,
            purpose,
            action,
            errors={"password": error_message(request, error)},
        )
    if signed_in_as == account.id:
        return see_other(done.format(home=_home(account)))
    token = await start_session(session, account, _now())
    return see_other(done.format(home=_home(account)), cookies=[session_cookie(settings, token)])


def _reset_page(
    request: AnyRequest,
    code: str,
    account: Account,
    values: dict[str, str],
    errors: dict[str, str],
    status_code: int = 400,
) -> Template:
    return page(
        request,
        "account/reset.html",
        status_code=status_code if errors else 200,
        code=code,
        choose_profile=account.email_verified_at is None,
        values=values,
        errors=errors,
    )


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
    async def post_confirm(
        self, request: AnyRequest, db_session: AsyncSession, settings: Settings
    ) -> Any:
        """Confirm the address (the account's holder only), then its start page."""
        return await _follow_link(
            request,
            db_session,
            settings,
            "verify",
            "/e-mailadres-bevestigen",
            "{home}?klaar=bevestigd",
        )

    @get("/wachtwoord-vergeten")
    async def get_forgot(self, request: AnyRequest) -> Template:
        """Ask for a reset link."""
        return page(request, "account/forgot.html", values={}, errors={})

    @post("/wachtwoord-vergeten")
    async def post_forgot(
        self, request: AnyRequest, db_session: AsyncSession, settings: Settings
    ) -> Template:
        """Mail a reset link if the address has an account; the same answer either way."""
        data = await read_form(request)
        values = form_values(data, "email")
        if data.refused:
            return page(
                request,
                "account/forgot.html",
                status_code=data.error_status(),
                values=values,
                errors=data.refused,
            )
        await flows.request_reset(db_session, settings, values["email"], _now())
        return page(request, "account/mail_sent.html", email=values["email"].lower(), what="reset")

    @get("/wachtwoord-herstellen")
    async def get_reset(
        self, request: AnyRequest, db_session: AsyncSession, code: Code = None
    ) -> Template:
        """The page of a reset link: choose a new password (and, for an account whose address
        was never proven, its name and role)."""
        if not code:
            raise LinkUnknownError("this link is not complete")
        account = await flows.link_account(db_session, code, "reset", _now())
        return _reset_page(request, code, account, {"role": "worker"}, {})

    @post("/wachtwoord-herstellen")
    async def post_reset(
        self, request: AnyRequest, db_session: AsyncSession, settings: Settings
    ) -> Any:
        """Set the new password; every session of the account ends, this one too."""
        data = await read_form(request)
        values = form_values(data, "code", "role", "name")
        errors = data.refused
        if not errors:
            try:
                await flows.reset_password(
                    db_session,
                    settings,
                    values["code"],
                    str(data.get("password", "")),
                    _now(),
                    role=values["role"],
                    name=values["name"],
                )
            except InvalidInputError as error:
                field = str(error.extra.get("field") or "password")
                errors = {field: error_message(request, error)}
            else:
                signed_out = session_cookie(settings, "", expire=True)
                return see_other("/inloggen?hersteld=1", cookies=[signed_out])
        account = await flows.link_account(db_session, values["code"], "reset", _now())
        status = data.error_status()
        return _reset_page(request, values["code"], account, values, errors, status)

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
        sent = await flows.send_verification(db_session, settings, account, _now())
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
        wanted = await notices_wanted(session, account.email or "")
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
        errors = data.refused
        if not errors:
            try:
                await flows.request_email_change(
                    db_session,
                    settings,
                    account,
                    values["email"],
                    str(data.get("password", "")),
                    _now(),
                )
            except DomainError as error:
                errors = {str(error.extra.get("field") or "email"): error_message(request, error)}
            else:
                return see_other("/account?klaar=mail")
        return await self._account_page(
            request, db_session, account, values, errors, None, status=data.error_status()
        )

    @get("/e-mailadres-wijzigen")
    async def get_change(
        self, request: AnyRequest, db_session: AsyncSession, code: Code = None
    ) -> Template:
        """The page of a link sent to a new address: one button moves the account there."""
        return await _link_page(request, db_session, code, "change-email", "/e-mailadres-wijzigen")

    @post("/e-mailadres-wijzigen")
    async def post_change(
        self, request: AnyRequest, db_session: AsyncSession, settings: Settings
    ) -> Any:
        """Move the account to the new address (the account's holder only; the old address
        gets a notice)."""
        return await _follow_link(
            request,
            db_session,
            settings,
            "change-email",
            "/e-mailadres-wijzigen",
            "/account?klaar=email",
        )

    @post("/account/meldingen")
    async def post_notices(self, request: AnyRequest, db_session: AsyncSession) -> Redirect:
        """Turn optional notices on or off for the account's address."""
        account = await _own_account(request, db_session)
        data = await read_form(request)
        data.require_clean()  # one button: no typed text to keep
        wanted = form_values(data, "wanted")["wanted"] == "1"
        await set_notices(db_session, account.email or "", wanted=wanted)
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
        form = await read_form(request)
        form.require_clean()  # one button: no typed text to keep
        data = form_values(form, "adres", "code")
        email = _checked_address(settings, data["adres"], data["code"])
        await set_notices(db_session, email, wanted=False)
        return page(request, "account/opt_out.html", email=email, code=data["code"], done=True)


def _checked_address(settings: Settings, address: str | None, code: str | None) -> str:
    """The address of a stop-notices link whose code matches it (else 404)."""
    email = (address or "").strip().lower()
    if not email or not code or not hmac.compare_digest(opt_out_code(settings, email), code):
        raise LinkUnknownError("this link is not complete")
    return email
