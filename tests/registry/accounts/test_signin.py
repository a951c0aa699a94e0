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
    password_hasher,
    set_password,
    start_session,
)
from registry.models import WebSession
from registry.settings import Settings, settings_from_env
from schemas.errors import InvalidInputError, NotAuthenticatedError
from tests.conftest import PASSWORDS

NOW = dt.datetime(2026, 11, 24, 12, tzinfo=dt.UTC)
Maker = async_sessionmaker[AsyncSession]


async def test_password_round_trip_and_refusals(sessionmaker: Maker) -> None:
    async with sessionmaker() as session, session.begin():
        account = await create_account(session, role="worker", name="W", email="W@example.nl")
        set_password(account, "correct horse battery", PASSWORDS)
        assert (
            await authenticate(session, PASSWORDS, " w@example.nl ", "correct horse battery")
        ) is account
        for email, password in [
            ("w@example.nl", "wrong password!"),
            ("nobody@example.nl", "correct horse battery"),
            ("w@example.nl", "x" * 500),
        ]:
            with pytest.raises(NotAuthenticatedError) as refused:
                await authenticate(session, PASSWORDS, email, password)
            assert refused.value.code == "wrong-password"


async def test_account_without_password_cannot_sign_in(sessionmaker: Maker) -> None:
    async with sessionmaker() as session, session.begin():
        await create_account(session, role="worker", name="W", email="w@example.nl")
        with pytest.raises(NotAuthenticatedError):
            await authenticate(session, PASSWORDS, "w@example.nl", "")


async def test_production_hashes_with_rfc_9106_and_upgrades_cheaper_hashes(
    sessionmaker: Maker,
) -> None:
    """Production's profile is RFC 9106's second recommendation (argon2-cffi's default); a
    hash made with other parameters (here the tests' cheapest) is made again at sign-in."""
    production = Settings(database_url="", secret_key="")
    assert production.argon2_profile == "rfc-9106-low-memory"
    async with sessionmaker() as session, session.begin():
        account = await create_account(session, role="worker", name="W", email="w@example.nl")
        set_password(account, "correct horse battery", PASSWORDS)
        assert (account.password_hash or "").startswith("$argon2id$v=19$m=8,t=1,p=1$")
        await authenticate(session, production, "w@example.nl", "correct horse battery")
        assert (account.password_hash or "").startswith("$argon2id$v=19$m=65536,t=3,p=4$")


def test_a_deployment_always_hashes_with_rfc_9106() -> None:
    """The cheap profile is for a test's own Settings: no variable of the environment reaches
    it, so a deployment hashes with RFC 9106's profile whatever it sets."""
    env = {"REGISTRY_SECRET_KEY": "s", "REGISTRY_DATABASE_URL": "sqlite:///x.sqlite3"}
    for extra in ({}, {"REGISTRY_PASSWORD_HASHING": "cheapest-for-tests"}):
        deployed = settings_from_env({**env, **extra})
        assert deployed.argon2_profile == "rfc-9106-low-memory"
        hashed = password_hasher(deployed).hash("correct horse battery")
        assert hashed.startswith("$argon2id$v=19$m=65536,t=3,p=4$")


def test_short_password_is_refused() -> None:
    from registry.models import Account

    with pytest.raises(InvalidInputError) as refused:
        set_password(Account(role="worker", name="W"), "short", PASSWORDS)
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
