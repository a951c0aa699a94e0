"""A database of its own at an old revision, for testing a migration on data of before it."""

from __future__ import annotations

import asyncio
import os
from collections.abc import Iterator
from pathlib import Path

from alembic import command
from sqlalchemy import text
from sqlalchemy.engine import make_url

from registry.db import make_engine
from registry.migrate import alembic_config


def database_at(tmp_path: Path, revision: str, name: str) -> Iterator[str]:
    """Yield the URL of a database migrated to `revision`: a SQLite file, or, when the suite
    runs on PostgreSQL, a new database `<test database>_<name>` dropped afterwards."""
    shared = os.environ.get("REGISTRY_TEST_DATABASE_URL")
    if not shared:
        url = f"sqlite:///{tmp_path / 'old.sqlite3'}"
        command.upgrade(alembic_config(url), revision)
        yield url
        return
    database = f"{make_url(shared).database}_{name}"
    asyncio.run(_postgres(shared, f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)'))
    asyncio.run(_postgres(shared, f'CREATE DATABASE "{database}"'))
    url = make_url(shared).set(database=database).render_as_string(hide_password=False)
    command.upgrade(alembic_config(url), revision)
    yield url
    asyncio.run(_postgres(shared, f'DROP DATABASE "{database}" WITH (FORCE)'))


async def _postgres(shared: str, statement: str) -> None:
    engine = make_engine(
        make_url(shared).set(database="postgres").render_as_string(hide_password=False),
        isolation_level="AUTOCOMMIT",
    )
    async with engine.connect() as connection:
        await connection.execute(text(statement))
    await engine.dispose()
