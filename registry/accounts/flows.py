"""Accounts people make themselves, and the mailed links that make them trustworthy.

- Sign-up answers the same whether or not the address has an account: a new address gets an
  unverified account and a link to confirm it; a known address gets a "you already have an
  account, choose a new password here" mail. The password is hashed either way, so the time
  taken tells nothing either.
- An unverified account can sign in, see the "confirm your address" page, ask for the mail
  again, and sign out; nothing issued to its address and no share addressed to it is
  attached until the link is followed (`registry.wallet.wallets.attach_wallet`).
- A password reset (link to the account's address) also proves the address, and ends every
  session of the account.
- A change of address takes effect when the new address follows its link; the old address
  gets a notice.
"""

from __future__ import annotations

import datetime as dt
from typing import cast
from uuid import UUID

import msgspec
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from registry import audit
from registry.accounts.accounts import check_name, create_account
from registry.accounts.links import (
    Purpose,
    consume,
    end_links,
    lifetime_hours,
    new_link_token,
    peek,
)
from registry.accounts.signin import (
    MAX_PASSWORD_LENGTH,
    check_password_rules,
    forget_failures,
    password_hasher,
    verify_password,
)
from registry.mail.compose import Line, Mail, counted, greeting_name
from registry.mail.limits import may_mail
from registry.mail.outbox import send_mail
from registry.models import Account, WebSession
from registry.settings import Settings
from registry.wallet.wallets import attach_wallet
from schemas.common import Actor, Email, Role
from schemas.errors import InvalidInputError
from schemas.errors.accounts import (
    ConfirmPasswordWrongError,
    CurrentPasswordWrongError,
    EmailInvalidError,
    EmailSameError,
    EmailTakenError,
    LinkStaleError,
    LinkUnknownError,
    RoleChoiceError,
)

SELF_SERVICE_ROLES = ("worker", "employer")
LINK_PATHS: dict[Purpose, str] = {
    "verify": "/e-mailadres-bevestigen",
    "reset": "/wachtwoord-herstellen",
    "change-email": "/e-mailadres-wijzigen",
}
# A sign-in of an unverified account mails a new link, but not again within this time.
SIGN_IN_QUIET = dt.timedelta(minutes=10)


def _actor(account: Account) -> Actor:
    return Actor(account_id=account.id, role=account.role, provider_id=account.provider_id)  # type: ignore[arg-type]


def normal_email(value: str) -> str:
    """The address as stored: trimmed, lower case, and a valid address (else 422)."""
    email = value.strip().lower()
    try:
        msgspec.convert(email, Email)
    except msgspec.ValidationError:
        raise EmailInvalidError("fill in an e-mail address", field="email") from None
    return email


def _link(settings: Settings, purpose: Purpose, token: str) -> str:
    return f"{settings.base_url}{LINK_PATHS[purpose]}?code={token}"


def _link_lifetime(purpose: Purpose) -> Line:
    hours = lifetime_hours(purpose)
    return counted("link_once", hours, {"hours": str(hours)})


async def _mail_link(
    session: AsyncSession,
    settings: Settings,
    account: Account,
    purpose: Purpose,
    email: str,
    now: dt.datetime,
    *,
    topic: str,
    body: Line,
    action: str,
) -> None:
    token = await new_link_token(session, account, purpose, email, now)
    mail = Mail(
        topic=topic,
        to=email,
        subject=Line(f"{topic}.subject"),
        lines=(body, _link_lifetime(purpose), Line("not_you")),
        name=greeting_name(account, email),
        link=(action, _link(settings, purpose, token)),
    )
    await send_mail(session, settings, mail)


