"""Fixtures of the account pages' tests."""

from __future__ import annotations

from typing import Any

import pytest
from litestar.testing import AsyncTestClient
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from tests.conftest import Accounts
from tests.registry.wallet_helpers import World


@pytest.fixture
async def world(
    mail_client: AsyncTestClient[Any],
    accounts: Accounts,
    sessionmaker: async_sessionmaker[AsyncSession],
) -> World:
    """The cast of tests/conftest.py's `world`, on the app that mails to the test SMTP server."""
    return await World(mail_client, accounts, sessionmaker).setup()
