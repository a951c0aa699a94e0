"""Migration 0006 on a database with data of before it: EVC competences recounted from the
signed record (a failed werkproces drops out), revoked credentials get reason "unspecified"
and the date of their revocation from the audit log, old shares are marked as link-not-kept."""

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

from credentials.issue import issue_evc
from credentials.keys import SigningKey, did_key
from registry.db import make_engine
from registry.migrate import alembic_config
from registry.models import Account, AuditEvent, Credential, Share, Wallet
from schemas.credentials import Party
from tests.credentials.test_issue import evc_input
from tests.registry.migration_helpers import database_at

REVOKED_AT = dt.datetime(2026, 11, 3, 9, 30, tzinfo=dt.UTC)


@pytest.fixture
def old_database(tmp_path: Path) -> Iterator[str]:
    """A database of its own at revision 0004."""
    yield from database_at(tmp_path, "0004", "m0006")


def _rows(now: dt.datetime) -> dict[str, list[dict[str, Any]]]:
    """An EVC record (one werkproces behaald, one not) stored with both as competences, as
    issuance did before 0006; a revoked deelcertificaat; a share kept as a hash only."""
    holder = SigningKey.generate()
    account_id, wallet_id = uuid.uuid4(), uuid.uuid4()
    record = issue_evc(
        evc_input(holder=Party(id=did_key(holder.public), name="Sam"), status=[]),
        SigningKey.generate(),
        kid="did:web:registry.example:issuers:evc#k",
    )
    stamp = {"created_at": now, "updated_at": now}
    credential = {
        "wallet_id": wallet_id,
        "source": "issued",
        "verified": True,
        "issuer_slug": "evc",
        "achievement_id": "https://example.nl/standaard",
        "achievement_name": "Standaard",
        "jws": record.jws,
        "status": "active",
        "issued_at": now,
        "sectors": [],
        **stamp,
    }
    both = [
        {"uri": "https://x.example/W1", "label": "Bereidt de werkzaamheden voor", "framework": ""},
        {"uri": "https://x.example/W2", "label": "Installeert", "framework": ""},
    ]
    return {
        "account": [{"id": account_id, "role": "worker", "name": "Sam", **stamp}],
        "wallet": [
            {
                "id": wallet_id,
                "account_id": account_id,
                "name": "Sam",
                "holder_did": did_key(holder.public),
                "wrapped_key": "-",
                **stamp,
            }
        ],
        "credential": [
            {
                **credential,
                "id": uuid.uuid4(),
                "credential_id": record.id,
                "kind": "evc",
                "competences": both,
            },
            {
                **credential,
                "id": uuid.uuid4(),
                "credential_id": "urn:uuid:revoked",
                "jws": "x",
                "kind": "module-certificate",
                "status": "revoked",
                "competences": [],
            },
        ],
        "share": [
            {
                "id": uuid.uuid4(),
                "wallet_id": wallet_id,
                "token_hash": "0" * 64,
                "recipient": "hr@example.nl",
                "credential_ids": [record.id],
                "nonce": "n",
                "expires_at": now + dt.timedelta(days=30),
                "created_by": account_id,
                **stamp,
            }
        ],
        "audit_event": [
            {
                "at": REVOKED_AT - dt.timedelta(days=1),
                "action": "credential.issued",
                "subject": "urn:uuid:revoked",
                "details": {},
            },
            {
                "at": REVOKED_AT,
                "action": "credential.revoked",
                "subject": "urn:uuid:revoked",
                "details": {},
            },
        ],
    }


async def _fill(url: str) -> None:
    tables = {
        "account": Account,
        "wallet": Wallet,
        "credential": Credential,
        "share": Share,
        "audit_event": AuditEvent,
    }
    engine = make_engine(url)
    async with engine.begin() as connection:
        for name, rows in _rows(dt.datetime.now(dt.UTC)).items():
            table = tables[name].__table__
            for row in rows:
                # Only the columns of 0004: the model's newer columns do not exist yet.
                await connection.execute(insert(table).values(row))  # type: ignore[arg-type]
    await engine.dispose()


async def _read(url: str) -> tuple[list[Any], list[Any]]:
    engine = make_engine(url)
    async with engine.connect() as connection:
        credentials = (
            await connection.execute(
                select(
                    Credential.kind,
                    Credential.competences,
                    Credential.status_reason,
                    Credential.status_changed_at,
                ).order_by(Credential.kind)
            )
        ).all()
        shares = (await connection.execute(select(Share.sealed_token))).all()
    await engine.dispose()
    return list(credentials), list(shares)


def test_0006_recounts_evc_competences_and_dates_old_revocations(old_database: str) -> None:
    asyncio.run(_fill(old_database))
    command.upgrade(alembic_config(old_database), "head")
    credentials, shares = asyncio.run(_read(old_database))
    (evc_kind, evc_competences, evc_reason, _), (_, _, reason, since) = credentials
    assert evc_kind == "evc"
    assert [c["label"] for c in evc_competences] == ["Bereidt de werkzaamheden voor"]
    assert evc_reason is None
    assert (reason, since) == ("unspecified", REVOKED_AT)
    assert shares == [(None,)]