async def sign_up(
    session: AsyncSession,
    settings: Settings,
    *,
    role: str,
    name: str,
    email: str,
    password: str,
    now: dt.datetime,
) -> None:
    """Make an unverified account and mail its link, or mail the owner of the address."""
    check_profile(role, name)
    email = normal_email(email)
    check_password_rules(password)
    password_hash = password_hasher(settings).hash(
        password
    )  # for a known address too: same work, same time
    existing = await session.scalar(select(Account).where(Account.email == email))
    if existing is not None:
        if await may_mail(session, email, "account", now):
            await _mail_link(
                session,
                settings,
                existing,
                "reset",
                email,
                now,
                topic="exists",
                body=Line("exists.body"),
                action="reset.action",
            )
        return
    account = await create_account(
        session,
        role=cast(Role, role),
        name=name.strip(),
        email=email,
        verified=False,
    )
    account.password_hash = password_hash
    if await may_mail(session, email, "account", now):
        await _mail_link(
            session,
            settings,
            account,
            "verify",
            email,
            now,
            topic="verify",
            body=Line("verify.body"),
            action="verify.action",
        )


async def send_verification(
    session: AsyncSession,
    settings: Settings,
    account: Account,
    now: dt.datetime,
    *,
    quiet_for: dt.timedelta | None = None,
) -> bool:
    """Mail a new confirmation link to an unverified account; False when none was sent
    (verified already, no address, or too many mails lately)."""
    if account.is_verified or account.email is None:
        return False
    if not await may_mail(session, account.email, "account", now, quiet_for=quiet_for):
        return False
    await _mail_link(
        session,
        settings,
        account,
        "verify",
        account.email,
        now,
        topic="verify",
        body=Line("verify.body"),
        action="verify.action",
    )
    return True


async def _prove(session: AsyncSession, account: Account, now: dt.datetime) -> None:
    """The address is proven: from now on wallets and shares attach to the account."""
    if account.email_verified_at is None:
        account.email_verified_at = now
        await audit.record(session, _actor(account), "account.verified", f"account:{account.id}")
    await attach_wallet(session, account)


async def _account_of_link(
    session: AsyncSession, token: str, purpose: Purpose, now: dt.datetime
) -> tuple[Account, str]:
    """Use up a link; the account it is for and the address it was mailed to."""
    row = await consume(session, token, purpose, now)
    account = await session.get(Account, row.account_id)
    if account is None or (purpose != "change-email" and account.email != row.email):
        # The account moved to another address since this link was mailed.
        raise LinkStaleError("this link is for an address the account no longer has")
    return account, row.email


def check_confirmer(account: Account, signed_in_as: UUID | None, password: str) -> None:
    """Whoever follows a link that gives an address to an account must also be that
    account's holder: signed in as it, or knowing its password.

    The link alone proves only that someone reads the mail of the address. Without this, a
    stranger could sign up (or move an account) with another person's address and wait for
    that person to press the button in the mail: the stranger's account, with the stranger's
    password, would then hold everything issued to the address.
    """
    if signed_in_as is not None and signed_in_as == account.id:
        return
    try:
        verify_password(account.password_hash or "", password[:MAX_PASSWORD_LENGTH])
    except (VerificationError, InvalidHashError):
        raise ConfirmPasswordWrongError(
            "fill in the password of this account", field="password"
        ) from None


async def link_account(
    session: AsyncSession, token: str, purpose: Purpose, now: dt.datetime
) -> Account:
    """The account a link that can still be used is for (to show its page)."""
    row = await peek(session, token, purpose, now)
    account = await session.get(Account, row.account_id)
    if account is None:
        raise LinkUnknownError("this link is not known")
    return account


async def confirm_email(
    session: AsyncSession,
    token: str,
    now: dt.datetime,
    *,
    signed_in_as: UUID | None = None,
    password: str = "",
) -> Account:
    """Follow a confirmation link: the account's address is proven (see `check_confirmer`)."""
    check_confirmer(await link_account(session, token, "verify", now), signed_in_as, password)
    account, _ = await _account_of_link(session, token, "verify", now)
    await _prove(session, account, now)
    return account


