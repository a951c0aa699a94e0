"""Shared fixtures: a real database (SQLite file, or PostgreSQL when
REGISTRY_TEST_DATABASE_URL is set), migrated once, emptied before each test; a real app."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Iterator
from typing import Any

import msgspec
import pytest
from litestar.testing import AsyncTestClient
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

import catalogue.models
import registry.models  # noqa: F401 - all tables on the metadata
from registry.accounts.accounts import create_account, issue_token
from registry.app import create_app
from registry.db import make_engine, make_sessionmaker
from registry.migrate import upgrade
from registry.settings import Settings
from schemas.common import Role
from tests.mail_helpers import Inbox, smtp_server

BASE_URL = "http://testserver.local"
# Passwords are hashed with argon2-cffi's cheapest parameters in tests (microseconds instead of
# most of a second a hash); tests/registry/accounts/test_signin.py checks production's.
PASSWORDS = Settings(database_url="", secret_key="", argon2_profile="cheapest-for-tests")
METADATA = catalogue.models.Provider.metadata
GUARD_TRIGGERS = (
    "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND sql LIKE '%RAISE(ABORT%'"
)


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = os.environ.get("REGISTRY_TEST_DATABASE_URL")
    if not url:
        url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite3'}"
    upgrade(url)
    return url


@pytest.fixture(scope="session")
def settings(database_url: str, tmp_path_factory: pytest.TempPathFactory) -> Settings:
    # Mails are `.eml` files (no SMTP) in a directory of the test run, not in ./var.
    var_dir = tmp_path_factory.mktemp("var")
    return Settings(
        database_url=database_url,
        base_url=BASE_URL,
        secret_key="test-secret",
        var_dir=str(var_dir),
        argon2_profile=PASSWORDS.argon2_profile,
    )


@pytest.fixture(scope="session")
def smtp() -> Iterator[tuple[Inbox, str]]:
    """A real SMTP server on 127.0.0.1 for the whole run: (inbox, smtp:// URL)."""
    yield from smtp_server()


@pytest.fixture
def inbox(smtp: tuple[Inbox, str]) -> Inbox:
    """The SMTP server's inbox, emptied for this test."""
    smtp[0].clear()
    smtp[0].refuse = False
    return smtp[0]


@pytest.fixture
def mail_settings(settings: Settings, smtp: tuple[Inbox, str]) -> Settings:
    """The test settings with mail sent over SMTP to the test server."""
    return msgspec.structs.replace(settings, smtp_url=smtp[1])


@pytest.fixture
async def engine(settings: Settings) -> AsyncIterator[AsyncEngine]:
    engine = make_engine(settings.database_url)
    await empty_database(engine)
    yield engine
    await engine.dispose()


async def empty_database(engine: AsyncEngine) -> None:
    """Start every test from empty tables (the schema itself stays migrated)."""
    tables = [t.name for t in reversed(METADATA.sorted_tables)]
    async with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            await conn.execute(text(f"TRUNCATE {', '.join(tables)} CASCADE"))
        else:
            # Append-only tables refuse DELETE by trigger: lift the triggers while emptying.
            triggers = (await conn.execute(text(GUARD_TRIGGERS))).all()
            for name, _ in triggers:
                await conn.execute(text(f"DROP TRIGGER {name}"))
            for table in tables:
                await conn.execute(text(f"DELETE FROM {table}"))
            for _, sql in triggers:
                await conn.execute(text(sql))


@pytest.fixture
def sessionmaker(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return make_sessionmaker(engine)


@pytest.fixture
async def client(settings: Settings, engine: AsyncEngine) -> AsyncIterator[AsyncTestClient[Any]]:
    async with AsyncTestClient(create_app(settings), base_url=BASE_URL) as client:
        yield client


@pytest.fixture
async def mail_client(
    mail_settings: Settings, engine: AsyncEngine
) -> AsyncIterator[AsyncTestClient[Any]]:
    """A real app that sends its mail to the test SMTP server (jobs run when a test says)."""
    async with AsyncTestClient(create_app(mail_settings), base_url=BASE_URL) as client:
        yield client


class Accounts:
    """Creates accounts and returns `Authorization` headers for them."""

    def __init__(self, sessionmaker: async_sessionmaker[AsyncSession]) -> None:
        self.sessionmaker = sessionmaker

    async def headers(
        self, role: Role, *, provider: str | None = None, email: str | None = None
    ) -> dict[str, str]:
        async with self.sessionmaker() as session, session.begin():
            account = await create_account(
                session, role=role, name=f"Test {role}", email=email, provider_slug=provider
            )
            token = await issue_token(session, account)
        return {"Authorization": f"Bearer {token}"}


@pytest.fixture
def accounts(sessionmaker: async_sessionmaker[AsyncSession]) -> Accounts:
    return Accounts(sessionmaker)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Run the browser tests last. Playwright's sync API keeps its own event loop running in
    this thread while the browser is open, and pytest-asyncio cannot run a test after that.
    A test that drives Chromium without the `browser` marker would break that order: refused."""
    for item in items:
        uses_chromium = "browser" in getattr(item, "fixturenames", ())
        if uses_chromium and item.get_closest_marker("browser") is None:
            raise pytest.UsageError(f"{item.nodeid} drives Chromium: mark it @pytest.mark.browser")
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)
