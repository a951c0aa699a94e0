"""Passwords and browser sessions (registry/accounts/signin.py) on the real database."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from registry.accounts.accounts import create_account
from registry.accounts.signin import (
    SESSION_LIFETIME,
    account_for_session,
    authenticate,
    end_session,
    set_password,
    start_session,
)
from registry.models import WebSession
from schemas.errors import InvalidInputError, NotAuthenticatedError

NOW = dt.datetime(2026, 11, 24, 12, tzinfo=dt.UTC)
Maker = async_sessionmaker[AsyncSession]


async def test_password_round_trip_and_refusals(sessionmaker: Maker) -> None:
    async with sessionmaker() as session, session.begin():
        account = await create_account(session, role="worker", name="W", email="W@example.nl")
        set_password(account, "correct horse battery")
        assert (await authenticate(session, " w@example.nl ", "correct horse battery")) is account
        for email, password in [
            ("w@example.nl", "wrong password!"),
            ("nobody@example.nl", "correct horse battery"),
            ("w@example.nl", "x" * 500),
        ]:
            with pytest.raises(NotAuthenticatedError) as refused:
                await authenticate(session, email, password)
            assert refused.value.code == "wrong-password"


async def test_account_without_password_cannot_sign_in(sessionmaker: Maker) -> None:
    async with sessionmaker() as session, session.begin():
        await create_account(session, role="worker", name="W", email="w@example.nl")
        with pytest.raises(NotAuthenticatedError):
            await authenticate(session, "w@example.nl", "")


def test_short_password_is_refused() -> None:
    from registry.models import Account

    with pytest.raises(InvalidInputError) as refused:
        set_password(Account(role="worker", name="W"), "short")
    assert refused.value.code == "password-length"


async def test_session_lifetime_and_sign_out(sessionmaker: Maker) -> None:
    async with sessionmaker() as session, session.begin():
        account = await create_account(session, role="worker", name="W", email="w@example.nl")
        token = await start_session(session, account, NOW)
        assert await account_for_session(session, token, NOW) is account
        later = NOW + SESSION_LIFETIME
        assert await account_for_session(session, token, later) is None
        assert await account_for_session(session, "not-a-session-token-at-all", NOW) is None
        # A new sign-in after expiry removes the expired row.
        second = await start_session(session, account, later)
        count = await session.scalar(select(func.count()).select_from(WebSession))
        assert count == 1
        await end_session(session, second)
        assert await account_for_session(session, second, later) is None