async def request_reset(
    session: AsyncSession, settings: Settings, email: str, now: dt.datetime
) -> None:
    """Mail a reset link if the address has an account; the answer never says whether it has."""
    try:
        email = normal_email(email)
    except InvalidInputError:
        return
    account = await session.scalar(select(Account).where(Account.email == email))
    if account is None or not await may_mail(session, email, "account", now):
        return
    await _mail_link(
        session,
        settings,
        account,
        "reset",
        email,
        now,
        topic="reset",
        body=Line("reset.body"),
        action="reset.action",
    )


def check_profile(role: str, name: str) -> None:
    """What a person chooses for a self-made account: worker or employer, and a name."""
    if role not in SELF_SERVICE_ROLES:
        raise RoleChoiceError("choose worker or employer", field="role")
    check_name(name)


async def reset_password(
    session: AsyncSession,
    settings: Settings,
    token: str,
    password: str,
    now: dt.datetime,
    *,
    role: str = "",
    name: str = "",
) -> Account:
    """Set a new password by a reset link; this proves the address and ends every session.

    An account whose address was never proven may have been made by someone else with this
    address: whoever proves it now also chooses its name and role (worker or employer).
    """
    check_password_rules(password)
    # Everything is checked before the link is used up: a refused form leaves it usable.
    unproven = (await link_account(session, token, "reset", now)).email_verified_at is None
    if unproven:
        check_profile(role, name)
    account, _ = await _account_of_link(session, token, "reset", now)
    if unproven:
        account.role, account.name = role, name.strip()
    account.password_hash = password_hasher(settings).hash(password)
    # A new password ends every other pending link: a change of address asked for by whoever
    # knew the old password must not go through after the owner took the account back.
    await end_links(session, account.id, ("reset", "change-email"), now)
    await forget_failures(session, account.email or "")
    await _prove(session, account, now)
    await session.execute(delete(WebSession).where(WebSession.account_id == account.id))
    await audit.record(session, _actor(account), "account.password-reset", f"account:{account.id}")
    return account


async def request_email_change(
    session: AsyncSession,
    settings: Settings,
    account: Account,
    new_email: str,
    password: str,
    now: dt.datetime,
) -> None:
    """Mail a link to the new address; nothing changes until it is followed."""
    email = normal_email(new_email)
    stored = account.password_hash
    try:
        verify_password(stored or "", password)
    except (VerificationError, InvalidHashError):
        raise CurrentPasswordWrongError("the password is wrong", field="password") from None
    if email == account.email:
        raise EmailSameError("this is your address already", field="email")
    if not await may_mail(session, email, "account", now):
        return
    taken = await session.scalar(select(Account.id).where(Account.email == email))
    if taken is not None:
        return  # the same answer: whether an address has an account is nobody's business
    await _mail_link(
        session,
        settings,
        account,
        "change-email",
        email,
        now,
        topic="change",
        body=Line("change.body", {"email": email}),
        action="change.action",
    )


async def confirm_email_change(
    session: AsyncSession,
    settings: Settings,
    token: str,
    now: dt.datetime,
    *,
    signed_in_as: UUID | None = None,
    password: str = "",
) -> Account:
    """Follow the link sent to a new address: the account moves there; the old address is told.
    Only the account's holder may press it (`check_confirmer`)."""
    check_confirmer(await link_account(session, token, "change-email", now), signed_in_as, password)
    account, row_email = await _account_of_link(session, token, "change-email", now)
    old, old_name = account.email, greeting_name(account, account.email or "")
    if await session.scalar(select(Account.id).where(Account.email == row_email)) is not None:
        raise EmailTakenError("another account has this address now")
    account.email = row_email
    account.email_verified_at = now  # proven by this very link
    await end_links(session, account.id, ("change-email",), now)
    await attach_wallet(session, account)
    await audit.record(session, _actor(account), "account.email-changed", f"account:{account.id}")
    if old:
        await send_mail(
            session,
            settings,
            Mail(
                topic="changed",
                to=old,
                subject=Line("changed.subject"),
                lines=(
                    Line("changed.body", {"email": row_email}),
                    Line("changed.not_you", {"site": settings.base_url}),
                ),
                name=old_name,
            ),
        )
    return account
