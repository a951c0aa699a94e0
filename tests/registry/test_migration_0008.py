"""Migration 0008 on credentials of before it: each keeps the address its issuer could see
then (that of a wallet no account owns), none for a wallet an account owns."""

from __future__ import annotations

import asyncio
import datetime as dt
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from sqlalchemy import insert, select

from registry.db import make_engine
from registry.migrate import alembic_config
from registry.models import Account, Credential, Wallet
from tests.registry.migration_helpers import database_at


@pytest.fixture
def database_at_0007(tmp_path: Path) -> Iterator[str]:
    yield from database_at(tmp_path, "0007", "m0008")


def _rows(now: dt.datetime) -> list[tuple[Any, dict[str, Any]]]:
    stamp = {"created_at": now, "updated_at": now}
    account_id = uuid.uuid4()
    rows: list[tuple[Any, dict[str, Any]]] = [
        (Account, {"id": account_id, "role": "worker", "name": "Sam", **stamp})
    ]
    for n, (email, owner) in enumerate(
        (("sam@example.nl", account_id), ("nog-niemand@example.nl", None))
    ):
        wallet_id = uuid.uuid4()
        wallet = {"id": wallet_id, "account_id": owner, "email": email, "name": "x"}
        rows.append((Wallet, {**wallet, "holder_did": f"did:key:{n}", "wrapped_key": "-", **stamp}))
        credential = {"id": uuid.uuid4(), "credential_id": f"urn:uuid:{n}", "wallet_id": wallet_id}
        rows.append(
            (
                Credential,
                {
                    **credential,
                    "kind": "module-certificate",
                    "source": "issued",
                    "verified": True,
                    "achievement_id": "https://example.nl/m",
                    "achievement_name": "M",
                    "jws": "x",
                    "status": "active",
                    "issued_at": now,
                    "sectors": [],
                    **stamp,
                },
            )
        )
    return rows


async def _fill(url: str) -> None:
    engine = make_engine(url)
    async with engine.begin() as connection:
        for model, row in _rows(dt.datetime.now(dt.UTC)):
            await connection.execute(insert(model.__table__).values(row))
    await engine.dispose()


async def _read(url: str) -> list[tuple[str, str | None]]:
    engine = make_engine(url)
    async with engine.connect() as connection:
        rows = await connection.execute(
            select(Credential.credential_id, Credential.holder_email).order_by(
                Credential.credential_id
            )
        )
        found = [(row[0], row[1]) for row in rows]
    await engine.dispose()
    return found


def test_0008_keeps_the_address_an_issuer_could_see(database_at_0007: str) -> None:
    asyncio.run(_fill(database_at_0007))
    command.upgrade(alembic_config(database_at_0007), "head")
    assert asyncio.run(_read(database_at_0007)) == [
        ("urn:uuid:0", None),
        ("urn:uuid:1", "nog-niemand@example.nl"),
    ]
