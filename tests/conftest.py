"""Shared fixtures: a real database (SQLite file, or PostgreSQL when
REGISTRY_TEST_DATABASE_URL is set), migrated once; one app for the whole run; each test in a
transaction rolled back at its end, or with real commits under `@pytest.mark.committed`
(tests/isolation.py says how)."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import msgspec
import pytest
from litestar.testing import AsyncTestClient
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from registry.accounts.accounts import create_account, issue_token
from registry.app import create_app
from registry.db import make_engine
from registry.migrate import upgrade
from registry.settings import Settings
from schemas.common import Role
from tests.isolation import METADATA, Database, empty_database, rollback_engine, rows_left
from tests.mail_helpers import Inbox, smtp_server
from tests.same_loop import SameLoopClient

if TYPE_CHECKING:  # both import this module's Accounts
    from tests.catalogue.helpers import Catalogue
    from tests.registry.wallet_helpers import World

BASE_URL = "http://testserver.local"
# Passwords are hashed with argon2-cffi's cheapest parameters in tests (microseconds instead of
# most of a second a hash); tests/registry/accounts/test_signin.py checks production's.
PASSWORDS = Settings(database_url="", secret_key="", argon2_profile="cheapest-for-tests")
__all__ = ["BASE_URL", "METADATA", "PASSWORDS", "Accounts", "empty_database"]


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
        # The W3C VC API is on in tests (off by default: tests/registry/vcapi checks that).
        vc_api=True,
        # Feed tests serve documents from 127.0.0.1 (refused by default:
        # tests/registry/test_fetch_refusals.py checks that;
        # other private addresses stay refused).
        fetch_allow_loopback=True,
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


@pytest.fixture(scope="session")
def mail_settings(settings: Settings, smtp: tuple[Inbox, str]) -> Settings:
    """The test settings with mail sent over SMTP to the test server."""
    return msgspec.structs.replace(settings, smtp_url=smtp[1])


@dataclass
class Engines:
    """The run's two engines on the test database: production's, for committed tests, and
    the one whose transactions roll back whole."""

    committed: AsyncEngine
    rolled_back: AsyncEngine


@pytest.fixture(scope="session")
async def engines(settings: Settings) -> AsyncIterator[Engines]:
    engines = Engines(make_engine(settings.database_url), rollback_engine(settings.database_url))
    await empty_database(engines.committed)
    yield engines
    # Every test left the tables as it found them: a test that wrote past its transaction
    # without the `committed` marker shows up here.
    left = await rows_left(engines.committed)
    await engines.committed.dispose()
    await engines.rolled_back.dispose()
    assert left == {}, f"rows left in the test database after the run: {left}"


@pytest.fixture
async def database(request: pytest.FixtureRequest, engines: Engines) -> AsyncIterator[Database]:
    """This test's database: a transaction rolled back at the end, or (marker `committed`)
    the real thing, emptied afterwards."""
    if request.node.get_closest_marker("committed") is not None:
        try:
            yield Database(engines.committed, None)
        finally:
            await empty_database(engines.committed)
        return
    async with engines.rolled_back.connect() as connection:
        transaction = await connection.begin()
        try:
            yield Database(engines.rolled_back, connection)
        finally:
            if transaction.is_active:
                await transaction.rollback()


@pytest.fixture
def engine(database: Database) -> AsyncEngine:
    """The test database's engine, for tests that commit through it (marker `committed`)."""
    if not database.committed:
        pytest.fail("a test that uses the engine itself commits: mark it @pytest.mark.committed")
    return database.engine


@pytest.fixture
def sessionmaker(database: Database) -> async_sessionmaker[AsyncSession]:
    return database.sessionmaker()


@pytest.fixture(scope="session")
async def _app(settings: Settings) -> AsyncIterator[SameLoopClient]:
    async with SameLoopClient(create_app(settings), base_url=BASE_URL) as client:
        yield client


@pytest.fixture(scope="session")
async def _mail_app(mail_settings: Settings) -> AsyncIterator[SameLoopClient]:
    async with SameLoopClient(create_app(mail_settings), base_url=BASE_URL) as client:
        yield client


async def _fresh(client: SameLoopClient, database: Database) -> AsyncTestClient[Any]:
    """The run's client for this test: bound to its database, no cookies, no counts left by
    the rate limits of earlier tests."""
    database.bind(client.app)
    client.cookies.clear()
    for store in ("password_guesses", "mail_form_limit"):
        await client.app.stores.get(store).delete_all()
    return client


@pytest.fixture
async def client(_app: SameLoopClient, database: Database) -> AsyncTestClient[Any]:
    """The app (one for the run) and a client without cookies."""
    return await _fresh(_app, database)


@pytest.fixture
async def mail_client(_mail_app: SameLoopClient, database: Database) -> AsyncTestClient[Any]:
    """A real app that sends its mail to the test SMTP server (jobs run when a test says)."""
    return await _fresh(_mail_app, database)


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


@pytest.fixture
async def cat(client: AsyncTestClient[Any], accounts: Accounts) -> Catalogue:
    """The catalogue's cast (tests/catalogue/helpers.py): an operator, opleider-a and -b."""
    from tests.catalogue.helpers import Catalogue

    return await Catalogue(client, accounts).setup()


@pytest.fixture
async def world(
    client: AsyncTestClient[Any], accounts: Accounts, sessionmaker: async_sessionmaker[AsyncSession]
) -> World:
    """The main story's cast (tests/registry/wallet_helpers.py): the catalogue, opleider-a
    accredited for module certificates with a published laadpaalmonteur module, opleider-b for
    EVC with an assessor."""
    from tests.registry.wallet_helpers import World

    return await World(client, accounts, sessionmaker).setup()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Run the browser tests last. Playwright's sync API keeps its own event loop running in
    this thread while the browser is open, and pytest-asyncio cannot run a test after that.
    A test that drives Chromium without the `browser` marker would break that order: refused."""
    for item in items:
        uses_chromium = "browser" in getattr(item, "fixturenames", ())
        if uses_chromium and item.get_closest_marker("browser") is None:
            raise pytest.UsageError(f"{item.nodeid} drives Chromium: mark it @pytest.mark.browser")
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)
