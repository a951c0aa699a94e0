"""Shares: links, recipients, expiry and withdrawal (410), and the view log the worker sees."""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from typing import Any
from uuid import UUID

import pytest
from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from registry.accounts.accounts import create_account
from registry.models import AuditEvent, Job, Share
from tests.registry.wallet_helpers import World

VP = "application/vp+jwt"


async def test_share_link_shows_presentation_and_verification(world: World) -> None:
    worker = await world.person("worker", "sanne@example.nl", "Sanne de Vries")
    issued = await world.issue(worker)
    share = await world.share(worker, [issued["id"]], "hr@example.com")
    response = await world.client.get(share["url"])
    assert response.status_code == 200, response.text
    page = response.json()
    assert page["holderName"] == "Sanne de Vries"
    assert page["verification"]["verdict"] == "valid"
    assert [c["achievement"] for c in page["credentials"]] == ["Laadpaalmonteur"]
    assert page["presentation"].count(".") == 2
    assert response.headers["cache-control"] == "no-store"


async def test_token_is_stored_only_as_a_hash(
    world: World, sessionmaker: async_sessionmaker[AsyncSession]
) -> None:
    worker = await world.person("worker", "kim@example.nl")
    issued = await world.issue(worker)
    share = await world.share(worker, [issued["id"]], "hr@example.com")
    async with sessionmaker() as session:
        row = await session.get(Share, UUID(share["id"]))
    assert row is not None
    assert row.token_hash == hashlib.sha256(share["token"].encode()).hexdigest()
    assert share["token"] not in row.token_hash


async def test_withdrawn_share_answers_410(world: World) -> None:
    worker = await world.person("worker", "joost@example.nl")
    issued = await world.issue(worker)
    share = await world.share(worker, [issued["id"]], "hr@example.com")
    response = await world.client.delete(f"/api/me/shares/{share['id']}", headers=worker.headers)
    assert response.status_code == 200
    assert response.json()["state"] == "withdrawn"
    for accept in ("application/json", VP):
        response = await world.client.get(share["url"], headers={"Accept": accept})
        assert response.status_code == 410, response.text
        assert response.json()["code"] == "share-withdrawn"
        assert response.headers["content-type"].startswith("application/problem+json")
    response = await world.client.post("/api/verify", json={"share": share["url"]})
    assert response.status_code == 410


async def test_expired_share_answers_410(
    world: World, sessionmaker: async_sessionmaker[AsyncSession]
) -> None:
    worker = await world.person("worker", "eva@example.nl")
    issued = await world.issue(worker)
    soon = (dt.datetime.now(dt.UTC) + dt.timedelta(minutes=5)).isoformat()
    share = await world.share(worker, [issued["id"]], "hr@example.com", expiresAt=soon)
    assert (await world.client.get(share["url"])).status_code == 200
    async with sessionmaker() as session, session.begin():
        await session.execute(
            update(Share)
            .where(Share.id == UUID(share["id"]))
            .values(expires_at=dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1))
        )
    response = await world.client.get(share["url"])
    assert response.status_code == 410
    assert response.json()["code"] == "share-expired"
    shares = (await world.client.get("/api/me/shares", headers=worker.headers)).json()
    assert shares[0]["state"] == "expired"


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"expiresAt": "2001-01-01T00:00:00Z"}, "bad-expiry"),
        ({"expiresAt": "2999-01-01T00:00:00Z"}, "bad-expiry"),
        ({"recipient": "not an address"}, "bad-recipient"),
        (
            {"credentialIds": ["urn:uuid:00000000-0000-0000-0000-000000000000"]},
            "unknown-credential",
        ),
    ],
)
async def test_bad_shares_are_refused(world: World, changes: dict[str, Any], code: str) -> None:
    worker = await world.person("worker", "lotte@example.nl")
    issued = await world.issue(worker)
    body = {"credentialIds": [issued["id"]], "recipient": "hr@example.com"} | changes
    response = await world.client.post("/api/me/shares", json=body, headers=worker.headers)
    assert response.status_code == 422, response.text
    assert response.json()["code"] == code


async def test_only_a_verified_employer_account_id_can_be_a_recipient(
    world: World, sessionmaker: async_sessionmaker[AsyncSession]
) -> None:
    worker = await world.person("worker", "lotte@example.nl")
    issued = await world.issue(worker)
    jobs = await _count(sessionmaker, Job)
    other_worker = await world.person("worker", "piet@example.nl", "Piet Worker")
    operator = await world.person("operator", "op@example.nl", "De Operator")
    async with sessionmaker() as session, session.begin():
        unproven = await create_account(
            session, role="employer", name="Niet Bevestigd", email="x@example.nl", verified=False
        )
    answers = []
    for recipient in (other_worker.id, operator.id, str(unproven.id), str(uuid.uuid4())):
        body = {"credentialIds": [issued["id"]], "recipient": recipient}
        response = await world.client.post("/api/me/shares", json=body, headers=worker.headers)
        assert response.status_code == 422, response.text
        answers.append({k: response.json()[k] for k in ("code", "detail")})
        assert "Piet" not in response.text
        assert "Operator" not in response.text
    # The same answer whether the id is an account or nothing at all.
    assert answers == [answers[0]] * 4
    assert answers[0]["code"] == "recipient-not-employer"
    assert await _count(sessionmaker, Share) == 0
    assert await _count(sessionmaker, Job) == jobs  # no notice mailed
    employer = await world.person("employer", "hr@bouw.example", "Bouw BV")
    share = await world.share(worker, [issued["id"]], employer.id)
    assert share["url"]


