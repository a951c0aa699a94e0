"""Mailed links for accounts: random, single-use, expiring; only their SHA-256 is stored.

A link proves that whoever follows it reads the mail of the address it was sent to: that is
what confirms an address, allows a password reset, and moves an account to a new address.
"""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Literal
from uuid import UUID

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from registry.accounts.accounts import hash_token
from registry.models import Account, AccountToken
from schemas.errors.accounts import LinkExpiredError, LinkUnknownError, LinkUsedError

Purpose = Literal["verify", "reset", "change-email"]
LIFETIME: dict[Purpose, dt.timedelta] = {
    "verify": dt.timedelta(days=3),
    "reset": dt.timedelta(hours=1),
    "change-email": dt.timedelta(days=1),
}


def lifetime_hours(purpose: Purpose) -> int:
    return int(LIFETIME[purpose].total_seconds() // 3600)


async def new_link_token(
    session: AsyncSession, account: Account, purpose: Purpose, email: str, now: dt.datetime
) -> str:
    """A new token for `account`, mailed to `email`; returns the token (shown only in the mail).
    The account's older unused links of this purpose end: only the newest mail counts."""
    await end_links(session, account.id, (purpose,), now)
    token = secrets.token_urlsafe(32)
    session.add(
        AccountToken(
            account_id=account.id,
            purpose=purpose,
            token_hash=hash_token(token),
            email=email,
            expires_at=now + LIFETIME[purpose],
        )
    )
    await session.flush()
    return token


async def end_links(
    session: AsyncSession, account_id: UUID, purposes: tuple[Purpose, ...], now: dt.datetime
) -> None:
    """End the account's unused links of these purposes: they read as expired from now on."""
    await session.execute(
        update(AccountToken)
        .where(
            AccountToken.account_id == account_id,
            AccountToken.purpose.in_(purposes),
            AccountToken.used_at.is_(None),
            AccountToken.expires_at > now,
        )
        .values(expires_at=now)
        .execution_options(synchronize_session=False)
    )


async def peek(
    session: AsyncSession, token: str, purpose: Purpose, now: dt.datetime
) -> AccountToken:
    """The token's row if it can still be used (to show a form); raises otherwise."""
    row = await session.scalar(
        select(AccountToken).where(
            AccountToken.token_hash == hash_token(token), AccountToken.purpose == purpose
        )
    )
    if row is None or len(token) > 100:
        raise LinkUnknownError("this link is not known")
    if row.used_at is not None:
        raise LinkUsedError("this link was used already")
    if row.expires_at <= now:
        raise LinkExpiredError("this link has expired")
    return row


async def consume(
    session: AsyncSession, token: str, purpose: Purpose, now: dt.datetime
) -> AccountToken:
    """Use the token up: one atomic UPDATE, so two clicks at once cannot both succeed."""
    row = await peek(session, token, purpose, now)
    used = await session.execute(
        update(AccountToken)
        .where(AccountToken.id == row.id, AccountToken.used_at.is_(None))
        .values(used_at=now)
        .execution_options(synchronize_session=False)
    )
    if used.rowcount != 1:  # type: ignore[attr-defined]
        raise LinkUsedError("this link was used already")
    await session.refresh(row)
    return row
