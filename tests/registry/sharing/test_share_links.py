"""Share links stay retrievable by their owner: sealed at rest (never in plain, bound to their
share), listed again for the worker (not for a coach); shares from before keep only a hash and
can get a new link. Revoked credentials cannot be shared. Names, never addresses, go back to
whoever did not give the address."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from registry.models import Share
from registry.settings import Settings
from registry.sharing.share_links import link_of
from tests.registry.wallet_helpers import World

Maker = async_sessionmaker[AsyncSession]


async def _shares(world: World, headers: dict[str, str]) -> list[dict[str, Any]]:
    answer = await world.client.get("/api/me/shares", headers=headers)
    assert answer.status_code == 200, answer.text
    result: list[dict[str, Any]] = answer.json()
    return result


async def test_the_link_is_listed_again_and_kept_only_sealed(
    world: World, sessionmaker: Maker, settings: Settings
) -> None:
    worker = await world.person("worker", "kim@example.nl")
    issued = await world.issue(worker)
    share = await world.share(worker, [issued["id"]], "hr@example.com")
    [listed] = await _shares(world, worker.headers)
    assert (listed["url"], listed["linkKept"]) == (share["url"], True)
    async with sessionmaker() as session:
        row = await session.get(Share, UUID(share["id"]))
    assert row is not None
    assert row.sealed_token is not None
    assert share["token"] not in row.sealed_token
    assert link_of(Settings(database_url="", secret_key="another-secret"), row) is None
    # A sealed token copied onto another share does not open there.
    row.id = UUID(int=1)
    assert link_of(settings, row) is None


async def test_a_coach_does_not_get_the_link(world: World) -> None:
    worker = await world.person("worker", "ans@example.nl")
    coach = await world.person("coach", "coach@example.nl", "Coach Carla")
    consent = await world.client.post(
        "/api/me/consents", json={"coachId": coach.id}, headers=worker.headers
    )
    assert consent.status_code == 201, consent.text
    issued = await world.issue(worker)
    share = await world.share(worker, [issued["id"]], "hr@example.com")
    # Shares are the worker's alone: a coach, even with consent, neither lists them (with
    # their links) nor makes a new link.
    listed = await world.client.get("/api/me/shares", headers=coach.acting_for(worker))
    assert (listed.status_code, listed.json()["code"]) == (403, "worker-only")
    renewed = await world.client.post(
        f"/api/me/shares/{share['id']}/link", headers=coach.acting_for(worker)
    )
    assert (renewed.status_code, renewed.json()["code"]) == (403, "worker-only")


async def test_a_share_from_before_gets_a_new_link_and_the_old_one_stops(
    world: World, sessionmaker: Maker
) -> None:
    worker = await world.person("worker", "piet@example.nl")
    issued = await world.issue(worker)
    share = await world.share(worker, [issued["id"]], "hr@example.com")
    async with sessionmaker() as session, session.begin():
        await session.execute(update(Share).values(sealed_token=None))  # kept as a hash only
    [listed] = await _shares(world, worker.headers)
    assert (listed["url"], listed["linkKept"]) == (None, False)

    renewed = await world.client.post(f"/api/me/shares/{share['id']}/link", headers=worker.headers)
    assert renewed.status_code == 201, renewed.text
    url = renewed.json()["url"]
    assert url != share["url"]
    json_accept = {"Accept": "application/json"}
    assert (await world.client.get(share["url"], headers=json_accept)).status_code == 404
    assert (await world.client.get(url, headers=json_accept)).status_code == 200
    [listed] = await _shares(world, worker.headers)
    assert (listed["url"], listed["linkKept"]) == (url, True)
    assert listed["views"]  # the share is the same one, its history kept

    other = await world.person("worker", "jan@example.nl")
    refused = await world.client.post(f"/api/me/shares/{share['id']}/link", headers=other.headers)
    assert refused.status_code == 404
    await world.client.delete(f"/api/me/shares/{share['id']}", headers=worker.headers)
    gone = await world.client.post(f"/api/me/shares/{share['id']}/link", headers=worker.headers)
    assert (gone.status_code, gone.json()["code"]) == (410, "share-withdrawn")


async def test_a_revoked_credential_cannot_be_shared(world: World, sessionmaker: Maker) -> None:
    worker = await world.person("worker", "eva@example.nl")
    issued = await world.issue(worker)
    await world.revoke(issued["id"])
    answer = await world.client.post(
        "/api/me/shares",
        json={"credentialIds": [issued["id"]], "recipient": "hr@example.com"},
        headers=worker.headers,
    )
    assert answer.status_code == 422, answer.text
    assert answer.json()["code"] == "credential-not-shareable"
    async with sessionmaker() as session:
        assert (await session.scalars(select(Share))).all() == []


async def test_issuing_by_worker_id_does_not_return_the_workers_address(world: World) -> None:
    worker = await world.person("worker", "geheim@example.nl", "Sam de Vries")
    answer = await world.client.post(
        "/api/credentials",
        json={
            "kind": "module-certificate",
            "moduleId": world.module["id"],
            "holder": {"workerId": worker.id},
        },
        headers=world.provider,
    )
    assert answer.status_code == 201, answer.text
    assert answer.json()["holder"]["name"] == "Sam de Vries"
    assert answer.json()["holder"]["email"] is None
    assert "geheim@example.nl" not in answer.text


async def test_sharing_to_an_account_id_names_the_account_not_its_address(world: World) -> None:
    worker = await world.person("worker", "lisa@example.nl")
    employer = await world.person("employer", "hr@bouwbedrijf.example", "Bouwbedrijf Jansen")
    issued = await world.issue(worker)
    await world.share(worker, [issued["id"]], employer.id)
    answer = await world.client.get("/api/me/shares", headers=worker.headers)
    [listed] = answer.json()
    assert (listed["recipient"], listed["recipientName"]) == (employer.id, "Bouwbedrijf Jansen")
    assert "hr@bouwbedrijf.example" not in answer.text
    audit = await world.client.get("/api/me/audit", headers=worker.headers)
    assert audit.status_code == 200
    assert "hr@bouwbedrijf.example" not in audit.text
    received = await world.client.get("/api/shares/received", headers=employer.headers)
    assert [r["id"] for r in received.json()] == [listed["id"]]
    # An address the worker typed is shown as typed, never turned into whose account it is.
    await world.share(worker, [issued["id"]], "hr@bouwbedrijf.example")
    newest = (await world.client.get("/api/me/shares", headers=worker.headers)).json()[0]
    assert (newest["recipient"], newest["recipientName"]) == ("hr@bouwbedrijf.example", None)