async def _count(sessionmaker: async_sessionmaker[AsyncSession], model: Any) -> int:
    async with sessionmaker() as session:
        return int(await session.scalar(select(func.count()).select_from(model)) or 0)


async def test_cannot_share_someone_elses_credential(world: World) -> None:
    alice = await world.person("worker", "alice@example.nl")
    bob = await world.person("worker", "bob@example.nl")
    issued = await world.issue(alice)
    response = await world.client.post(
        "/api/me/shares",
        json={"credentialIds": [issued["id"]], "recipient": "hr@example.com"},
        headers=bob.headers,
    )
    assert response.status_code == 422
    assert response.json()["missing"] == [issued["id"]]


async def test_employer_sees_only_shares_addressed_to_them(world: World) -> None:
    worker = await world.person("worker", "sanne@example.nl", "Sanne de Vries")
    first = await world.person("employer", "hr@first.example")
    second = await world.person("employer", "hr@second.example")
    issued = await world.issue(worker)
    share = await world.share(worker, [issued["id"]], "HR@first.example")
    received = (await world.client.get("/api/shares/received", headers=first.headers)).json()
    assert [(r["id"], r["holderName"], r["achievements"]) for r in received] == [
        (share["id"], "Sanne de Vries", ["Laadpaalmonteur"])
    ]
    assert (await world.client.get("/api/shares/received", headers=second.headers)).json() == []
    response = await world.client.get(received[0]["url"], headers=second.headers)
    assert response.status_code == 404
    response = await world.client.get(received[0]["url"], headers=first.headers)
    assert response.status_code == 200, response.text
    assert response.json()["verification"]["verdict"] == "valid"
    response = await world.client.get(received[0]["url"], headers={**first.headers, "Accept": VP})
    assert response.text.count(".") == 2

    # Whoever holds the link may open it; then it shows in their list too.
    assert (await world.client.get(share["url"], headers=second.headers)).status_code == 200
    received = (await world.client.get("/api/shares/received", headers=second.headers)).json()
    assert [r["id"] for r in received] == [share["id"]]


async def test_share_to_an_account_id(world: World) -> None:
    worker = await world.person("worker", "kim@example.nl")
    employer = await world.person("employer", None)
    issued = await world.issue(worker)
    share = await world.share(worker, [issued["id"]], employer.id)
    received = (await world.client.get("/api/shares/received", headers=employer.headers)).json()
    assert [r["id"] for r in received] == [share["id"]]
    response = await world.client.post(
        "/api/me/shares",
        json={"credentialIds": [issued["id"]], "recipient": "7d3f0c3e-0000-4000-8000-000000000000"},
        headers=worker.headers,
    )
    assert response.status_code == 422
    assert response.json()["code"] == "recipient-not-employer"


async def test_every_view_is_logged_and_visible_to_the_worker(
    world: World, sessionmaker: async_sessionmaker[AsyncSession]
) -> None:
    worker = await world.person("worker", "sanne@example.nl")
    employer = await world.person("employer", "hr@first.example", "Installatiebedrijf Noord")
    issued = await world.issue(worker)
    share = await world.share(worker, [issued["id"]], employer.email or "")
    await world.client.get(share["url"])  # anonymous, by link
    await world.client.get(share["url"], headers={**employer.headers, "Accept": VP})
    await world.verify({"share": share["url"]}, headers=employer.headers)
    await world.client.get(f"/api/shares/received/{share['id']}", headers=employer.headers)

    shares = (await world.client.get("/api/me/shares", headers=worker.headers)).json()
    views = shares[0]["views"]
    assert len(views) == 4
    assert views[0]["viewerKind"] == "anyone-with-link"
    assert views[0].get("viewerId") is None
    assert all(v["viewerId"] == employer.id for v in views[1:])
    assert all(v["viewer"] == "Installatiebedrijf Noord" for v in views[1:])

    trail = (await world.client.get("/api/me/audit", headers=worker.headers)).json()
    viewed = [e for e in trail if e["action"] == "share.viewed"]
    assert sorted(e["details"]["via"] for e in viewed) == ["link", "link", "received", "verify"]
    assert {e["action"] for e in trail} >= {"share.created", "share.viewed"}
    async with sessionmaker() as session:
        count = len(
            list(
                await session.scalars(select(AuditEvent).where(AuditEvent.action == "share.viewed"))
            )
        )
    assert count == 4


async def test_share_several_credentials_in_order(world: World) -> None:
    worker = await world.person("worker", "sanne@example.nl")
    first = await world.issue(worker)
    second = await world.issue(worker, reissue=True)
    rows = {c["credentialId"]: c["id"] for c in (await world.wallet(worker))["items"]}
    share = await world.share(worker, [second["id"], rows[first["id"]]], "hr@example.com")
    shares = (await world.client.get("/api/me/shares", headers=worker.headers)).json()
    assert shares[0]["credentialIds"] == [second["id"], first["id"]]
    report = await world.verify({"share": share["url"]})
    assert report["verdict"] == "valid"
    assert [r["credential"]["id"] for r in report["credentials"]] == [second["id"], first["id"]]
