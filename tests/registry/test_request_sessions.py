"""Every request gives its database connection back, whatever path it ended on (issue 9.8)."""

from __future__ import annotations

import asyncio
import gc
import logging
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from litestar.testing import AsyncTestClient
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from tests.conftest import Accounts

# The app's own pool and PostgreSQL's view of its connections.
pytestmark = pytest.mark.committed


@pytest.fixture
def no_gc() -> Iterator[None]:
    """The collector would close a forgotten session at some random moment and hide a leak:
    with it off, a connection not given back stays checked out where the test can see it."""
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def app_engine(client: AsyncTestClient[Any]) -> AsyncEngine:
    engine: AsyncEngine = client.app.state.engine
    return engine


async def idle_in_transaction(engine: AsyncEngine) -> int:
    """PostgreSQL's own count of this database's connections left inside a transaction
    (asked through the test's engine: the app's belongs to the app's event loop)."""
    if engine.dialect.name != "postgresql":
        return 0
    async with engine.connect() as conn:
        found = await conn.scalar(
            text(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                "AND state LIKE 'idle in transaction%'"
            )
        )
    return int(found or 0)


@pytest.mark.usefixtures("no_gc")
async def test_malformed_on_behalf_of_is_refused_and_other_users_go_on(
    client: AsyncTestClient[Any], accounts: Accounts, engine: AsyncEngine
) -> None:
    coach = await accounts.headers("coach")
    worker = await accounts.headers("worker", email="wim@example.nl")
    bad = {**coach, "X-On-Behalf-Of": "AAA"}

    async def one(n: int) -> tuple[str, int, str | None]:
        if n % 2:
            response = await client.get("/api/me/cv", headers=bad)
            return "bad", response.status_code, response.json().get("code")
        response = await client.get("/api/me/credentials", headers=worker)
        return "good", response.status_code, None

    results = await asyncio.gather(*(one(n) for n in range(40)))

    assert {r for r in results if r[0] == "bad"} == {("bad", 400, "invalid-parameter")}
    assert {r for r in results if r[0] == "good"} == {("good", 200, None)}
    assert app_engine(client).pool.checkedout() == 0  # type: ignore[attr-defined]
    assert await idle_in_transaction(engine) == 0


@pytest.mark.usefixtures("no_gc")
async def test_malformed_on_behalf_of_names_the_header(
    client: AsyncTestClient[Any], accounts: Accounts
) -> None:
    response = await client.get(
        "/api/me/cv", headers={**(await accounts.headers("coach")), "X-On-Behalf-Of": "AAA"}
    )
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid-parameter"
    assert body["errors"] == [
        {"message": "Invalid UUID", "key": "on_behalf_of", "source": "header"}
    ]
    assert app_engine(client).pool.checkedout() == 0  # type: ignore[attr-defined]


@pytest.mark.usefixtures("no_gc")
async def test_a_dependency_refusing_after_a_query_gives_the_connection_back(
    client: AsyncTestClient[Any], accounts: Accounts, engine: AsyncEngine
) -> None:
    """The coach's token and the consent are looked up before the refusal: the session that
    ran those queries must still be closed and its transaction ended."""
    coach = await accounts.headers("coach")
    for _ in range(3):
        response = await client.get(
            "/api/me/cv", headers={**coach, "X-On-Behalf-Of": str(uuid.uuid4())}
        )
        assert response.status_code == 403
        assert response.json()["code"] == "no-consent"
    assert app_engine(client).pool.checkedout() == 0  # type: ignore[attr-defined]
    assert await idle_in_transaction(engine) == 0


async def test_a_refusal_on_api_me_logs_no_error_and_leaks_nothing(
    client: AsyncTestClient[Any],
    accounts: Accounts,
    engine: AsyncEngine,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A 403 from a later dependency (employer token, coach without consent) leaves the
    request's session to one owner: nothing rolls back a session another close is ending
    (`IllegalStateChangeError` ... `Task exception was never retrieved`)."""
    refused = [
        (await accounts.headers("employer"), "wallet-forbidden"),
        ({**(await accounts.headers("coach")), "X-On-Behalf-Of": str(uuid.uuid4())}, "no-consent"),
    ]
    caplog.set_level(logging.DEBUG)
    for _ in range(3):
        for headers, code in refused:
            for path in ("/api/me/cv", "/api/me/audit", "/api/me/credentials"):
                response = await client.get(path, headers=headers)
                assert response.status_code == 403
                assert response.json()["code"] == code
    # What a forgotten generator or task does happens when the collector and the loop get to it.
    for _ in range(3):
        gc.collect()
        await asyncio.sleep(0.05)
    text_logged = caplog.text
    assert [r for r in caplog.records if r.levelno >= logging.ERROR] == []
    assert "never retrieved" not in text_logged
    assert "IllegalStateChangeError" not in text_logged
    assert app_engine(client).pool.checkedout() == 0  # type: ignore[attr-defined]
    assert await idle_in_transaction(engine) == 0
