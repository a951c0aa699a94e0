"""Accounts and API tokens: random 256-bit tokens, stored only as a hash, shown once."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
import unicodedata

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from catalogue.public import provider_by_slug
from registry.models import Account, ApiToken
from registry.wallet.wallets import attach_wallet
from schemas.common import Actor, Role
from schemas.errors.accounts import (
    EmailTakenError,
    InvalidTokenError,
    NameNotANameError,
    NameRequiredError,
    ProviderRequiredError,
)
from schemas.errors.issuers import ProviderNotFoundError

TOKEN_PREFIX = "llo_"  # noqa: S105 - a prefix that makes leaked tokens easy to scan for
# A self-chosen name is shown to others and may be greeted in mails: room for a long real
# name, none for a message. Nothing a mail client would turn into a link or an address.
NAME_MAX_LENGTH = 100
NOT_IN_NAMES = ("://", "www.", "@")
# Control and format characters (line breaks, tabs, bidi overrides), line/paragraph breaks.
UNSEEN = frozenset({"Cc", "Cf", "Co", "Cn", "Cs", "Zl", "Zp"})


def check_name(name: str) -> None:
    """A name a person chose for their own account: a name and nothing else (else 422)."""
    clean = name.strip()
    if not clean:
        raise NameRequiredError("fill in your name", field="name")
    if (
        len(clean) > NAME_MAX_LENGTH
        or any(part in clean.lower() for part in NOT_IN_NAMES)
        or any(unicodedata.category(char) in UNSEEN for char in clean)
    ):
        raise NameNotANameError("fill in only your name", field="name")


def hash_token(token: str) -> str:
    """SHA-256 suffices: tokens carry 256 random bits, so no brute force or salt is needed."""
    return hashlib.sha256(token.encode()).hexdigest()


async def create_account(
    session: AsyncSession,
    *,
    role: Role,
    name: str,
    email: str | None = None,
    provider_slug: str | None = None,
    verified: bool = True,
) -> Account:
    """Create an account; provider accounts must name their organisation.

    Accounts made by an operator (CLI, demo) count as verified: the operator vouches for the
    address. Self-service sign-up passes `verified=False`; the owner proves the address by
    a mailed link (`registry.accounts.flows`), and only then is a wallet attached."""
    provider_id = None
    if role == "provider" and provider_slug is None:
        raise ProviderRequiredError("a provider account needs a provider organisation")
    if provider_slug is not None:
        provider = await provider_by_slug(session, provider_slug)
        if provider is None:
            raise ProviderNotFoundError(f"no provider {provider_slug!r}")
        provider_id = provider.id
    if email is not None:
        email = email.lower()
        if await session.scalar(select(Account.id).where(Account.email == email)) is not None:
            raise EmailTakenError("an account with this e-mail exists")
    account = Account(
        role=role,
        name=name,
        email=email,
        provider_id=provider_id,
        email_verified_at=dt.datetime.now(dt.UTC) if verified else None,
    )
    session.add(account)
    await session.flush()
    await attach_wallet(session, account)
    return account


async def issue_token(session: AsyncSession, account: Account, label: str = "") -> str:
    """Create a new API token for an account and return it; only its hash is stored."""
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    session.add(ApiToken(account_id=account.id, token_hash=hash_token(token), label=label))
    await session.flush()
    return token


async def actor_for_token(session: AsyncSession, token: str) -> Actor:
    """Resolve a bearer token to the acting account."""
    if not token.startswith(TOKEN_PREFIX) or len(token) > 100:
        raise InvalidTokenError("the bearer token is not valid")
    row = await session.scalar(
        select(ApiToken).where(
            ApiToken.token_hash == hash_token(token), ApiToken.revoked_at.is_(None)
        )
    )
    if row is None:
        raise InvalidTokenError("the bearer token is not valid")
    account = row.account
    return Actor(account_id=account.id, role=account.role, provider_id=account.provider_id)  # type: ignore[arg-type]
