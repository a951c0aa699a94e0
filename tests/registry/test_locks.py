"""Check-then-write sequences under concurrency, on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from registry.issuers import keys
from registry.models import IssuerKey
from registry.settings import Settings

# Concurrent transactions, each on a connection of its own.
pytestmark = pytest.mark.committed


async def test_first_signatures_at_once_make_one_key(
    sessionmaker: async_sessionmaker[AsyncSession], settings: Settings
) -> None:
    async def sign_first() -> str:
        async with sessionmaker() as session, session.begin():
            return (await keys.signing_key(session, settings, "nieuwe-opleider")).kid

    kids = await asyncio.gather(*(sign_first() for _ in range(6)))
    assert len(set(kids)) == 1
    async with sessionmaker() as session:
        current = await session.scalar(
            select(func.count()).where(
                IssuerKey.issuer_slug == "nieuwe-opleider", IssuerKey.status == "current"
            )
        )
    assert current == 1
