"""A job runner in a process of its own, started together with others by a barrier: used
by the test that several processes do every job exactly once."""

from __future__ import annotations

import asyncio
from typing import Any

import msgspec

from registry.db import make_engine, make_sessionmaker
from registry.jobs.runner import run_due
from registry.settings import Settings


def race(settings_json: bytes, barrier: Any, results: Any) -> None:
    settings = msgspec.json.decode(settings_json, type=Settings)

    async def go() -> int:
        engine = make_engine(settings.database_url)
        sessionmaker = make_sessionmaker(engine)
        try:
            async with sessionmaker() as session:  # connect before the start signal
                await session.connection()
            barrier.wait(timeout=60)
            return await run_due(sessionmaker, settings)
        finally:
            await engine.dispose()

    results.put(asyncio.run(go()))
