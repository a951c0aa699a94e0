"""Migration 0005 on a database that has accounts: the ones people made themselves on
/account-maken (worker or employer, a password, no API token) become unverified; demo and
CLI accounts (which always got a token) and every other role stay trusted."""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import threading
import uuid
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any, TypeVar

import advanced_alchemy.types
import sqlalchemy as sa
from alembic import command
from sqlalchemy.engine import make_url

from registry.db import make_engine
from registry.migrate import alembic_config, upgrade

T = TypeVar("T")
# The column types of the real tables, so rows are stored as the application stores them.
GUID = advanced_alchemy.types.guid.GUID(length=16)
UTC = advanced_alchemy.types.datetime.DateTimeUTC(timezone=True)
ACCOUNT = sa.table(
    "account",
    sa.column("id", GUID),
    sa.column("role", sa.String()),
    sa.column("name", sa.String()),
    sa.column("email", sa.String()),
    sa.column("password_hash", sa.String()),
    sa.column("created_at", UTC),
    sa.column("updated_at", UTC),
)
TOKEN = sa.table(
    "api_token",
    sa.column("id", GUID),
    sa.column("account_id", GUID),
    sa.column("token_hash", sa.String()),
    sa.column("label", sa.String()),
    sa.column("created_at", UTC),
    sa.column("updated_at", UTC),
)
# (role, has a password, has an API token) -> verified after the migration?
CASES = {
    "self-made-worker": ("worker", True, False, False),
    "self-made-employer": ("employer", True, False, False),
    "demo-worker": ("worker", True, True, True),
    "cli-worker-without-password": ("worker", False, True, True),
    "provider-with-password": ("provider", True, False, True),
    "cli-coach": ("coach", False, True, True),
}


def _in_thread(work: Callable[[], Awaitable[T]]) -> T:
    """Run a coroutine on a loop of its own (the migration itself calls asyncio.run)."""
    result: list[T] = []
    worker = threading.Thread(target=lambda: result.append(asyncio.run(work())))  # type: ignore[arg-type]
    worker.start()
    worker.join()
    return result[0]


def _fresh_database(tmp: Path) -> str:
    shared = os.environ.get("REGISTRY_TEST_DATABASE_URL")
    if not shared:
        return f"sqlite:///{tmp / 'migration.sqlite3'}"
    import asyncpg

    url = make_url(shared)
    name = f"{url.database}_migration"

    async def recreate() -> None:
        conn = await asyncpg.connect(
            host=url.host, port=url.port, user=url.username, database="postgres"
        )
        try:
            await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            await conn.execute(f'CREATE DATABASE "{name}"')
        finally:
            await conn.close()

    _in_thread(recreate)
    return url.set(database=name).render_as_string(hide_password=False)


def test_self_made_accounts_become_unverified_and_the_rest_stay_trusted(tmp_path: Path) -> None:
    url = _fresh_database(tmp_path)
    command.upgrade(alembic_config(url), "0004")
    ids = {key: uuid.uuid4() for key in CASES}
    now = dt.datetime(2026, 11, 30, 12, 0, tzinfo=dt.UTC)

    async def fill() -> None:
        engine = make_engine(url)
        async with engine.begin() as conn:
            for key, (role, password, token) in ((k, v[:3]) for k, v in CASES.items()):
                await conn.execute(
                    sa.insert(ACCOUNT).values(
                        id=ids[key],
                        role=role,
                        name=key,
                        email=f"{key}@example.nl",
                        password_hash="$argon2id$v=19$m=65536,t=3,p=4$x$y" if password else None,
                        created_at=now,
                        updated_at=now,
                    )
                )
                if token:
                    await conn.execute(
                        sa.insert(TOKEN).values(
                            id=uuid.uuid4(),
                            account_id=ids[key],
                            token_hash=uuid.uuid4().hex * 2,
                            label="cli",
                            created_at=now,
                            updated_at=now,
                        )
                    )
        await engine.dispose()

    _in_thread(fill)
    upgrade(url)

    async def read() -> dict[str, Any]:
        engine = make_engine(url)
        async with engine.connect() as conn:
            rows = await conn.execute(sa.text("SELECT name, email_verified_at FROM account"))
            found = dict(rows.tuples().all())
        await engine.dispose()
        return found

    verified = _in_thread(read)
    assert {key: verified[key] is not None for key in CASES} == {
        key: case[3] for key, case in CASES.items()
    }
