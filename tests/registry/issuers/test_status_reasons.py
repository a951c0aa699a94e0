"""Why and when a credential was revoked or suspended: the issuer gives a reason code (and a
note for the holder), the registry keeps both with the date and shows them to the worker; a
missing body still works (reason "unspecified"), an unknown code is refused."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from registry.models import AuditEvent, Credential
from tests.registry.wallet_helpers import World


async def _status(world: World, ident: str, action: str, body: Any = None) -> Any:
    kwargs: dict[str, Any] = {} if body is None else {"json": body}
    return await world.client.post(
        f"/api/credentials/{ident}/{action}", headers=world.provider, **kwargs
    )


async def test_revoke_keeps_reason_note_and_date_and_the_worker_sees_them(world: World) -> None:
    worker = await world.person("worker", "noor@example.nl", "Noor Bakker")
    issued = await world.issue(worker)
    before = dt.datetime.now(dt.UTC).replace(microsecond=0)
    answer = await _status(
        world,
        issued["id"],
        "revoke",
        {"reason": "issued-in-error", "note": "Verkeerde module gekozen."},
    )
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert (body["status"], body["statusReason"], body["statusNote"]) == (
        "revoked",
        "issued-in-error",
        "Verkeerde module gekozen.",
    )
    assert dt.datetime.fromisoformat(body["statusChangedAt"]) >= before
    [item] = (await world.wallet(worker))["items"]
    assert item["statusReason"] == "issued-in-error"
    assert item["statusNote"] == "Verkeerde module gekozen."
    assert item["statusChangedAt"] == body["statusChangedAt"]


async def test_no_body_still_revokes_with_reason_unspecified(
    world: World, sessionmaker: async_sessionmaker[AsyncSession]
) -> None:
    worker = await world.person("worker", "joep@example.nl")
    issued = await world.issue(worker)
    answer = await _status(world, issued["id"], "revoke")
    assert answer.status_code == 200, answer.text
    assert answer.json()["statusReason"] == "unspecified"
    assert answer.json()["statusNote"] is None
    async with sessionmaker() as session:
        event = await session.scalar(
            select(AuditEvent).where(
                AuditEvent.subject == issued["id"], AuditEvent.action == "credential.revoked"
            )
        )
    assert event is not None
    assert event.details["reason"] == "unspecified"


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ({"reason": "lost-interest"}, "invalid-input"),
        ({"reason": "fraud", "note": "x" * 1001}, "invalid-input"),
        ({"reason": "fraud", "why": "unknown field"}, "invalid-input"),
    ],
)
async def test_unknown_reason_is_refused_and_nothing_changes(
    world: World, sessionmaker: async_sessionmaker[AsyncSession], body: Any, code: str
) -> None:
    worker = await world.person("worker", "bas@example.nl")
    issued = await world.issue(worker)
    answer = await _status(world, issued["id"], "revoke", body)
    assert answer.status_code == 422, answer.text
    assert answer.headers["content-type"].startswith("application/problem+json")
    assert answer.json()["code"] == code
    async with sessionmaker() as session:
        row = await session.scalar(
            select(Credential).where(Credential.credential_id == issued["id"])
        )
    assert row is not None
    assert (row.status, row.status_reason, row.status_changed_at) == ("active", None, None)


async def test_suspend_then_reinstate_clears_the_reason(world: World) -> None:
    worker = await world.person("worker", "ilse@example.nl")
    issued = await world.issue(worker)
    suspended = await _status(world, issued["id"], "suspend", {"reason": "under-investigation"})
    assert suspended.json()["statusReason"] == "under-investigation"
    [item] = (await world.wallet(worker))["items"]
    assert (item["status"], item["statusReason"]) == ("suspended", "under-investigation")
    reinstated = await _status(world, issued["id"], "reinstate")
    assert reinstated.status_code == 200, reinstated.text
    assert reinstated.json()["statusReason"] is None
    assert reinstated.json()["statusChangedAt"] >= suspended.json()["statusChangedAt"]
    [item] = (await world.wallet(worker))["items"]
    assert (item["status"], item["statusReason"], item["statusNote"]) == ("active", None, None)
