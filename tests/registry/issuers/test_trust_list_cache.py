"""The registry verifies with a trust list it builds again only when what it is built from
changed: an accreditation ended or added, a module made. A stale list would keep trusting an
issuer the operator has just stopped trusting, or refuse a module made a moment ago."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from registry.issuers import trust_lists
from registry.settings import Settings
from tests.registry.wallet_helpers import World


async def _verdict(world: World, credential: str) -> str:
    verdict: str = (await world.verify({"credential": credential}))["verdict"]
    return verdict


async def test_the_trust_list_follows_accreditations_and_new_modules(
    world: World, settings: Settings, sessionmaker: async_sessionmaker[AsyncSession]
) -> None:
    worker = await world.person("worker", "kim@example.nl", "Kim")
    issued = await world.issue(worker)
    assert await _verdict(world, issued["credential"]) == "valid"
    async with sessionmaker() as session:
        first = await trust_lists.current_trust_list(session, settings)
        assert await trust_lists.current_trust_list(session, settings) is first  # reused

    listed = await world.client.get("/api/accreditations", headers=world.operator)
    [accreditation] = [a for a in listed.json() if a["provider"] == "opleider-a"]
    ended = await world.client.delete(
        f"/api/accreditations/{accreditation['id']}", headers=world.operator
    )
    assert ended.status_code == 200
    async with sessionmaker() as session:
        after = await trust_lists.current_trust_list(session, settings)
    assert after is not first
    [provider] = [i for i in after.issuers if i.name == "Opleider A"]
    assert all(a.valid_until is not None for a in provider.accreditations)
    # What it issued while accredited stays valid; nothing new can be issued now.
    assert await _verdict(world, issued["credential"]) == "valid"

    await world.accredit("opleider-a", "module-certificate")

    # A module made after the list was last built is in the next one.
    newer = await world.catalogue.module(title="Thuisbatterij installeren")
    other = await world.issue(worker, newer["id"])
    assert await _verdict(world, other["credential"]) == "valid"
    async with sessionmaker() as session:
        assert await trust_lists.current_trust_list(session, settings) is not first
