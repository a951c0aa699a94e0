"""Shared by the provider page tests: a small catalogue world and its provider, signed in."""

from __future__ import annotations

from typing import Any

import pytest
from litestar.testing import AsyncTestClient
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from tests.registry.wallet_helpers import World
from tests.web.helpers import Browser, signed_in

Client = AsyncTestClient[Any]
Maker = async_sessionmaker[AsyncSession]


@pytest.fixture
async def provider(client: Client, sessionmaker: Maker, world: World) -> Browser:
    """A browser signed in as a provider account of opleider-a."""
    return await signed_in(client, sessionmaker, "provider", "p@example.nl", provider="opleider-a")


async def count(sessionmaker: Maker, model: Any) -> int:
    async with sessionmaker() as session:
        return int(await session.scalar(select(func.count()).select_from(model)) or 0)
